import { createHash } from 'node:crypto';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

/**
 * Everything that decides when a workspace's background posts (nudges, invitations, channel
 * prompts) may go out. Shared by all worker processes through Redis, and per workspace, so one
 * busy or rate-limited workspace never slows another:
 * - send slots at NUDGES_PER_MINUTE: a due job reserves the workspace's next free slot in one
 *   atomic step (Lua, timed by Redis's own clock so every process agrees) and is delayed once, to
 *   that slot; when it comes back, the same call finds its reservation and lets it send. Nobody
 *   polls: a backlog of N jobs costs N reservations, not N × (wait / poll interval) wake-ups.
 * - a pause after Slack answered 429: it moves every outstanding reservation of the workspace
 *   later by one number (`offset`, added to the stored slots when they are read), so no job is
 *   woken or rewritten; new reservations start after the pause.
 * - a stop flag after the bot token was revoked or became invalid: nothing is sent until it is
 *   cleared (reinstall), and it is logged once.
 *
 * Keys (one hash-tagged slot per workspace): the pace hash (`next` free slot, `offset`, `until`
 * pause end, all epoch ms), the reservations (sorted set: holder → slot minus the offset at the
 * time it was made) and the pause key (TTL = what is left of the pause, for cheap reads).
 */

// Shared by both scripts: Redis's clock unless the caller passes one (tests). Times are stored with
// string.format('%.3f'), not tostring (14 significant digits: an epoch-ms time would lose its fraction).
const NOW = `
local now = tonumber(ARGV[1])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

// KEYS[1] pace hash, KEYS[2] reservations. ARGV: now ('' = Redis TIME), slot interval ms, holder,
// how early a slot may be used (ms). Returns 0 when the holder may send now (its reservation, if
// any, is used up), else the ms until its slot.
const RESERVE = `${NOW}
local interval = tonumber(ARGV[2])
local early = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'next', 'offset', 'until')
local nextSlot = tonumber(state[1]) or 0
local offset = tonumber(state[2]) or 0
local pauseEnd = tonumber(state[3]) or 0
local held = redis.call('ZSCORE', KEYS[2], ARGV[3])
if held then
  local slot = tonumber(held) + offset
  if slot <= now + early then
    redis.call('ZREM', KEYS[2], ARGV[3])
    return 0
  end
  return math.ceil(slot - now)
end
local slot = math.max(now, nextSlot, pauseEnd)
local keep = math.ceil(math.max(slot - now, 0)) + 3600000
redis.call('HSET', KEYS[1], 'next', string.format('%.3f', slot + interval), 'offset', string.format('%.3f', offset))
redis.call('PEXPIRE', KEYS[1], keep)
if slot <= now + early then
  return 0
end
redis.call('ZADD', KEYS[2], slot - offset, ARGV[3])
-- Reservations whose job never came back (removed, or skipped when it woke) are dropped an hour on.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - offset - 3600000)
redis.call('PEXPIRE', KEYS[2], keep)
return math.ceil(slot - now)
`;

// KEYS[1] pace hash, KEYS[2] pause key. ARGV: now ('' = Redis TIME), pause ms. Extends the pause
// only if it ends later; outstanding slots move by exactly the extension, so their order and
// spacing stay and the first of them lands at the pause's end. Returns 1 if the pause grew.
const PAUSE = `${NOW}
local ms = tonumber(ARGV[2])
local pauseEnd = now + ms
local state = redis.call('HMGET', KEYS[1], 'next', 'offset', 'until')
local nextSlot = tonumber(state[1]) or 0
local offset = tonumber(state[2]) or 0
local previous = tonumber(state[3]) or 0
if pauseEnd <= previous then
  return 0
