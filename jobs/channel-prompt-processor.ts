import { type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { channelPromptMessage, inviteBotNotice } from '#messages/channel-prompt-message.ts';
import type { Clock } from '#src/clock.ts';
import type { Metrics } from '#src/metrics.ts';
import type { ChannelPromptStore } from '#src/recognition/channel-prompt-store.ts';
import { summarizeDigest } from '#src/recognition/digest.ts';
import { promptForWeek } from '#src/recognition/prompt-rotation.ts';
import type { RecognitionStore } from '#src/recognition/recognition-store.ts';
import { CHANNEL_GONE, slackErrorCode, TOKEN_GONE } from '#src/recognition/slack-error-code.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import type { TeamClients } from '#src/slack-clients.ts';
import {
  type ChannelPromptJobData,
  type ChannelPromptScheduler,
  channelPromptJobSchema,
  isOccurrenceOf,
} from './channel-prompt-jobs.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface ChannelPromptProcessorDeps {
  store: ChannelPromptStore;
  recognitions: RecognitionStore;
  scheduler: ChannelPromptScheduler;
  teamClients: TeamClients;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

export type ChannelPromptOutcome =
  | 'posted'
  | 'no_schedule'
  | 'stale'
  | 'already_sent'
  | 'not_in_channel'
  | 'channel_gone';

/**
 * Posts one channel's weekly recognition prompt (with last week's digest when the channel has it
 * on). Order matters: check the job is still wanted, arm next week's job, claim this week's
 * sent-marker, then post. A claim is released only when the post certainly did not happen and a
 * retry may send it.
 */
export function createChannelPromptProcessor(deps: ChannelPromptProcessorDeps) {
  return async function processChannelPrompt(job: Job<ChannelPromptJobData>): Promise<ChannelPromptOutcome> {
    const parsed = channelPromptJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('malformed channel prompt job');
    const { teamId, channelId } = parsed.data;
    const occurrence = new Date(parsed.data.occurrence);
    const outcome = (value: ChannelPromptOutcome): ChannelPromptOutcome => {
      deps.metrics.channelPrompts.inc({ outcome: value });
      return value;
    };

    const prompt = await deps.store.get(teamId, channelId);
    if (!prompt) return outcome('no_schedule');
    if (!isOccurrenceOf(prompt, occurrence)) return outcome('stale');

    await deps.scheduler.arm(teamId, channelId, prompt, occurrence);

    const weekKey = isoWeekKey(occurrence, prompt.tz);
    if (!(await deps.store.claimWeek(teamId, channelId, weekKey, job.id ?? 'job')))
      return outcome('already_sent');

    const digest = prompt.digest
      ? summarizeDigest(
          await deps.recognitions.publicInChannel(
            teamId,
            channelId,
            occurrence.getTime() - WEEK_MS,
            occurrence.getTime(),
          ),
        )
      : undefined;
    const message = channelPromptMessage({
      prompt: promptForWeek(channelId, occurrence, prompt.tz),
      channelId,
      digest,
    });

    const client = await deps.teamClients.forTeam(teamId);
    try {
      await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'not_in_channel') {
        // Keep the schedule (someone may invite the bot) and tell the admin once how to do it.
        if (prompt.adminId && (await deps.store.claimInviteNotice(teamId, channelId))) {
          await client.chat
            .postMessage({ channel: prompt.adminId, ...inviteBotNotice(channelId) })
            .catch((dmError: unknown) =>
              deps.logger.warn(
                { err: slackErrorCode(dmError) },
                'could not tell the admin about not_in_channel',
              ),
            );
        }
        return outcome('not_in_channel');
      }
      if (CHANNEL_GONE.has(code)) {
        await deps.scheduler.disarm(teamId, channelId, prompt);
        await deps.store.remove(teamId, channelId);
        deps.logger.info({ teamId, channelId, code }, 'channel gone; weekly recognition prompt removed');
        return outcome('channel_gone');
      }
      // Nothing was posted: let a retry send it (or nothing, for errors no retry can fix).
      await deps.store.releaseWeek(teamId, channelId, weekKey);
      deps.metrics.channelPrompts.inc({ outcome: 'failed' });
      if (TOKEN_GONE.has(code) || (code !== 'ratelimited' && code !== 'transient' && code !== 'unknown')) {
        throw new UnrecoverableError(`channel prompt not posted: ${code}`);
      }
      throw new Error(`channel prompt not posted: ${code}`);
    }
    await deps.store.clearInviteNotice(teamId, channelId);
    return outcome('posted');
  };
}
