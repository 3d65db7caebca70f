import { randomUUID } from 'node:crypto';
import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';
import { redisScript } from '#src/store/redis-script.ts';
import { WEEK_STATE_TTL_SECONDS } from './nudge-store.ts';

/**
 * The guard against a second DM for the same person, week and kind (weekly, follow-up, each
 * redelivery), whatever retries, crashes or extra worker processes happen.
 *
 * Before posting, an attempt claims the marker with `SET NX` (value `pending:<job id>:<attempt
 * token>:<claimed at, epoch ms>`, TTL 9 days); after Slack accepted the post it is confirmed
 * (`sent`). The attempt token is fresh for every attempt, so each attempt owns its claim alone: a
 * release or take-over compares the exact value, and two attempts of one job (same job id, even at
 * the same clock millisecond) never mistake each other's claim for their own. If Slack refused the
 * post (an error code, a 429) the claim is released so a retry can send. If the outcome is unknown
 * (a 5xx, `internal_error`, a broken connection: Slack may have posted) the claim stays, and the
 * retry settles it like a crash's, below. When Slack did not answer at all (the client's timeout,
 * the connection dropped), Slack may still be working on the post, so the claim records when the
 * attempt gave up (`…:<claimed at>:<unanswered at>`) and nobody looks it up before
 * UNANSWERED_WAIT_MS have passed since.
 *
 * A claim never confirmed means its attempt stopped between claiming and confirming: before its
 * post left (nothing delivered) or after (delivered). Redis cannot tell the two apart, so the nudge
 * processor asks Slack (src/nudges/settle-claim.ts; every nudge DM carries its week and kind as message
 * metadata, find-delivered-nudge.ts): delivered → confirm; not delivered → `takeOver` the claim and
 * post. It asks when the claim is its own job's (BullMQ hands a dead worker's job out again, same
 * id, once its lock expired) or another job's older than STALE_CLAIM_MS (a younger one is in
 * flight), and never before the claim is IN_FLIGHT_MS old, so a post that left in time has landed.
 * The take-over is a compare-and-set from the exact value read, so of two processes recovering the
 * same claim only one posts.
 *
 * What remains:
 * - a process frozen, not dead, between its claim and its post for longer than its job lock, whose
 *   post leaves after another process's lookup found nothing: two DMs;
 * - when Slack cannot answer the lookup (a workspace installed before `im:history`), the job does
 *   not resend (`skipped_uncertain`): at most once, as before the lookup existed;
 * - a post that Slack only adds to the DM's history more than UNANSWERED_WAIT_MS after the request
 *   it did not answer (we know of no such delay): two DMs, unless the resend's own check finds both
 *   copies and deletes the newer one (src/nudges/delete-newer-copies.ts).
 */
export type Claim =
  | { result: 'claimed'; value: string }
  | { result: 'sent' }
  /**
   * Unconfirmed: `pending-own` when an earlier attempt of the same job made it. `claimedAt` is
   * undefined for claims written before it was recorded; `unansweredAt` is set when that attempt's
   * post got no answer from Slack.
   */
  | {
      result: 'pending-own' | 'pending-other';
      value: string;
      claimedAt: number | undefined;
      unansweredAt?: number;
    };

/**
 * A post sent just before its process died may still be on its way to Slack's history: the
 * background client waits 10 s for Slack's answer. A claim younger than this is not looked up yet.
 */
export const IN_FLIGHT_MS = 15_000;

/**
 * A live attempt holds its claim for one chat.postMessage (at most those 10 s), so another job's
 * unconfirmed claim this old belongs to an attempt that died (or is frozen).
 */
export const STALE_CLAIM_MS = 2 * 60_000;

/**
 * A post Slack did not answer within the client's 10 s may still be posted afterwards (Slack
 * finishing it late): its claim is not looked up until this long after the attempt gave up, well
 * past the client's timeout (a Slack answering after 20 s is found, not posted again).
 */
export const UNANSWERED_WAIT_MS = 2 * 60_000;

// SET NX, or the value that is already there (never empty), in one step.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX') then return '' end
return redis.call('GET', KEYS[1])
`;

// Replaces the claim only if it still holds exactly the value the caller read.
const TAKE_OVER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
`;

// Appends the time the post went unanswered, only if the claim is still exactly ours.
const MARK_UNANSWERED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
  return 1
