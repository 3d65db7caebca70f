import { z } from 'zod';
import type { RedisClient } from '#src/redis-connections.ts';
import { isWeekKey } from '#src/schedule/iso-week.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { keys } from '#src/store/keys.ts';
import { redisScript } from '#src/store/redis-script.ts';

/**
 * Each enrolled person's nudge record, in one small Redis hash under their user root:
 * `wd`/`h`/`m` (ISO weekday, local hour and minute), `tz` (IANA, from Slack), `en` (1 while
 * enrolled), `v` (version, bumped by every change so a job built from an older record knows it is
 * stale), `job`/`due` (the armed weekly job and when it is due). Short field names keep the
 * per-person footprint small (see bench/RESULTS-nudges.md).
 *
 * Beside it: the paused ISO weeks (a set the App Home streak reads), one small hash per recent week
 * (acted, skipped, snoozes; expires), and the workspace's enrolled index (a sorted set scored by
 * when the next weekly nudge is due) that the reconciliation job walks.
 */

/** Sent-markers and per-week state live this long: past the week they belong to, never forever. */
export const WEEK_STATE_TTL_SECONDS = 9 * 24 * 3600;

export const nudgeRecordSchema = z.object({
  schedule: z.object({
    weekday: z.number().int().min(1).max(7),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59),
  }),
  tz: z.string().min(1),
  enrolled: z.boolean(),
  version: z.number().int().min(0),
  jobId: z.string().optional(),
  dueAt: z.number().optional(),
});

export type NudgeRecord = z.infer<typeof nudgeRecordSchema>;

export interface WeekState {
  /** The person pressed a button on this week's nudge (or reflected from it). */
  acted: boolean;
  /** "Skip this week". */
  skipped: boolean;
  /** How many redeliveries (snooze, tomorrow) this week. */
  snoozes: number;
}

function toRecord(hash: Record<string, string>): NudgeRecord | undefined {
  if (hash.wd === undefined) return undefined;
  const parsed = nudgeRecordSchema.safeParse({
    schedule: { weekday: Number(hash.wd), hour: Number(hash.h), minute: Number(hash.m) },
    tz: hash.tz,
    enrolled: hash.en === '1',
    version: Number(hash.v ?? '0'),
    jobId: hash.job || undefined,
    dueAt: hash.due ? Number(hash.due) : undefined,
  });
  return parsed.success ? parsed.data : undefined;
}

// Records the armed job only if nobody changed the record since it was read (same version), and
// keeps the workspace's enrolled index in step. KEYS: record, enrolled index.
// ARGV: version, job id, due (ms), user id.
const SET_ARMED = `
if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'en') ~= '1' then
  return 0
end
redis.call('HSET', KEYS[1], 'job', ARGV[2], 'due', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
return 1
`;
const setArmedScript = redisScript(SET_ARMED);

export interface NudgeStore {
  get(teamId: string, userId: string): Promise<NudgeRecord | undefined>;
  /** Writes schedule, zone and enrolment and bumps the version; returns the new record. */
  save(
    teamId: string,
    userId: string,
    fields: { schedule: WeeklySchedule; tz: string; enrolled: boolean },
  ): Promise<NudgeRecord>;
  /** Bumps the version without other changes (pause, resume): pending jobs become stale. */
  bump(teamId: string, userId: string): Promise<NudgeRecord | undefined>;
  /** Remembers the armed job; false when the record changed meanwhile (the caller's job is stale). */
  setArmed(teamId: string, userId: string, version: number, jobId: string, dueAt: number): Promise<boolean>;
  /** Marks the person not enrolled, bumps the version and drops them from the index. */
  unenrol(teamId: string, userId: string): Promise<NudgeRecord | undefined>;
  pausedWeeks(teamId: string, userId: string): Promise<string[]>;
  isPaused(teamId: string, userId: string, weekKey: string): Promise<boolean>;
  addPausedWeeks(teamId: string, userId: string, weekKeys: string[]): Promise<void>;
  /** Removes paused weeks from `fromWeekKey` on (resume); earlier ones stay for the streak. */
  removePausedWeeksFrom(teamId: string, userId: string, fromWeekKey: string): Promise<string[]>;
  week(teamId: string, userId: string, weekKey: string): Promise<WeekState>;
  markActed(teamId: string, userId: string, weekKey: string): Promise<void>;
  markSkipped(teamId: string, userId: string, weekKey: string): Promise<void>;
  /** Counts one more redelivery this week and returns the new count. */
  addSnooze(teamId: string, userId: string, weekKey: string): Promise<number>;
  /** True the first time only: an admin invitation reaches each person once. */
  markInvited(teamId: string, userId: string): Promise<boolean>;
  wasInvited(teamId: string, userId: string): Promise<boolean>;
  /** Enrolled people in rank order, for the reconciliation walk. */
  enrolledPage(teamId: string, offset: number, count: number): Promise<string[]>;
  /** Enrolled people whose weekly nudge was due before `beforeMs`. */
  overdue(teamId: string, beforeMs: number, count: number): Promise<string[]>;
  teams(): Promise<string[]>;
  /** The reconciliation walk's position in the workspace's enrolled set. */
  reconcileCursor(teamId: string): Promise<number>;
  setReconcileCursor(teamId: string, offset: number): Promise<void>;
  /** Deletes the workspace-level nudge keys (after everyone in it was erased). */
  forgetTeam(teamId: string): Promise<void>;
  /** Drops a user id from the enrolled index (found there without an enrolled record). */
  dropFromIndex(teamId: string, userId: string): Promise<void>;
  /** Deletes everything nudges keep about the person (the listed weeks' markers included). */
  erase(teamId: string, userId: string, weekKeys: string[], markerKinds: string[]): Promise<void>;
  export(teamId: string, userId: string): Promise<unknown>;
}

