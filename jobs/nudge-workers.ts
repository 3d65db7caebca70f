import { DelayedError, type Job, type Queue, UnrecoverableError, type Worker } from 'bullmq';
import type { Config } from '#src/config.ts';
import type { NudgeFeatureDeps, NudgeProcessorDeps, NudgeWorkers } from '#src/nudges/nudge-feature.ts';
import {
  INVITATION_JOB,
  invitationJobId,
  invitationJobSchema,
  NUDGE_QUEUE,
  NUDGE_RECONCILE_QUEUE,
  type NudgeJobData,
  nudgeJobIdOf,
  nudgeJobSchema,
} from '#src/nudges/nudge-jobs.ts';
import { type ReconcileResult, reconcileNudges } from '#src/nudges/reconcile-nudges.ts';
import { sendInvitation } from '#src/nudges/send-invitation.ts';
import { type NudgeOutcome, sendNudge } from '#src/nudges/send-nudge.ts';
import type { JobRuntime } from './job-runtime.ts';

/**
 * BullMQ wiring for nudges: the processors stay plain functions (send-nudge.ts,
 * reconcile-nudges.ts); this file turns their answers into BullMQ moves.
 *
 * A per-workspace wait (pacing, a Slack 429) is `job.moveToDelayed(until, token)` followed by
 * `throw new DelayedError()`: the job goes back to the delayed set without using an attempt, and
 * other workspaces' jobs keep flowing (`queue.rateLimit` would pause the whole queue). BullMQ times
 * delays by the machine clock, so `until` is `Date.now()` plus the wait; the wait itself comes from
 * Redis (pacing) or from the injected clock (a moved occurrence).
 */
// Every quarter hour on the clock (UTC), from one global BullMQ job scheduler. A cron pattern, not
// `every`, so restarting workers neither runs a pass at once nor postpones the next one.
export const RECONCILE_PATTERN = '*/15 * * * *';
const RECONCILE_SCHEDULER_ID = 'nudge-reconcile-every-15-min';

export interface NudgeWorkerOptions {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
}

export function createNudgeWorkers(
  runtime: JobRuntime,
  reconcileQueue: Queue<object, unknown, string>,
  deps: NudgeProcessorDeps,
  options: NudgeWorkerOptions,
): NudgeWorkers {
  const settings = {
    autorun: false,
    lockDuration: options.lockDuration,
    stalledInterval: options.stalledInterval,
  };

  const run = async (job: Job<NudgeJobData, unknown, string>): Promise<NudgeOutcome> => {
    const context = (id: string) => ({
      jobId: job.id ?? id,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      attemptsStarted: job.attemptsStarted,
    });
    if (job.name === INVITATION_JOB) {
      const invitation = invitationJobSchema.safeParse(job.data);
      if (!invitation.success) throw new UnrecoverableError('invitation job data does not match its schema');
      const data = invitation.data;
      return sendInvitation(data, context(invitationJobId(data.teamId, data.userId)), deps);
    }
    const parsed = nudgeJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('nudge job data does not match its schema');
    return sendNudge(parsed.data, context(nudgeJobIdOf(parsed.data)), deps);
  };

  const processNudge = async (
    job: Job<NudgeJobData, unknown, string>,
    token?: string,
  ): Promise<NudgeOutcome> => {
    const outcome = await run(job);
    if (outcome.status === 'delay') {
      await job.moveToDelayed(Date.now() + outcome.ms, token);
      throw new DelayedError();
    }
    if (outcome.status === 'reschedule') {
      // Its booked slot was for the old time: it reserves one when it comes back.
      const { slotAt: _booked, ...data } = outcome.data;
      await job.updateData(data as NudgeJobData);
      const wait = Math.max(0, outcome.dueAt - deps.clock.now().getTime());
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    return outcome;
  };

  const nudgeWorker: Worker<NudgeJobData, unknown, string> = runtime.worker<NudgeJobData>(
    NUDGE_QUEUE,
    processNudge,
    {
      ...settings,
      concurrency: options.concurrency,
    },
  );
  const reconcileWorker = runtime.worker<object>(
    NUDGE_RECONCILE_QUEUE,
    async (): Promise<ReconcileResult> => reconcileNudges(deps),
    { ...settings, concurrency: 1 },
  );

  return {
    async start() {
      await reconcileQueue.upsertJobScheduler(
        RECONCILE_SCHEDULER_ID,
        { pattern: RECONCILE_PATTERN, tz: 'UTC' },
        { name: 'reconcile', data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
      );
      for (const worker of [nudgeWorker, reconcileWorker] as Worker[]) {
        worker.run().catch((error: unknown) => {
          deps.logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'nudge worker stopped',
          );
        });
      }
    },
  };
}

/** The nudge feature's `workers`, with this process's concurrency, lock and stalled-check settings. */
export function nudgeWorkersFrom(
  runtime: JobRuntime,
  config: Pick<Config, 'nudgeWorkerConcurrency' | 'workerLockDurationMs' | 'workerStalledIntervalMs'>,
): NudgeFeatureDeps['workers'] {
  return (processors, reconcileQueue) =>
    createNudgeWorkers(runtime, reconcileQueue, processors, {
      concurrency: config.nudgeWorkerConcurrency,
      lockDuration: config.workerLockDurationMs,
      stalledInterval: config.workerStalledIntervalMs,
    });
}
