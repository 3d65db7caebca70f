import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';
import { redisScript } from '#src/store/redis-script.ts';

/**
 * Everything that decides when a workspace's background posts (nudges, invitations, channel
 * prompts) may go out. Shared by all worker processes through Redis, and per workspace, so one
 * busy or rate-limited workspace never slows another:
 * - a calendar of send slots at NUDGES_PER_MINUTE (`slotsPerMinute` a minute, in groups of
 *   SEND_GROUP_SECONDS, one second: at 300/min five slots share the start of each second, so the
 *   worker wakes once for five sends). A
 *   nudge job books its slot when it is armed (`bookSlot`, usually a week ahead) and is delayed
 *   to it from the start, so when it wakes it sends with no second pass and no Redis call for
 *   pacing. Jobs without a booking (invitations, channel prompts, a retry, a job whose booking
 *   a pause swallowed) reserve the next free slot when they are due (`reserveSlot`, timed by
 *   Redis's clock so every process agrees) and are delayed once, to it. Nobody polls.
 * - a pause after Slack answered 429: a job whose slot falls inside it books a new slot after it
 *   when it wakes (once); new reservations start after it. Nothing is woken or rewritten by the
 *   pause itself.
 * - a stop flag after the bot token was revoked or became invalid: nothing is sent until it is
 *   cleared (reinstall), and it is logged once.
 *
 * A booking is only a used-up calendar slot plus the time in the job's data: a job removed before
 * its slot (reschedule, pause, stop, forget) leaves its slot unused, a gap of one send in that
 * minute (never a burst). Keys (one hash-tagged slot per workspace): the calendar (sorted set: one
 * entry per minute with used slots, score = minute × 2^20 + the next free slot index in it), the
 * reservations of waiting unbooked jobs (sorted set: holder → slot, epoch ms) and the pause key
 * (its end, epoch ms, with a TTL = what is left of the pause, for cheap reads).
 */

// Shared by the scripts: Redis's clock unless the caller passes one (tests). Times are returned with
// string.format('%.3f'), not tostring (14 significant digits: an epoch-ms time would lose its fraction).
const NOW = `
local now = tonumber(ARGV[1])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function pauseEndOf(pauseKey)
  return tonumber(redis.call('GET', pauseKey)) or 0
end
`;

// take(calendar, t, usable, n, g): the first free slot at or after t (usable = the slots of the
// g-second group t falls in may be taken: the caller sends at t, inside it), marked used; returns
// its time (epoch ms). Slot k of minute m is at the start of group ⌊k × 60 / (n × g)⌋ of that minute
// (second g × that): a minute's n slots are spread evenly but those of one group share its start, so
// a group's worth of a workspace's sends (5 at 300/min with 1 s groups) wakes the worker once
// instead of one wake each. Any 60 s still holds at most n slots (g divides 60: a window starting in
// group j of one minute holds that minute's slots from group j on and the next minute's before it:
// n in all). A minute's entry keeps the index of its next free slot (slots are taken in order within
// a minute; the ones before a late reservation stay unused). Entries of minutes more than an hour
// past are dropped, and the key lives an hour past its last minute.
const CALENDAR = `
local ROOM = 1048576
local function take(cal, t, usable, n, g)
  local m = math.floor(t / 60000)
  local into = (t - m * 60000) / 1000
  local group
  if usable then group = math.floor(into / g) else group = math.ceil(into / g) end
  local k = math.ceil(group * g * n / 60)
  if k >= n then m = m + 1; k = 0 end
  while true do
    local rows = redis.call('ZRANGEBYSCORE', cal, string.format('%.0f', m * ROOM), '+inf', 'WITHSCORES', 'LIMIT', 0, 64)
    local i = 1
    while i <= #rows do
      local score = tonumber(rows[i + 1])
      local minute = math.floor(score / ROOM)
      if minute ~= m then break end
      local nextFree = score - minute * ROOM
      if nextFree > k then k = nextFree end
      if k < n then break end
      m = m + 1
      k = 0
      i = i + 2
    end
    if i <= #rows or #rows < 128 then break end
  end
  redis.call('ZADD', cal, string.format('%.0f', m * ROOM + k + 1), string.format('%.0f', m))
  redis.call('ZREMRANGEBYSCORE', cal, '-inf', string.format('(%.0f', (math.floor(now / 60000) - 60) * ROOM))
  local keep = math.ceil(math.max((m + 1) * 60000 - now, 0)) + 3600000
  if redis.call('PTTL', cal) < keep then redis.call('PEXPIRE', cal, keep) end
  return m * 60000 + g * math.floor(k * 60 / (n * g)) * 1000
end
`;

