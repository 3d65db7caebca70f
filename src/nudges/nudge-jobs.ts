import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { jobId } from '#src/job-runtime.ts';
import { weekKeySchema } from '#src/schedule/iso-week.ts';

/**
 * The nudge queues, their job data and their ids.
 *
 * Design (numbers in docs/architecture.md): one delayed job per enrolled person for the next
 * occurrence, computed in code with `nextOccurrence` (about 1 µs), not one BullMQ job scheduler per
 * person (about 2.15 KB and 1 ms of cron parsing per upsert, with a history of tz/DST bugs). When a
 * job has been handled it arms the next one. Ids are deterministic and contain no `:`:
 *   weekly      nudge-<team>-<user>-<2026W48>
 *   follow-up   nudge-followup-<team>-<user>-<2026W48>
 *   redelivery  nudge-again-<team>-<user>-<2026W48>-<n>   (snooze / tomorrow, n = 1..3)
 * so adding a job that is already pending is a no-op, and a sent-marker (src/nudges/sent-marker.ts)
 * covers everything ids cannot (a job re-added after the first one finished, crashes, retries).
 */
export const NUDGE_QUEUE = 'nudges';
export const NUDGE_RECONCILE_QUEUE = 'nudge-reconcile';

/** Redeliveries (Snooze 2 h, Tomorrow) per person and week; after that the buttons go. */
export const MAX_REDELIVERIES = 3;

const slackId = z.string().regex(/^[A-Za-z0-9_]{1,64}$/);

export const nudgeJobSchema = z.object({
  teamId: slackId,
  userId: slackId,
  weekKey: weekKeySchema,
  kind: z.enum(['weekly', 'follow-up', 'redelivery']),
  /** Redelivery number (1..3); 0 otherwise. */
  seq: z.number().int().min(0).max(MAX_REDELIVERIES),
  /** The record version the job was built from; an older one means the job is stale. */
  version: z.number().int().min(0),
  /** When the person should see it (epoch ms). */
  dueAt: z.number().int(),
  /**
   * The workspace send slot booked when the job was armed (epoch ms, never before `dueAt`): the job
   * is delayed to it and sends there on its first run (src/nudges/workspace-gate.ts). Absent when
   * pacing is off and on jobs armed before bookings existed.
   */
  slotAt: z.number().int().optional(),
});

export type NudgeJobData = z.infer<typeof nudgeJobSchema>;
export type NudgeKind = NudgeJobData['kind'];

/** An admin's invitation DM to one person (job name `invitation`, same queue and pacing). */
export const INVITATION_JOB = 'invitation';
export const invitationJobSchema = z.object({ teamId: slackId, userId: slackId, inviterId: slackId });
export type InvitationJobData = z.infer<typeof invitationJobSchema>;

export function invitationJobId(teamId: string, userId: string): string {
  return jobId('nudge', 'invite', teamId, userId);
}

function compactWeek(week: string): string {
  return week.replace('-', '');
}

export function weeklyNudgeJobId(teamId: string, userId: string, week: string): string {
  return jobId('nudge', teamId, userId, compactWeek(week));
}

export function followUpJobId(teamId: string, userId: string, week: string): string {
  return jobId('nudge', 'followup', teamId, userId, compactWeek(week));
}

export function redeliveryJobId(teamId: string, userId: string, week: string, seq: number): string {
  return jobId('nudge', 'again', teamId, userId, compactWeek(week), String(seq));
}

export function nudgeJobIdOf(data: NudgeJobData): string {
  if (data.kind === 'weekly') return weeklyNudgeJobId(data.teamId, data.userId, data.weekKey);
  if (data.kind === 'follow-up') return followUpJobId(data.teamId, data.userId, data.weekKey);
  return redeliveryJobId(data.teamId, data.userId, data.weekKey, data.seq);
}

/** The sent-marker kind of a job: one DM per person, week and kind. */
export function markerKindOf(data: Pick<NudgeJobData, 'kind' | 'seq'>): string {
  if (data.kind === 'weekly') return 'w';
  if (data.kind === 'follow-up') return 'f';
  return `r${data.seq}`;
}

export const ALL_MARKER_KINDS = [
  'w',
  'f',
  ...Array.from({ length: MAX_REDELIVERIES }, (_, i) => `r${i + 1}`),
];

/**
 * Retries: 8 attempts with exponential backoff (2 s, 4 s, … 128 s, ±20 %) for 5xx and network
 * errors, so a Slack outage of about 3 minutes loses no nudge (at least 203 s pass before the last
 * attempt). With 5 attempts (30 s in all) the fault drill "Slack answers 500 for 30 s" lost 66 of
 * 500 nudges (bench/drills/slack-faults.ts). Finished jobs are removed at once (a completed nudge
 * needs no record in Redis: its sent-marker is the record), failed ones are kept a week for
 * inspection.
 */
export const NUDGE_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.2 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};
