import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

/**
 * Everything that decides whether a workspace's background DMs may go out right now. Shared by all
 * worker processes through Redis, and per workspace, so one busy or rate-limited workspace never
 * slows another:
 * - a token bucket at NUDGES_PER_MINUTE (atomic Lua, timed by Redis's own clock so every process
 *   agrees; the bucket holds one second's worth, so sends are smooth rather than bursty);
 * - a pause after Slack answered 429: a key with the Retry-After as its TTL; every later job of the
 *   workspace sees it first and waits, without calling Slack;
 * - a stop flag after the bot token was revoked or became invalid: nothing is sent until it is
 *   cleared (reinstall), and it is logged once.
 */

// KEYS[1] bucket hash. ARGV: tokens per ms, capacity. Returns 0 when a token was taken, else the
// milliseconds until one will be there.
const TAKE_TOKEN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 60000)
return wait
`;

// Extends the pause only if the new one ends later. KEYS[1] pause key; ARGV[1] ms.
const PAUSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
  return 1
end
return 0
`;

export interface WorkspaceGate {
  /** 0 when a send may go now, else the ms to wait (pacing). `Infinity` per minute turns pacing off. */
  takeToken(teamId: string): Promise<number>;
  /** Milliseconds left of a Slack-requested pause (429), 0 if none. */
  pausedForMs(teamId: string): Promise<number>;
  /** Pauses the workspace's background sends for `ms` (never shortens a longer pause). */
  pauseFor(teamId: string, ms: number): Promise<void>;
  isStopped(teamId: string): Promise<boolean>;
  /** Stops the workspace's sends; true only for the call that stopped it (log once). */
  stop(teamId: string, reason: string): Promise<boolean>;
  /** Lets sends go again (after a reinstall). */
  clearStop(teamId: string): Promise<void>;
}

export function createWorkspaceGate(redis: RedisClient, options: { perMinute: number }): WorkspaceGate {
  const perMs = options.perMinute / 60_000;
  const capacity = Math.max(1, Math.ceil(options.perMinute / 60));
  return {
    async takeToken(teamId) {
      if (!Number.isFinite(options.perMinute)) return 0;
      const wait = await redis.eval(TAKE_TOKEN, 1, keys.nudgePace(teamId), String(perMs), String(capacity));
      return Number(wait) || 0;
    },
    async pausedForMs(teamId) {
      const left = await redis.pttl(keys.slackPauseUntil(teamId));
      return Math.max(left, 0);
    },
    async pauseFor(teamId, ms) {
      await redis.eval(PAUSE, 1, keys.slackPauseUntil(teamId), String(Math.max(1, Math.ceil(ms))));
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
