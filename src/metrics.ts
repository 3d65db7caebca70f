import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * One registry per process, built by the composition root and passed in. Labels are fixed sets
 * (method names, outcomes, subcommands): never user ids, channel ids or message text.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'throughline_' });
  return {
    registry,
    commands: new Counter({
      name: 'throughline_commands_total',
      help: 'Slash commands handled, by command and subcommand',
      labelNames: ['command', 'subcommand'] as const,
      registers: [registry],
    }),
    slackCalls: new Counter({
      name: 'throughline_slack_api_calls_total',
      help: 'Slack Web API calls made by background work, by method and outcome',
      labelNames: ['method', 'outcome'] as const,
      registers: [registry],
    }),
    slackLatency: new Histogram({
      name: 'throughline_slack_api_latency_seconds',
      help: 'Latency of Slack Web API calls made by background work',
      labelNames: ['method'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
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
