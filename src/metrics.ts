import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * How often the event-loop lag histogram samples. prom-client's default, 10 ms, is a timer that
 * wakes every process 100 times a second: an idle worker spent 0.4–0.5 % of a core on it (strace:
 * an epoll wake every 10 ms, nothing else), which a worker pacing 5 DMs a second pays per DM. A
 * stalled loop still shows in full at any resolution: the late sample records the whole stall.
 */
export const EVENT_LOOP_SAMPLE_MS = 500;

/**
 * One registry per process, built by the composition root and passed in. Labels are fixed sets
 * (method names, outcomes, subcommands): never user ids, channel ids or message text.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({
    register: registry,
    prefix: 'throughline_',
    eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS,
  });
  let listQueues: () => Queue[] = () => [];
  return {
    registry,
    /** Where the queue-depth gauge reads its queues from (set by the composition root). */
    observeQueues(source: () => Queue[]) {
      listQueues = source;
    },
    queueJobs: new Gauge({
      name: 'throughline_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed), read at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        // Bounded, so a Redis outage makes the gauge stale instead of hanging the scrape.
        const read = Promise.all(
          listQueues().map(async (queue) => ({
            name: queue.name,
            counts: await queue.getJobCounts(...QUEUE_STATES),
          })),
        );
        const timeout = new Promise<undefined>((resolve) =>
          setTimeout(() => resolve(undefined), 1000).unref(),
        );
        const results = await Promise.race([read.catch(() => undefined), timeout]);
        for (const { name, counts } of results ?? []) {
          for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    }),
    commands: new Counter({
      name: 'throughline_commands_total',
      help: 'Slash commands handled, by command and subcommand',
      labelNames: ['command', 'subcommand'] as const,
      registers: [registry],
    }),
    slackCalls: new Counter({
      name: 'throughline_slack_api_calls_total',
      help: 'Slack Web API calls by method, client (interactive or background) and outcome (ok, a Slack error code, rate_limited, http_5xx, network_error)',
      labelNames: ['method', 'client', 'outcome'] as const,
      registers: [registry],
    }),
    slackLatency: new Histogram({
      name: 'throughline_slack_api_latency_seconds',
      help: 'Latency of Slack Web API calls by method and client',
      labelNames: ['method', 'client'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    reflectionsSaved: new Counter({
      name: 'throughline_reflections_saved_total',
      help: 'Reflections saved, by kind (new: first save of a week, edit: saved again)',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    nudges: new Counter({
      name: 'throughline_nudges_total',
      help: 'Weekly nudge jobs by kind (weekly, follow-up, redelivery) and outcome (sent, skipped_*, failed_*)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    slackRateLimited: new Counter({
      name: 'throughline_slack_rate_limited_total',
      help: 'HTTP 429 answers from Slack on background sends, by method',
      labelNames: ['method'] as const,
      registers: [registry],
    }),
    recognitions: new Counter({
      name: 'throughline_recognitions_total',
      help: 'Recognitions delivered, by visibility (channel, private) and dimension (soul, heart, mind)',
      labelNames: ['visibility', 'dimension'] as const,
      registers: [registry],
    }),
    channelPrompts: new Counter({
      name: 'throughline_channel_prompts_total',
      help: 'Weekly channel recognition prompt jobs, by outcome (posted, already_sent, stale, not_in_channel, channel_gone, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
