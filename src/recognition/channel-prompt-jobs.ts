import type { JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '#src/clock.ts';
import { jobId } from '#src/job-runtime.ts';
import type { ChannelPrompt, ChannelPromptStore } from '#src/recognition/channel-prompt-store.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';

/**
 * Weekly recognition prompts in channels: one delayed job per channel for its next occurrence,
 * computed in code with `nextOccurrence` (the admin's zone, DST rule in src/schedule/DST-RULE.md),
 * never a BullMQ repeat/scheduler. Ids are deterministic and contain no `:`:
 *   prompt-<team>-<channel>-<2026W48>
 * so arming an already-pending week is a no-op; the per-week sent-marker (SET NX, claimed before
 * the post) covers what ids cannot: retries, a stale duplicate, a second worker process.
 * When a job runs it first arms the next week, so a failed post never breaks the chain.
 */
export const CHANNEL_PROMPTS_QUEUE = 'channel-prompts';

const slackId = z.string().regex(/^[A-Za-z0-9_]{1,64}$/);

export const channelPromptJobSchema = z.object({
  teamId: slackId,
  channelId: slackId,
  /** The instant this prompt is for (ISO 8601); its local week is the dedupe key. */
  occurrence: z.iso.datetime(),
});

export type ChannelPromptJobData = z.infer<typeof channelPromptJobSchema>;

export function channelPromptJobId(teamId: string, channelId: string, weekKey: string): string {
  return jobId('prompt', teamId, channelId, weekKey.replace('-', ''));
}

/** Retries for 5xx, network errors and 429s: 5 attempts, 30 s doubling. Finished jobs are removed at once. */
export const CHANNEL_PROMPT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000, jitter: 0.2 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** How many weekly job ids `disarm` looks up, starting a week back. */
const DISARM_WEEKS = 6;

export interface ChannelPromptScheduler {
  /**
   * Arms the job for the first occurrence strictly after `after` whose week was not posted yet.
   * Returns that occurrence.
   */
  arm(teamId: string, channelId: string, prompt: ChannelPrompt, after?: Date): Promise<Date>;
  /** Removes the pending jobs of the channel's schedule (last week's to five weeks ahead). */
  disarm(teamId: string, channelId: string, prompt: ChannelPrompt): Promise<void>;
}

export function createChannelPromptScheduler(deps: {
  queue: Queue<ChannelPromptJobData, unknown, string>;
  store: ChannelPromptStore;
  clock: Clock;
  logger: Logger;
}): ChannelPromptScheduler {
  const { queue, store, clock } = deps;

  async function removeJob(id: string): Promise<void> {
    const job = await queue.getJob(id);
    if (!job) return;
    try {
      await job.remove();
    } catch (error) {
      // A job that is running right now cannot be removed; it re-checks the schedule itself.
      deps.logger.info(
        { jobId: id, err: error instanceof Error ? error.message : String(error) },
        'prompt job busy',
      );
    }
  }

  return {
    async arm(teamId, channelId, prompt, after = clock.now()) {
      let occurrence = nextOccurrence(prompt, prompt.tz, after);
      // A week already posted (e.g. the time was moved later in the same week) goes to the next.
      for (
        let i = 0;
        i < 3 && (await store.weekClaimed(teamId, channelId, isoWeekKey(occurrence, prompt.tz)));
        i++
      ) {
        occurrence = nextOccurrence(prompt, prompt.tz, occurrence);
      }
      const id = channelPromptJobId(teamId, channelId, isoWeekKey(occurrence, prompt.tz));
      const data: ChannelPromptJobData = { teamId, channelId, occurrence: occurrence.toISOString() };
      const existing = await queue.getJob(id);
      if (existing) {
        if (existing.data.occurrence === data.occurrence && !(await existing.isFailed())) return occurrence;
        await removeJob(id);
      }
      const delay = Math.max(0, occurrence.getTime() - clock.now().getTime());
      await queue.add('prompt', data, { ...CHANNEL_PROMPT_JOB_OPTIONS, jobId: id, delay });
      return occurrence;
    },

    async disarm(teamId, channelId, prompt) {
      // Ids are deterministic, so removing is a few lookups: a late job from last week, this
      // week's, and weeks armed ahead (a skipped, already-posted week, or a job run early).
      let occurrence = new Date(clock.now().getTime() - 8 * 24 * 60 * 60 * 1000);
      for (let i = 0; i < DISARM_WEEKS; i++) {
        occurrence = nextOccurrence(prompt, prompt.tz, occurrence);
        await removeJob(channelPromptJobId(teamId, channelId, isoWeekKey(occurrence, prompt.tz)));
      }
    },
  };
}

/** True when `occurrence` is one of the schedule's own occurrences (else the job is stale). */
export function isOccurrenceOf(prompt: ChannelPrompt, occurrence: Date): boolean {
  return (
    nextOccurrence(prompt, prompt.tz, new Date(occurrence.getTime() - 1)).getTime() === occurrence.getTime()
  );
}
