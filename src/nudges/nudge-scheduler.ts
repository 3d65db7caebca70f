import type { Queue } from 'bullmq';
import type { Clock } from '#src/clock.ts';
import type { NudgeRecord, NudgeStore } from '#src/nudges/nudge-store.ts';
import type { SentMarkers } from '#src/nudges/sent-marker.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import {
  followUpJobId,
  MAX_REDELIVERIES,
  NUDGE_JOB_OPTIONS,
  type NudgeJobData,
  redeliveryJobId,
  weeklyNudgeJobId,
} from './nudge-jobs.ts';
import type { WorkspaceGate } from './workspace-gate.ts';

/**
 * The code that schedules nudges: it turns a person's record into exactly one pending weekly job
 * (plus, within a week, at most one follow-up and a few redeliveries). Every job books its
 * workspace's send slot as it is armed (the first free one at or after its time, usually that very
 * minute) and is delayed to it, so it sends on one pass (src/nudges/workspace-gate.ts). BullMQ
 * delays are computed from the injected clock (`slot − clock.now()`), so tests can place "now"
 * anywhere. The record keeps the chosen minute (`dueAt`), not the slot.
 */
export interface ArmedNudge {
  jobId: string;
  weekKey: string;
  dueAt: Date;
}

export type JobPresence = 'pending' | 'active' | 'finished' | 'missing';

export interface NudgeScheduler {
  /**
   * Arms the weekly job for the first occurrence strictly after `after` whose week is not paused,
   * skipped or already sent. Returns undefined when the person is not enrolled.
   */
  armNext(
    teamId: string,
    userId: string,
    record: NudgeRecord,
    after: Date,
    options?: { clearFinished?: boolean },
  ): Promise<ArmedNudge | undefined>;
  /** After a change (schedule, zone, pause, resume): removes the armed job and arms from now. */
  rearm(teamId: string, userId: string, record: NudgeRecord): Promise<ArmedNudge | undefined>;
  /** Makes sure an enrolled person has a pending weekly job; re-arms when it is missing or failed. */
  ensureArmed(
    teamId: string,
    userId: string,
    record: NudgeRecord,
  ): Promise<'ok' | 'repaired' | 'not-enrolled'>;
  /** Where the next weekly nudge would go, without arming anything. */
  preview(teamId: string, userId: string, record: NudgeRecord, after: Date): Promise<ArmedNudge | undefined>;
  addFollowUp(data: Omit<NudgeJobData, 'kind' | 'seq'>): Promise<void>;
  addRedelivery(data: Omit<NudgeJobData, 'kind'>): Promise<void>;
  cancelFollowUp(teamId: string, userId: string, weekKey: string): Promise<void>;
  /** Removes every pending nudge job of the person for the given weeks (and the armed one). */
  removeAll(
    teamId: string,
    userId: string,
    record: NudgeRecord | undefined,
    weekKeys: string[],
  ): Promise<void>;
  presence(jobId: string): Promise<JobPresence>;
}

/** How many weeks ahead to look for one that is not paused (pauses are at most 12 weeks). */
const LOOKAHEAD_WEEKS = 16;
/** A weekly nudge whose job went missing is still sent if it is at most this late. */
export const LATE_GRACE_MS = 6 * 3600 * 1000;