// KEYS[1] calendar, KEYS[2] reservations, KEYS[3] pause key. ARGV: now ('' = Redis TIME), slots
// per minute, holder, how early a slot may be used (ms), group seconds. Returns 0 when the holder
// may send now (its reservation, if any, is used up), else the ms until its slot.
const RESERVE = `${NOW}${CALENDAR}
local n = tonumber(ARGV[2])
local early = tonumber(ARGV[4])
local pauseEnd = pauseEndOf(KEYS[3])
local held = redis.call('ZSCORE', KEYS[2], ARGV[3])
if held then
  local slot = tonumber(held)
  -- A slot inside a pause is given up for one after it (below); otherwise it is used or awaited.
  if slot >= pauseEnd then
    if slot <= now + early then
      redis.call('ZREM', KEYS[2], ARGV[3])
      return '0'
    end
    return string.format('%.3f', slot - now)
  end
  redis.call('ZREM', KEYS[2], ARGV[3])
end
local t = math.max(now, pauseEnd)
local slot = take(KEYS[1], t, pauseEnd <= now, n, tonumber(ARGV[5]))
if slot <= now + early then
  return '0'
end
redis.call('ZADD', KEYS[2], string.format('%.3f', slot), ARGV[3])
-- Reservations whose job never came back (removed, or skipped when it woke) are dropped an hour on.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%.3f', now - 3600000))
local keep = math.ceil(slot - now) + 3600000
if redis.call('PTTL', KEYS[2]) < keep then redis.call('PEXPIRE', KEYS[2], keep) end
return string.format('%.3f', slot - now)
`;

// KEYS[1] calendar, KEYS[2] pause key. ARGV: now ('' = Redis TIME), slots per minute, the
// earliest time (epoch ms, the person's chosen minute or later), group seconds. Books the first
// free slot at or after it (and after a running pause) and returns its time.
const BOOK = `${NOW}${CALENDAR}
local n = tonumber(ARGV[2])
local t = math.max(tonumber(ARGV[3]), pauseEndOf(KEYS[2]))
return string.format('%.3f', take(KEYS[1], t, false, n, tonumber(ARGV[4])))
`;

// KEYS[1] pause key. ARGV: now ('' = Redis TIME), pause ms. Extends the pause only if it ends
// later. Returns 1 if it grew.
const PAUSE = `${NOW}
local ms = tonumber(ARGV[2])
local pauseEnd = now + ms
if pauseEnd <= pauseEndOf(KEYS[1]) then
  return 0
end
redis.call('SET', KEYS[1], string.format('%.3f', pauseEnd), 'PX', ms)
return 1
`;

const reserveScript = redisScript(RESERVE);
const bookScript = redisScript(BOOK);
const pauseScript = redisScript(PAUSE);

// BullMQ never wakes a job before its time, so a slot is used at most a millisecond early (the
// rounding between clocks and the delay): more would let a minute hold one send too many against a
// limit of exactly NUDGES_PER_MINUTE in any 60 s.
const EARLY_MS = 1;

/**
 * A workspace's sends go out in groups, one every SEND_GROUP_SECONDS (a divisor of 60), each group's
 * slots at its start: the worker wakes once a group, not once a send (5 DMs at 300/min, 2 at the
 * default 120). Longer groups were measured and not kept: at 3 s (15 DMs a wake at 300/min) a paced
 * DM cost 4.01 ms of worker and Redis CPU against 2.72 ms unpaced (1.47×), at 1 s 4.53 against 3.21 ms
 * (1.41×) (`npx tsx bench/pacing.ts cost 1000 300`, 2026-12-01): a paced DM's extra cost is not the
 * wake, so 3 s would only have cost 3 % of the rate (a larger margin) and bigger bursts.
 */
export const SEND_GROUP_SECONDS = 1;