export function createNudgeStore(redis: RedisClient): NudgeStore {
  const store: NudgeStore = {
    async get(teamId, userId) {
      return toRecord(await redis.hgetall(keys.nudgeSchedule(teamId, userId)));
    },

    async save(teamId, userId, { schedule, tz, enrolled }) {
      const key = keys.nudgeSchedule(teamId, userId);
      const result = await redis
        .multi()
        .hset(key, {
          wd: String(schedule.weekday),
          h: String(schedule.hour),
          m: String(schedule.minute),
          tz,
          en: enrolled ? '1' : '0',
        })
        .hincrby(key, 'v', 1)
        .hgetall(key)
        .exec();
      const hash = result?.[2]?.[1] as Record<string, string> | undefined;
      const record = hash ? toRecord(hash) : undefined;
      if (!record) throw new Error('nudge record could not be read back after saving');
      if (!enrolled) await redis.zrem(keys.nudgeEnrolled(teamId), userId);
      return record;
    },

    async bump(teamId, userId) {
      const key = keys.nudgeSchedule(teamId, userId);
      if ((await redis.exists(key)) === 0) return undefined;
      await redis.hincrby(key, 'v', 1);
      return store.get(teamId, userId);
    },

    async setArmed(teamId, userId, version, jobId, dueAt) {
      // The index of workspaces has no team hash tag, so on a cluster it cannot join the script.
      // Sent together; if either fails the caller sees the error and arms again. A workspace listed
      // with nobody armed is harmless to the reconciliation pass.
      const [, done] = await Promise.all([
        redis.sadd(keys.nudgeTeams(), teamId),
        setArmedScript(
          redis,
          [keys.nudgeSchedule(teamId, userId), keys.nudgeEnrolled(teamId)],
          [String(version), jobId, String(dueAt), userId],
        ),
      ]);
      return done === 1;
    },

    async unenrol(teamId, userId) {
      const key = keys.nudgeSchedule(teamId, userId);
      await redis
        .multi()
        .hset(key, { en: '0' })
        .hincrby(key, 'v', 1)
        .hdel(key, 'job', 'due')
        .zrem(keys.nudgeEnrolled(teamId), userId)
        .exec();
      const record = await store.get(teamId, userId);
      if (record === undefined) await redis.del(key); // only the version was there: leave nothing
      return record;
    },

    async pausedWeeks(teamId, userId) {
      const weeks = await redis.smembers(keys.nudgePaused(teamId, userId));
      return weeks.filter(isWeekKey).sort();
    },

    async isPaused(teamId, userId, weekKey) {
      return (await redis.sismember(keys.nudgePaused(teamId, userId), weekKey)) === 1;
    },

    async addPausedWeeks(teamId, userId, weekKeys) {
      if (weekKeys.length === 0) return;
      await redis.sadd(keys.nudgePaused(teamId, userId), ...weekKeys);
    },

    async removePausedWeeksFrom(teamId, userId, fromWeekKey) {
      const later = (await store.pausedWeeks(teamId, userId)).filter((week) => week >= fromWeekKey);
      if (later.length > 0) await redis.srem(keys.nudgePaused(teamId, userId), ...later);
      return later;
    },

    async week(teamId, userId, weekKey) {
      const hash = await redis.hgetall(keys.nudgeWeek(teamId, userId, weekKey));
      return { acted: hash.a === '1', skipped: hash.s === '1', snoozes: Number(hash.n ?? '0') || 0 };
    },

    async markActed(teamId, userId, weekKey) {
      const key = keys.nudgeWeek(teamId, userId, weekKey);
      await redis.multi().hset(key, 'a', '1').expire(key, WEEK_STATE_TTL_SECONDS).exec();
    },

    async markSkipped(teamId, userId, weekKey) {
      const key = keys.nudgeWeek(teamId, userId, weekKey);
      await redis.multi().hset(key, { a: '1', s: '1' }).expire(key, WEEK_STATE_TTL_SECONDS).exec();
    },

    async addSnooze(teamId, userId, weekKey) {
      const key = keys.nudgeWeek(teamId, userId, weekKey);
      const result = await redis
        .multi()
        .hset(key, 'a', '1')
        .hincrby(key, 'n', 1)
        .expire(key, WEEK_STATE_TTL_SECONDS)
        .exec();
      return Number(result?.[1]?.[1] ?? 1);
    },

    async markInvited(teamId, userId) {
      const claimed = await redis.set(keys.nudgeInvited(teamId, userId), '1', 'NX');
      return claimed === 'OK';
    },

    async wasInvited(teamId, userId) {
      return (await redis.exists(keys.nudgeInvited(teamId, userId))) === 1;
    },

    async enrolledPage(teamId, offset, count) {
      return redis.zrange(keys.nudgeEnrolled(teamId), String(offset), String(offset + count - 1));
    },

    async overdue(teamId, beforeMs, count) {
      return redis.zrangebyscore(
        keys.nudgeEnrolled(teamId),
        '-inf',
        `(${beforeMs}`,
        'LIMIT',
        '0',
        String(count),
      );
    },

    async teams() {
      return redis.smembers(keys.nudgeTeams());
    },

    async reconcileCursor(teamId) {
      return Number(await redis.get(keys.nudgeReconcileCursor(teamId))) || 0;
    },

    async setReconcileCursor(teamId, offset) {
      await redis.set(keys.nudgeReconcileCursor(teamId), String(offset));
    },

    async forgetTeam(teamId) {
      await redis.del(
        keys.nudgeEnrolled(teamId),
        keys.nudgeReconcileCursor(teamId),
        keys.sendCalendar(teamId),
        keys.sendSlots(teamId),
        keys.slackPauseUntil(teamId),
        keys.sendsStopped(teamId),
      );
      // Last, and on its own (another slot on a cluster): a failure above leaves the team listed.
      await redis.srem(keys.nudgeTeams(), teamId);
    },

    async dropFromIndex(teamId, userId) {
      await redis.zrem(keys.nudgeEnrolled(teamId), userId);
    },

    async erase(teamId, userId, weekKeys, markerKinds) {
      const doomed = [
        keys.nudgeSchedule(teamId, userId),
        keys.nudgePaused(teamId, userId),
        keys.nudgeInvited(teamId, userId),
      ];
      for (const week of weekKeys) {
        doomed.push(keys.nudgeWeek(teamId, userId, week));
        for (const kind of markerKinds) doomed.push(keys.nudgeSent(teamId, userId, week, kind));
      }
      await redis
        .multi()
        .del(...doomed)
        .zrem(keys.nudgeEnrolled(teamId), userId)
        .exec();
    },

    async export(teamId, userId) {
      const record = await store.get(teamId, userId);
      const paused = await store.pausedWeeks(teamId, userId);
      const invited = await store.wasInvited(teamId, userId);
      if (!record && paused.length === 0 && !invited) return null;
      return {
        enrolled: record?.enrolled ?? false,
        schedule: record?.schedule ?? null,
        timeZone: record?.tz ?? null,
        nextNudgeAt: record?.enrolled && record.dueAt ? new Date(record.dueAt).toISOString() : null,
        pausedWeeks: paused,
        invitedByAnAdmin: invited,
      };
    },
  };
  return store;
}
