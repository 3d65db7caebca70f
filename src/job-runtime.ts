import type { Processor, Queue, QueueOptions, Worker, WorkerOptions } from 'bullmq';

/**
 * How features make their queues and workers, without knowing how: `jobs/job-runtime.ts` builds it
 * with the shared conventions (one prefix, trimmed history, errors logged) and the composition
 * root passes it in.
 */
export interface JobRuntime {
  queue<Data>(name: string, options?: Partial<QueueOptions>): Queue<Data, unknown, string>;
  worker<Data>(
    name: string,
    processor: Processor<Data, unknown, string>,
    options?: Partial<WorkerOptions>,
  ): Worker<Data, unknown, string>;
  /** Every queue made so far (for the dashboard and queue-depth metrics). */
  queues(): Queue[];
  /** Closes workers first (they finish running jobs), then queues. */
  close(force?: boolean): Promise<void>;
}

/** Builds a deterministic BullMQ job id from parts; `:` is not allowed by BullMQ, so parts are joined by `-`. */
export function jobId(...parts: string[]): string {
  for (const part of parts) {
    if (!/^[A-Za-z0-9_.]+$/.test(part))
      throw new Error(`unsafe job id part: ${JSON.stringify(part.slice(0, 40))}`);
  }
  return parts.join('-');
}