/**
 * Send slots a minute at `perMinute` (at least one); Infinity when pacing is off. One group's worth
 * fewer than the rate: the most n with n + ⌈n × SEND_GROUP_SECONDS / 60⌉ ≤ NUDGES_PER_MINUTE (295 at
 * 300 and 118 at 120 with 1-second groups). Posts leave their slot after a varying moment (a late wake, their Slack calls, a
 * busy worker, a reservation sending inside its group), and with slots at exactly the rate any 60 s
 * in which the first group left late and the last on time would hold a group too many (Slack answers
 * 429). A group's worth of room absorbs any lateness under a group's length.
 */
export function slotsPerMinute(perMinute: number): number {
  if (!Number.isFinite(perMinute) || perMinute <= 0) return Number.POSITIVE_INFINITY;
  const rate = Math.floor(perMinute + 1e-9);
  const groupShare = (slots: number) => Math.ceil((slots * SEND_GROUP_SECONDS) / 60 - 1e-9);
  let slots = Math.floor((rate * 60) / (60 + SEND_GROUP_SECONDS) + 1e-9) + 1;
  while (slots > 1 && slots + groupShare(slots) > rate) slots--;
  return slots;
}

export interface WorkspaceGate {
  /**
   * Books the workspace's first free send slot at or after `earliestMs` (epoch ms: the person's
   * chosen minute, or now if that has passed) for a job about to be armed, and returns its time
   * (whole ms, never before `earliestMs`); undefined when pacing is off. The job is delayed to it
   * and, on its first run, sends without asking again (`sendsOnBookedSlot`).
   */
  bookSlot(teamId: string, earliestMs: number): Promise<number | undefined>;
  /**
   * Reserves the workspace's next free send slot for `holder` (a deterministic job id), or finds
   * the one it already holds. 0: send now (the slot is used up); otherwise the ms until its slot:
   * delay the job by that much and call again when it comes back. `Infinity` per minute turns
   * pacing off (429 pauses still apply).
   */
  reserveSlot(teamId: string, holder: string): Promise<number>;
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

/**
 * Whether a job may send on the slot it booked when it was armed, with no call to the gate: only on
 * the job's first start (`attemptsStarted` 1: a retry, a job delayed for another reason or one
 * restarted after a crash has used or lost its slot and reserves anew), only once the slot has
 * come by the app's clock (BullMQ never wakes a job early; a test or the sandbox promoting it
 * early falls back to a reservation), and not during a Slack pause (its slot may be inside it).
 */
export function sendsOnBookedSlot(
  slotAt: number | undefined,
  attemptsStarted: number | undefined,
  nowMs: number,
  pausedMs: number,
): boolean {
  return slotAt !== undefined && attemptsStarted === 1 && slotAt <= nowMs + EARLY_MS && pausedMs === 0;
}

export function createWorkspaceGate(
  redis: RedisClient,
  options: {
    perMinute: number;
    /** Epoch ms; only for tests. Production uses Redis's clock, which every process shares. */
    now?: () => number;
  },
): WorkspaceGate {
  // A group's worth under the rate (see slotsPerMinute): posts may run up to a group behind.
  const perMinute = slotsPerMinute(options.perMinute);
  const paced = Number.isFinite(perMinute);
  const now = () => (options.now ? String(options.now()) : '');
  return {
    async bookSlot(teamId, earliestMs) {
      if (!paced) return undefined;
      const slot = await bookScript(
        redis,
        [keys.sendCalendar(teamId), keys.slackPauseUntil(teamId)],
        [now(), String(perMinute), String(earliestMs), String(SEND_GROUP_SECONDS)],
      );
      return Math.max(earliestMs, Math.ceil(Number(slot)));
    },
    async reserveSlot(teamId, holder) {
      // Unpaced: only a Slack pause holds a send back.
      if (!paced) return Math.max(await redis.pttl(keys.slackPauseUntil(teamId)), 0);
      const wait = await reserveScript(
        redis,
        [keys.sendCalendar(teamId), keys.sendSlots(teamId), keys.slackPauseUntil(teamId)],
        [now(), String(perMinute), holder, String(EARLY_MS), String(SEND_GROUP_SECONDS)],
      );
      return Math.max(0, Math.ceil(Number(wait) || 0));
    },
    async pausedForMs(teamId) {
      const left = await redis.pttl(keys.slackPauseUntil(teamId));
      return Math.max(left, 0);
    },
    async pauseFor(teamId, ms) {
      await pauseScript(redis, [keys.slackPauseUntil(teamId)], [now(), String(Math.max(1, Math.ceil(ms)))]);
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