export function createNudgeScheduler(deps: {
  queue: Queue<NudgeJobData, unknown, string>;
  store: NudgeStore;
  markers: SentMarkers;
  gate: Pick<WorkspaceGate, 'bookSlot'>;
  clock: Clock;
}): NudgeScheduler {
  const { queue, store, markers, gate, clock } = deps;

  async function findNext(
    teamId: string,
    userId: string,
    record: NudgeRecord,
    after: Date,
  ): Promise<{ weekKey: string; dueAt: Date } | undefined> {
    let from = after;
    for (let i = 0; i < LOOKAHEAD_WEEKS; i++) {
      const dueAt = nextOccurrence(record.schedule, record.tz, from);
      const weekKey = isoWeekKey(dueAt, record.tz);
      from = dueAt;
      // Sent (e.g. the schedule moved later in a week already nudged), skipped or paused weeks are
      // passed over. The three reads go out together.
      const [paused, sent, week] = await Promise.all([
        store.isPaused(teamId, userId, weekKey),
        markers.isSent(teamId, userId, weekKey, 'w'),
        store.week(teamId, userId, weekKey),
      ]);
      if (paused || sent || week.skipped) continue;
      return { weekKey, dueAt };
    }
    return undefined;
  }

  async function add(data: NudgeJobData, id: string): Promise<void> {
    const now = clock.now().getTime();
    // Never before the chosen minute; a job armed late books from now. An add that finds the job
    // already pending leaves its booking unused (one idle slot).
    const slotAt = await gate.bookSlot(data.teamId, Math.max(data.dueAt, now));
    const job = slotAt === undefined ? data : { ...data, slotAt };
    const delay = Math.max(0, (slotAt ?? data.dueAt) - now);
    await queue.add(data.kind, job, { ...NUDGE_JOB_OPTIONS, jobId: id, delay });
  }

  async function presence(jobId: string): Promise<JobPresence> {
    const state = await queue.getJobState(jobId);
    if (state === 'unknown') return 'missing';
    if (state === 'completed' || state === 'failed') return 'finished';
    if (state === 'active') return 'active';
    return 'pending';
  }

  const scheduler: NudgeScheduler = {
    async preview(teamId, userId, record, after) {
      if (!record.enrolled) return undefined;
      const next = await findNext(teamId, userId, record, after);
      return next && { ...next, jobId: weeklyNudgeJobId(teamId, userId, next.weekKey) };
    },

    async armNext(teamId, userId, record, after, options = {}) {
      if (!record.enrolled) return undefined;
      const next = await findNext(teamId, userId, record, after);
      if (!next) return undefined;
      const id = weeklyNudgeJobId(teamId, userId, next.weekKey);
      // A finished job with the same id would swallow the add. Completed jobs are removed at once,
      // so only a failed one can be there, and only for a week whose job already ran: repairs and
      // changes check; the weekly chain (always a later week) does not need to.
      if (options.clearFinished && (await presence(id)) === 'finished') await queue.remove(id);
      // The job and the record's pointer to it are written together (one round trip, not two). If
      // only one lands, the reconciliation pass repairs it either way: a record pointing to a
      // missing job is re-armed, and re-arming a record that missed its pointer finds the job
      // already there under the same (deterministic) id.
      // setArmed is false when the record changed meanwhile: that change arms its own job, and this
      // one will see a newer version when it runs and do nothing.
      await Promise.all([
        add(
          {
            teamId,
            userId,
            weekKey: next.weekKey,
            kind: 'weekly',
            seq: 0,
            version: record.version,
            dueAt: next.dueAt.getTime(),
          },
          id,
        ),
        store.setArmed(teamId, userId, record.version, id, next.dueAt.getTime()),
      ]);
      return { jobId: id, ...next };
    },

    async rearm(teamId, userId, record) {
      // A job that is running right now cannot be removed; it will find the newer version.
      if (record.jobId) await queue.remove(record.jobId);
      return scheduler.armNext(teamId, userId, record, clock.now(), { clearFinished: true });
    },

    async ensureArmed(teamId, userId, record) {
      if (!record.enrolled) return 'not-enrolled';
      const state = record.jobId ? await presence(record.jobId) : 'missing';
      if (state === 'pending' || state === 'active') return 'ok';
      if (state === 'finished' && record.jobId) await queue.remove(record.jobId);
      // A nudge lost less than LATE_GRACE_MS ago still goes out (late); older ones are skipped.
      const now = clock.now().getTime();
      const after = record.dueAt === undefined ? now : Math.max(now - LATE_GRACE_MS, record.dueAt - 1);
      await scheduler.armNext(teamId, userId, record, new Date(after), { clearFinished: true });
      return 'repaired';
    },

    async addFollowUp(data) {
      await add(
        { ...data, kind: 'follow-up', seq: 0 },
        followUpJobId(data.teamId, data.userId, data.weekKey),
      );
    },

    async addRedelivery(data) {
      await add(
        { ...data, kind: 'redelivery' },
        redeliveryJobId(data.teamId, data.userId, data.weekKey, data.seq),
      );
    },

    async cancelFollowUp(teamId, userId, weekKey) {
      await queue.remove(followUpJobId(teamId, userId, weekKey));
    },

    async removeAll(teamId, userId, record, weekKeys) {
      const ids = new Set<string>();
      if (record?.jobId) ids.add(record.jobId);
      for (const week of weekKeys) {
        ids.add(weeklyNudgeJobId(teamId, userId, week));
        ids.add(followUpJobId(teamId, userId, week));
        for (let seq = 1; seq <= MAX_REDELIVERIES; seq++) ids.add(redeliveryJobId(teamId, userId, week, seq));
      }
      await Promise.all([...ids].map((id) => queue.remove(id)));
    },

    presence,
  };
  return scheduler;
}
