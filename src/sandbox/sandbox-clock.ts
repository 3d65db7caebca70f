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

  /** When BullMQ will hand the job to a worker, in real epoch ms. */
  async function realDue(queue: Queue, job: Job): Promise<number | undefined> {
    if (job.id === undefined) return undefined;
    const score = await deps.redis.zscore(queue.keys.delayed ?? '', job.id);
    return score === null ? undefined : Math.floor(Number(score) / DELAYED_SCORE_FACTOR);
  }

  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,

    async advance(ms) {
      if (!(ms > 0)) return;
      offset += ms;
      await deps.redis.set(OFFSET_KEY, String(offset));
      for (const queue of deps.queues()) {
        for (const job of await queue.getDelayed(0, -1)) {
          const due = await realDue(queue, job);
          if (due === undefined) continue;
          const left = due - ms - Date.now();
          // A job may start or be removed meanwhile; then there is nothing to move.
          await (left <= 0 ? job.promote() : job.changeDelay(left)).catch(() => {});
        }
      }
    },

    async nextDue(queue, wanted = () => true) {
      let earliest: { at: Date; job: Job } | undefined;
      for (const job of await queue.getDelayed(0, -1)) {
        if (!wanted(job)) continue;
        const due = await realDue(queue, job);
        if (due === undefined) continue;
        const at = new Date(due + offset);
        if (!earliest || at < earliest.at) earliest = { at, job };
      }
      return earliest;
    },

    async reset() {
      offset = 0;
      await deps.redis.del(OFFSET_KEY);
    },
  };
}
