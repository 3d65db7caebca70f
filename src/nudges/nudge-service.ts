import type { Logger } from 'pino';
import { SNOOZE_HOURS } from '#messages/nudge-message.ts';
import type { Clock } from '#src/clock.ts';
import { ALL_MARKER_KINDS, MAX_REDELIVERIES, weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import type { ArmedNudge, NudgeScheduler } from '#src/nudges/nudge-scheduler.ts';
import { nextWorkingMorning, snoozeUntil } from '#src/schedule/follow-up.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import type { NudgeRecord, NudgeStore } from './nudge-store.ts';

/**
 * Everything a person (or an event about them) can do to their nudges. Listeners call these and
 * only format the answers. Each change bumps the record's version and replaces the pending job, so
 * it takes effect for the next occurrence.
 */
export const DEFAULT_SCHEDULE: WeeklySchedule = { weekday: 5, hour: 16, minute: 0 };

const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface NudgeStatus {
  enrolled: boolean;
  schedule?: WeeklySchedule;
  tz?: string;
  /** When the next weekly nudge is due, if one is armed. */
  nextAt?: Date;
  pausedWeeks: string[];
}

export type EnrolResult = { ok: true; next: ArmedNudge | undefined; tz: string; schedule: WeeklySchedule };
export type PauseResult =
  | { ok: true; weeks: string[]; next: ArmedNudge | undefined; tz: string }
  | { ok: false; reason: 'not-enrolled' };
export type ResumeResult =
  | { ok: true; next: ArmedNudge | undefined; tz: string }
  | { ok: false; reason: 'not-enrolled' };
export type RedeliverResult =
  | { ok: true; at: Date; tz: string }
  | { ok: false; reason: 'not-enrolled' | 'too-many' | 'skipped' };

export interface NudgeService {
  /** Enrols (or changes the schedule of) a person; `tz` is their Slack zone, just looked up. */
  enrol(teamId: string, userId: string, tz: string, schedule?: WeeklySchedule): Promise<EnrolResult>;
  pause(teamId: string, userId: string, weeks: number): Promise<PauseResult>;
  resume(teamId: string, userId: string): Promise<ResumeResult>;
  unenrol(teamId: string, userId: string): Promise<boolean>;
  /** A `user_change` (or a send) saw a new zone: the next nudge follows it. */
  timeZoneChanged(teamId: string, userId: string, tz: string): Promise<ArmedNudge | undefined>;
  status(teamId: string, userId: string): Promise<NudgeStatus>;
  /** Paused ISO weeks (for the App Home streak: paused weeks do not break it). */
  pausedWeeks(teamId: string, userId: string): Promise<string[]>;
  /** Any button on the week's nudge: no follow-up for that week. */
  acted(teamId: string, userId: string, weekKey: string): Promise<void>;
  snooze(teamId: string, userId: string, weekKey: string): Promise<RedeliverResult>;
  tomorrow(teamId: string, userId: string, weekKey: string): Promise<RedeliverResult>;
  skipWeek(teamId: string, userId: string, weekKey: string): Promise<void>;
  /** Deletes every trace of the person's nudges, pending jobs included (`/reflect forget`). */
  erase(teamId: string, userId: string): Promise<void>;
  export(teamId: string, userId: string): Promise<unknown>;
}

export function createNudgeService(deps: {
  store: NudgeStore;
  scheduler: NudgeScheduler;
  clock: Clock;
  logger: Logger;
}): NudgeService {
  const { store, scheduler, clock } = deps;

  async function enrolled(teamId: string, userId: string): Promise<NudgeRecord | undefined> {
    const record = await store.get(teamId, userId);
    return record?.enrolled ? record : undefined;
  }

  /** ISO week keys of the next `count` weekly occurrences from now (one per week). */
  function upcomingWeeks(record: NudgeRecord, count: number): string[] {
    const weeks: string[] = [];
    let after = clock.now();
    for (let i = 0; i < count; i++) {
      after = nextOccurrence(record.schedule, record.tz, after);
      weeks.push(isoWeekKey(after, record.tz));
    }
    return weeks;
  }

  async function redeliver(
    teamId: string,
    userId: string,
    weekKey: string,
    at: (record: NudgeRecord) => Date,
  ): Promise<RedeliverResult> {
    const record = await enrolled(teamId, userId);
    if (!record) return { ok: false, reason: 'not-enrolled' };
    if ((await store.week(teamId, userId, weekKey)).skipped) return { ok: false, reason: 'skipped' };
    const seq = await store.addSnooze(teamId, userId, weekKey);
    if (seq > MAX_REDELIVERIES) return { ok: false, reason: 'too-many' };
    await scheduler.cancelFollowUp(teamId, userId, weekKey);
    const when = at(record);
    await scheduler.addRedelivery({
      teamId,
      userId,
      weekKey,
      seq,
      version: record.version,
      dueAt: when.getTime(),
    });
    return { ok: true, at: when, tz: record.tz };
  }

  const service: NudgeService = {
    async enrol(teamId, userId, tz, schedule = DEFAULT_SCHEDULE) {
      const zone = isValidTimeZone(tz) ? tz : 'UTC';
      const previous = await store.get(teamId, userId);
      const record = await store.save(teamId, userId, { schedule, tz: zone, enrolled: true });
      const next = await scheduler.rearm(teamId, userId, { ...record, jobId: previous?.jobId });
      return { ok: true, next, tz: zone, schedule };
    },

    async pause(teamId, userId, weeks) {
      const record = await enrolled(teamId, userId);
      if (!record) return { ok: false, reason: 'not-enrolled' };
      // A new pause replaces an earlier one: it covers the next `weeks` nudges from now.
      await store.removePausedWeeksFrom(teamId, userId, isoWeekKey(clock.now(), record.tz));
      const paused = upcomingWeeks(record, weeks);
      await store.addPausedWeeks(teamId, userId, paused);
      const bumped = (await store.bump(teamId, userId)) ?? record;
      const next = await scheduler.rearm(teamId, userId, { ...bumped, jobId: record.jobId });
      return { ok: true, weeks: paused, next, tz: record.tz };
    },

    async resume(teamId, userId) {
      const record = await enrolled(teamId, userId);
      if (!record) return { ok: false, reason: 'not-enrolled' };
      await store.removePausedWeeksFrom(teamId, userId, isoWeekKey(clock.now(), record.tz));
      const bumped = (await store.bump(teamId, userId)) ?? record;
      const next = await scheduler.rearm(teamId, userId, { ...bumped, jobId: record.jobId });
      return { ok: true, next, tz: record.tz };
    },

    async unenrol(teamId, userId) {
      const record = await store.get(teamId, userId);
      if (!record?.enrolled) return false;
      await store.unenrol(teamId, userId);
      if (record.jobId) await scheduler.removeAll(teamId, userId, record, []);
      return true;
    },

    async timeZoneChanged(teamId, userId, tz) {
      const record = await enrolled(teamId, userId);
      if (!record || !isValidTimeZone(tz) || record.tz === tz) return undefined;
      const updated = await store.save(teamId, userId, { schedule: record.schedule, tz, enrolled: true });
      deps.logger.info({ teamId }, 'time zone changed; next nudge moved');
      return scheduler.rearm(teamId, userId, { ...updated, jobId: record.jobId });
    },

    async status(teamId, userId) {
      const [record, pausedWeeks] = await Promise.all([
        store.get(teamId, userId),
        store.pausedWeeks(teamId, userId),
      ]);
      if (!record?.enrolled) return { enrolled: false, pausedWeeks };
      return {
        enrolled: true,
        schedule: record.schedule,
        tz: record.tz,
        nextAt: record.dueAt !== undefined ? new Date(record.dueAt) : undefined,
        pausedWeeks,
      };
    },

    pausedWeeks: (teamId, userId) => store.pausedWeeks(teamId, userId),

    async acted(teamId, userId, weekKey) {
      await store.markActed(teamId, userId, weekKey);
      await scheduler.cancelFollowUp(teamId, userId, weekKey);
    },

    snooze: (teamId, userId, weekKey) =>
      redeliver(teamId, userId, weekKey, () => snoozeUntil(clock.now(), SNOOZE_HOURS)),

    tomorrow: (teamId, userId, weekKey) =>
      redeliver(teamId, userId, weekKey, (record) => nextWorkingMorning(clock.now(), record.tz)),

    async skipWeek(teamId, userId, weekKey) {
      await store.markSkipped(teamId, userId, weekKey);
      const record = await store.get(teamId, userId);
      await scheduler.removeAll(teamId, userId, undefined, [weekKey]);
      // If this week's weekly nudge is still to come, the next one is next week's.
      if (record?.enrolled && record.jobId === weeklyNudgeJobId(teamId, userId, weekKey)) {
        await scheduler.armNext(teamId, userId, record, clock.now());
      }
    },

    async erase(teamId, userId) {
      const record = await store.get(teamId, userId);
      const tz = record?.tz ?? 'UTC';
      const now = clock.now().getTime();
      const weeks = new Set<string>();
      // Markers live 9 days; jobs reach at most 13 weeks ahead (a 12-week pause).
      for (let i = -3; i <= 14; i++) weeks.add(isoWeekKey(new Date(now + i * WEEK_MS), tz));
      // The record first: a job that is running right now then finds nothing and does nothing.
      await store.erase(teamId, userId, [...weeks], ALL_MARKER_KINDS);
      await scheduler.removeAll(teamId, userId, record, [...weeks]);
    },

    export: (teamId, userId) => store.export(teamId, userId),
  };
  return service;
}
