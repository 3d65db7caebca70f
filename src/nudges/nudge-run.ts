import type { KnownBlock } from '@slack/types';
import type { Logger } from 'pino';
import type { Translator } from '#messages/i18n.ts';
import type { Clock } from '#src/clock.ts';
import type { NudgeFollowUp } from '#src/config.ts';
import type { Metrics } from '#src/metrics.ts';
import type { TrailItem } from '#src/privacy/index.ts';
import type { TeamClients } from '#src/workspaces/index.ts';
import { markerKindOf, type NudgeJobData } from './nudge-jobs.ts';
import type { NudgeScheduler } from './nudge-scheduler.ts';
import type { NudgeRecord, NudgeStore } from './nudge-store.ts';
import type { ReflectionStatus } from './reflection-status.ts';
import type { SentMarkers } from './sent-marker.ts';
import type { WorkspaceGate } from './workspace-gate.ts';

export type NudgeOutcome =
  | { status: 'sent' }
  | { status: 'skipped'; reason: string }
  | { status: 'delay'; ms: number; reason: 'paced' | 'slack-pause' | 'claim-in-flight' }
  /** Move this very job to `dueAt` with new data (its person's zone or schedule changed). */
  | { status: 'reschedule'; dueAt: number; data: NudgeJobData };

export interface SendNudgeDeps {
  store: NudgeStore;
  markers: SentMarkers;
  gate: WorkspaceGate;
  scheduler: NudgeScheduler;
  teamClients: TeamClients;
  reflections: ReflectionStatus;
  /** Keeps the shared users.info profile cache fresh (the zone, and Slack's locale when read). */
  rememberTimeZone(teamId: string, userId: string, tz: string, slackLocale?: string): Promise<void>;
  /**
   * The person's Translator: the language they chose, else `slackLocale` (just read from Slack),
   * else their cached Slack locale. English when absent.
   */
  translatorFor?(teamId: string, userId: string, slackLocale?: string): Promise<Translator>;
  /** Remembers a DM that quotes the person's intention, so `/reflect forget` deletes it in Slack. */
  rememberInSlack?(teamId: string, userId: string, items: TrailItem[]): Promise<void>;
  /** Optional blocks from other features (e.g. the care radar). Failures are ignored. */
  extraBlocks?(teamId: string, userId: string, tr: Translator): Promise<readonly KnownBlock[]>;
  followUp: NudgeFollowUp;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

export interface JobContext {
  jobId: string;
  /** Attempts already made before this one (BullMQ `attemptsMade`). */
  attemptsMade: number;
  maxAttempts: number;
  /**
   * How many times the job has been started, this one included (BullMQ `attemptsStarted`: retries,
   * delays and restarts after a crash all count); 1 on its first run. Unknown: treated as not first.
   */
  attemptsStarted?: number;
}

/** A step of sendNudge either ends the job with an outcome or hands the next step what it found. */
export type Step<T> = { done: NudgeOutcome } | ({ done?: undefined } & T);

/** One run of the nudge processor: its job, its dependencies and the helpers every step shares. */
export interface NudgeRun {
  data: NudgeJobData;
  context: JobContext;
  deps: SendNudgeDeps;
  /** The sent-marker's kind for this job (nudge-jobs.ts). */
  markerKind: string;
  /** Counts an outcome of this job's kind (the `nudges` metric). */
  count(outcome: string): void;
  now(): Date;
  /** Arms next week's nudge after handling this week's (sent or skipped), never for other kinds. */
  armNextWeek(record: NudgeRecord): Promise<void>;
  /** Counts `skipped_<reason>` and, given the record, arms next week's nudge. */
  skip(reason: string, record?: NudgeRecord): Promise<NudgeOutcome>;
}

export function startNudgeRun(data: NudgeJobData, context: JobContext, deps: SendNudgeDeps): NudgeRun {
  const { teamId, userId, kind } = data;
  const count = (outcome: string) => deps.metrics.nudges.inc({ kind, outcome });
  const now = () => deps.clock.now();
  const armNextWeek = async (record: NudgeRecord) => {
    if (kind !== 'weekly') return;
    await deps.scheduler.armNext(teamId, userId, record, new Date(Math.max(now().getTime(), data.dueAt)));
  };
  const skip = async (reason: string, record?: NudgeRecord): Promise<NudgeOutcome> => {
    count(`skipped_${reason}`);
    if (record) await armNextWeek(record);
    return { status: 'skipped', reason };
  };
  return { data, context, deps, markerKind: markerKindOf(data), count, now, armNextWeek, skip };
}