end
local shift = pauseEnd - math.max(now, previous)
nextSlot = math.max(nextSlot + shift, pauseEnd)
redis.call('HSET', KEYS[1], 'next', string.format('%.3f', nextSlot), 'offset', string.format('%.3f', offset + shift), 'until', string.format('%.3f', pauseEnd))
redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(nextSlot - now, 0)) + 3600000)
redis.call('SET', KEYS[2], '1', 'PX', ms)
return 1
`;

/** Runs a script by its SHA1 (a few bytes a call instead of the whole text), loading it once if missing. */
function script(body: string) {
  const sha = createHash('sha1').update(body).digest('hex');
  return async (redis: RedisClient, keyList: string[], args: string[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, keyList.length, ...keyList, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return redis.eval(body, keyList.length, ...keyList, ...args);
    }
  };
}

const reserveScript = script(RESERVE);
const pauseScript = script(PAUSE);

/** The share of NUDGES_PER_MINUTE the slots use (see the margin in `createWorkspaceGate`). */
export const SLOT_SHARE = 0.99;

export interface WorkspaceGate {
  /**
   * Reserves the workspace's next free send slot for `holder` (a deterministic job id), or finds
   * the one it already holds. 0: send now (the slot is used up); otherwise the ms until its slot:
   * delay the job by that much and call again when it comes back. `Infinity` per minute turns
   * pacing off (429 pauses still apply).
   */
  reserveSlot(teamId: string, holder: string): Promise<number>;
  /** Milliseconds left of a Slack-requested pause (429), 0 if none. */
  pausedForMs(teamId: string): Promise<number>;
  /** Pauses the workspace's background sends for `ms` (never shortens a longer pause) and moves its reservations. */
  pauseFor(teamId: string, ms: number): Promise<void>;
  isStopped(teamId: string): Promise<boolean>;
  /** Stops the workspace's sends; true only for the call that stopped it (log once). */
  stop(teamId: string, reason: string): Promise<boolean>;
  /** Lets sends go again (after a reinstall). */
  clearStop(teamId: string): Promise<void>;
}

export function createWorkspaceGate(
  redis: RedisClient,
  options: {
    perMinute: number;
    /** Epoch ms; only for tests. Production uses Redis's clock, which every process shares. */
    now?: () => number;
  },
): WorkspaceGate {
  const paced = Number.isFinite(options.perMinute) && options.perMinute > 0;
  // Slots 1 % further apart than the rate: a post leaves its slot after a varying moment (its
  // Slack calls, a busy worker), and a rate of exactly NUDGES_PER_MINUTE would let any 60 s in
  // which the first post was late and the last on time hold one too many (Slack answers 429).
  // With the margin, posts may run up to 0.6 s behind their slots before that can happen.
  const interval = paced ? 60_000 / (options.perMinute * SLOT_SHARE) : 0;
  // BullMQ never wakes a job before its time, so a slot is used at most a millisecond early (the
  // rounding between Redis's clock and the delay): more would let a minute hold one send too many
  // against a limit of exactly NUDGES_PER_MINUTE in any 60 s.
  const early = 1;
  const now = () => (options.now ? String(options.now()) : '');
  return {
    async reserveSlot(teamId, holder) {
      const wait = await reserveScript(
        redis,
        [keys.nudgePace(teamId), keys.sendSlots(teamId)],
        [now(), String(interval), holder, String(early)],
      );
      return Math.max(0, Math.ceil(Number(wait) || 0));
    },
    async pausedForMs(teamId) {
      const left = await redis.pttl(keys.slackPauseUntil(teamId));
      return Math.max(left, 0);
    },
    async pauseFor(teamId, ms) {
      await pauseScript(
        redis,
        [keys.nudgePace(teamId), keys.slackPauseUntil(teamId)],
        [now(), String(Math.max(1, Math.ceil(ms)))],
      );
    },
    async isStopped(teamId) {
      return (await redis.exists(keys.sendsStopped(teamId))) === 1;
    },
    async stop(teamId, reason) {
      return (await redis.set(keys.sendsStopped(teamId), reason, 'NX')) === 'OK';
    },
    async clearStop(teamId) {
      await redis.del(keys.sendsStopped(teamId));
    },
  };
}
