import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';
import { WEEK_STATE_TTL_SECONDS } from './nudge-store.ts';

/**
 * The guard against a second DM for the same person, week and kind (weekly, follow-up, each
 * redelivery), whatever retries, crashes or extra worker processes happen.
 *
 * Before posting, a job claims the marker with `SET NX` (value `pending:<job id>:<claimed at, epoch
 * ms>`, TTL 9 days); after Slack accepted the post it is confirmed (`sent`). If Slack refused the
 * post (an error code, a 429) the claim is released so a retry can send. If the outcome is unknown
 * (a 5xx, `internal_error`, a timeout, a broken connection: Slack may have posted) the claim stays,
 * and the retry settles it like a crash's, below.
 *
 * A claim never confirmed means its attempt stopped between claiming and confirming: before its
 * post left (nothing delivered) or after (delivered). Redis cannot tell the two apart, so the nudge
 * processor asks Slack (jobs/send-nudge.ts; every nudge DM carries its week and kind as message
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
 * - a post that Slack only adds to the DM's history more than IN_FLIGHT_MS after the failed request
 *   (we know of no such delay): two DMs.
 */
export type Claim =
  | { result: 'claimed'; value: string }
  | { result: 'sent' }
  /** Unconfirmed. `claimedAt` is undefined for claims written before it was recorded. */
  | { result: 'pending-own' | 'pending-other'; value: string; claimedAt: number | undefined };

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

// Deletes the claim only if it is still ours and unconfirmed.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

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
  /** Deletes the claim `value` (as `claim` or `takeOver` returned it) if it is still there. */
  release(teamId: string, userId: string, weekKey: string, kind: string, value: string): Promise<void>;
  /** True once claimed (sent, or a claim still pending): nothing more goes out for that week and kind. */
  isSent(teamId: string, userId: string, weekKey: string, kind: string): Promise<boolean>;
  /** `pending` is a claim that was never confirmed (in flight, or its process died). */
  state(teamId: string, userId: string, weekKey: string, kind: string): Promise<'none' | 'pending' | 'sent'>;
}

/** Reads `pending:<owner>:<ms>` (or `pending:<owner>`, the format before the time was recorded). */
function parsePending(value: string): { owner: string; claimedAt: number | undefined } {
  const rest = value.slice('pending:'.length);
  const timed = /^(.*):(\d+)$/.exec(rest);
  if (timed?.[1] !== undefined && timed[2] !== undefined) {
    return { owner: timed[1], claimedAt: Number(timed[2]) };
  }
  return { owner: rest, claimedAt: undefined };
}

export function createSentMarkers(redis: RedisClient, clock: Clock): SentMarkers {
  const pendingValue = (owner: string) => `pending:${owner}:${clock.now().getTime()}`;
  return {
    async claim(teamId, userId, weekKey, kind, owner) {
      const value = pendingValue(owner);
      const current = (await redis.eval(
        CLAIM,
        1,
        keys.nudgeSent(teamId, userId, weekKey, kind),
        value,
        WEEK_STATE_TTL_SECONDS,
      )) as string;
      if (current === '') return { result: 'claimed', value };
      if (current === 'sent') return { result: 'sent' };
      const pending = parsePending(current);
      return {
        result: pending.owner === owner ? 'pending-own' : 'pending-other',
        value: current,
        claimedAt: pending.claimedAt,
      };
    },
    async takeOver(teamId, userId, weekKey, kind, from, owner) {
      const value = pendingValue(owner);
      const replaced = await redis.eval(
        TAKE_OVER,
        1,
        keys.nudgeSent(teamId, userId, weekKey, kind),
        from,
        value,
        WEEK_STATE_TTL_SECONDS,
      );
      return replaced === 1 ? value : undefined;
    },
    async confirm(teamId, userId, weekKey, kind) {
      await redis.set(keys.nudgeSent(teamId, userId, weekKey, kind), 'sent', 'EX', WEEK_STATE_TTL_SECONDS);
    },
    async release(teamId, userId, weekKey, kind, value) {
      await redis.eval(RELEASE, 1, keys.nudgeSent(teamId, userId, weekKey, kind), value);
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
