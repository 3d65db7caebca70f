import {
  type ConnectionOptions,
  type Processor,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import type { Logger } from 'pino';
import { type JobRuntime, jobId } from '#src/job-runtime.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { QUEUE_PREFIX } from '#src/store/keys.ts';

export type { JobRuntime };
export { QUEUE_PREFIX };

/**
 * How every queue and worker in Throughline is made, so they share conventions:
 * - one BullMQ `prefix` (`{tlq}`), separate from the data keys (`tl:` in src/store/keys.ts); the
 *   braces are a Redis Cluster hash tag, so every queue key is in one slot as BullMQ's scripts need;
 * - producers on their own `producer` connection (not auto-pipelined), workers on their own blocking connections;
 * - job ids are deterministic and never contain `:` (BullMQ refuses them); see `jobId()`;
 * - finished jobs are trimmed so Redis does not grow forever;
 * - every queue and worker logs its errors instead of crashing the process.
 */

export function createJobRuntime(deps: {
  producerConnection: RedisClient;
  workerConnection: ConnectionOptions;
  logger: Logger;
  prefix?: string;
}): JobRuntime {
  const prefix = deps.prefix ?? QUEUE_PREFIX;
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  return {
    queue<Data>(name: string, options: Partial<QueueOptions> = {}) {
      const queue = new Queue<Data, unknown, string>(name, {
        connection: deps.producerConnection,
        prefix,
        defaultJobOptions: {
          removeOnComplete: { age: 14 * 24 * 3600, count: 200_000 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
        ...options,
      });
      queue.on('error', (error) => deps.logger.warn({ queue: name, err: error.message }, 'queue error'));
      queues.push(queue as unknown as Queue);
      return queue;
    },
    worker<Data>(
      name: string,
      processor: Processor<Data, unknown, string>,
      options: Partial<WorkerOptions> = {},
    ) {
      const worker = new Worker<Data, unknown, string>(name, processor, {
        connection: deps.workerConnection,
        prefix,
        ...options,
      });
      worker.on('error', (error) => deps.logger.warn({ queue: name, err: error.message }, 'worker error'));
      worker.on('failed', (job, error) =>
        deps.logger.warn(
          { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
          'job failed',
        ),
      );
      workers.push(worker as unknown as Worker);
      return worker;
    },
    queues() {
      return [...queues];
    },
    async close(force = false) {
      await Promise.allSettled(workers.map((worker) => worker.close(force)));
      await Promise.allSettled(queues.map((queue) => queue.close()));
    },
  };
}

export { jobId };