end
return 0
`;

// Deletes the claim only if it is still ours and unconfirmed.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const claimScript = redisScript(CLAIM);
const takeOverScript = redisScript(TAKE_OVER);
const markUnansweredScript = redisScript(MARK_UNANSWERED);
const releaseScript = redisScript(RELEASE);

export interface SentMarkers {
  claim(teamId: string, userId: string, weekKey: string, kind: string, owner: string): Promise<Claim>;
  /** Replaces the unconfirmed claim `from` with a fresh one of `owner`; undefined if it changed meanwhile. */
  takeOver(
    teamId: string,
    userId: string,
    weekKey: string,
    kind: string,
    from: string,
    owner: string,
  ): Promise<string | undefined>;
  confirm(teamId: string, userId: string, weekKey: string, kind: string): Promise<void>;
  /**
   * Records that the post under claim `value` got no answer from Slack (it may still land); returns
   * the claim's new value, or undefined if it changed meanwhile.
   */
  markUnanswered(
    teamId: string,
    userId: string,
    weekKey: string,
    kind: string,
    value: string,
  ): Promise<string | undefined>;
  /** Deletes the claim `value` (as `claim` or `takeOver` returned it) if it is still there. */
  release(teamId: string, userId: string, weekKey: string, kind: string, value: string): Promise<void>;
  /** True once claimed (sent, or a claim still pending): nothing more goes out for that week and kind. */
  isSent(teamId: string, userId: string, weekKey: string, kind: string): Promise<boolean>;
  /** `pending` is a claim that was never confirmed (in flight, or its process died). */
  state(teamId: string, userId: string, weekKey: string, kind: string): Promise<'none' | 'pending' | 'sent'>;
}

/**
 * Reads `pending:<owner>:<attempt>:<ms>[:<unanswered ms>]`, and the older `pending:<owner>:<ms>`
 * and `pending:<owner>` (job ids never contain ':').
 */
function parsePending(value: string): {
  owner: string;
  claimedAt: number | undefined;
  unansweredAt?: number;
} {
  const [owner = '', ...rest] = value.slice('pending:'.length).split(':');
  const time = (text: string | undefined) =>
    text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  if (rest.length === 1) return { owner, claimedAt: time(rest[0]) };
  const unansweredAt = time(rest[2]);
  return { owner, claimedAt: time(rest[1]), ...(unansweredAt !== undefined ? { unansweredAt } : {}) };
}

export function createSentMarkers(redis: RedisClient, clock: Clock): SentMarkers {
  const pendingValue = (owner: string) =>
    `pending:${owner}:a${randomUUID().replaceAll('-', '')}:${clock.now().getTime()}`;
  return {
    async claim(teamId, userId, weekKey, kind, owner) {
      const value = pendingValue(owner);
      const current = (await claimScript(
        redis,
        [keys.nudgeSent(teamId, userId, weekKey, kind)],
        [value, String(WEEK_STATE_TTL_SECONDS)],
      )) as string;
      if (current === '') return { result: 'claimed', value };
      if (current === 'sent') return { result: 'sent' };
      const pending = parsePending(current);
      return {
        result: pending.owner === owner ? 'pending-own' : 'pending-other',
        value: current,
        claimedAt: pending.claimedAt,
        ...(pending.unansweredAt !== undefined ? { unansweredAt: pending.unansweredAt } : {}),
      };
    },
    async takeOver(teamId, userId, weekKey, kind, from, owner) {
      const value = pendingValue(owner);
      const replaced = await takeOverScript(
        redis,
        [keys.nudgeSent(teamId, userId, weekKey, kind)],
        [from, value, String(WEEK_STATE_TTL_SECONDS)],
      );
      return replaced === 1 ? value : undefined;
    },
    async confirm(teamId, userId, weekKey, kind) {
      await redis.set(keys.nudgeSent(teamId, userId, weekKey, kind), 'sent', 'EX', WEEK_STATE_TTL_SECONDS);
    },
    async markUnanswered(teamId, userId, weekKey, kind, value) {
      const next = `${value}:${clock.now().getTime()}`;
      const marked = await markUnansweredScript(
        redis,
        [keys.nudgeSent(teamId, userId, weekKey, kind)],
        [value, next],
      );
      return marked === 1 ? next : undefined;
    },
    async release(teamId, userId, weekKey, kind, value) {
      await releaseScript(redis, [keys.nudgeSent(teamId, userId, weekKey, kind)], [value]);
    },
    async isSent(teamId, userId, weekKey, kind) {
      return (await redis.exists(keys.nudgeSent(teamId, userId, weekKey, kind))) === 1;
    },
    async state(teamId, userId, weekKey, kind) {
      const value = await redis.get(keys.nudgeSent(teamId, userId, weekKey, kind));
      return value === null ? 'none' : value === 'sent' ? 'sent' : 'pending';
    },
  };
}
