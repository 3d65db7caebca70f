import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '#src/clock.ts';

/**
 * The sandbox's time: real time plus an offset that only grows. The product gets it as its
 * injected clock, so "now" moves for every rule at once; BullMQ's delayed jobs are then moved
 * earlier by the same amount (promoted when due), so the same jobs fire as in production, only
 * sooner. The offset is kept in Redis beside the sandbox's data, so a restart keeps its time.
 */
const OFFSET_KEY = 'throughline-sandbox:clock-offset-ms';
/** BullMQ scores delayed jobs as `dueAt * 0x1000 + counter` (src/commands/includes/getDelayedScore). */
const DELAYED_SCORE_FACTOR = 0x1000;

export interface SandboxClock extends Clock {
  offsetMs(): number;
  /** Moves time forward by `ms`: the clock first, then every delayed job of `queues`. */
  advance(ms: number): Promise<void>;
  /** The earliest delayed job of `queue` that `wanted` accepts, in sandbox time; undefined when none. */
  nextDue(queue: Queue, wanted?: (job: Job) => boolean): Promise<{ at: Date; job: Job } | undefined>;
  /** Back to real time (the sandbox was reset and its jobs are gone). */
  reset(): Promise<void>;
}

export async function createSandboxClock(deps: {
  redis: Redis;
  queues: () => Queue[];
}): Promise<SandboxClock> {
  let offset = Number((await deps.redis.get(OFFSET_KEY)) ?? 0) || 0;

  /** The queue's delayed jobs with when BullMQ will hand each to a worker (real epoch ms), read at once. */
  async function delayedJobs(queue: Queue): Promise<{ job: Job; due: number }[]> {
    const [jobs, scores] = await Promise.all([
      queue.getDelayed(0, -1),
      deps.redis.zrange(queue.keys.delayed ?? '', '0', '-1', 'WITHSCORES'),
    ]);
    const dueById = new Map<string, number>();
    for (let i = 0; i + 1 < scores.length; i += 2) {
      dueById.set(scores[i] ?? '', Math.floor(Number(scores[i + 1]) / DELAYED_SCORE_FACTOR));
    }
    return jobs.flatMap((job) => {
      const due = job.id === undefined ? undefined : dueById.get(job.id);
      return due === undefined ? [] : [{ job, due }];
    });
  }

  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,

    async advance(ms) {
      if (!(ms > 0)) return;
      offset += ms;
      await deps.redis.set(OFFSET_KEY, String(offset));
      for (const queue of deps.queues()) {
        for (const { job, due } of await delayedJobs(queue)) {
          const left = due - ms - Date.now();
          // A job may start or be removed meanwhile; then there is nothing to move.
          await (left <= 0 ? job.promote() : job.changeDelay(left)).catch(() => {});
        }
      }
    },

    async nextDue(queue, wanted = () => true) {
      let earliest: { at: Date; job: Job } | undefined;
      for (const { job, due } of await delayedJobs(queue)) {
        const at = new Date(due + offset);
        if (wanted(job) && (!earliest || at < earliest.at)) earliest = { at, job };
      }
      return earliest;
    },

    async reset() {
      offset = 0;
      await deps.redis.del(OFFSET_KEY);
    },
  };
}
