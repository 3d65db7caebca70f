import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { channelPromptMessage, inviteBotNotice } from '#messages/channel-prompt-message.ts';
import type { Clock } from '#src/clock.ts';
import type { Metrics } from '#src/metrics.ts';
import type { WorkspaceGate } from '#src/nudges/workspace-gate.ts';
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
  /**
   * The workspace-wide send gate shared with nudges and invitations: a prompt takes one of the
   * workspace's send slots, a Slack 429 on any background send pauses the workspace (moving the
   * slots), and a revoked token stops it. Optional in tests.
   */
  gate?: Pick<WorkspaceGate, 'reserveSlot' | 'pauseFor' | 'isStopped'>;
}

export type ChannelPromptOutcome =
  | 'posted'
  | 'no_schedule'
  | 'stale'
  | 'already_sent'
  | 'not_in_channel'
  | 'channel_gone'
  | 'workspace_stopped';

/**
 * Posts one channel's weekly recognition prompt (with last week's digest when the channel has it
 * on). Order matters: check the job is still wanted, arm next week's job, claim this week's
 * sent-marker, then post. A claim is released only when the post certainly did not happen and a
 * retry may send it.
 */
export function createChannelPromptProcessor(deps: ChannelPromptProcessorDeps) {
  return async function processChannelPrompt(
    job: Job<ChannelPromptJobData>,
    token?: string,
  ): Promise<ChannelPromptOutcome> {
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

    if (await deps.gate?.isStopped(teamId)) return outcome('workspace_stopped');
    // The workspace's next send slot (after any Slack pause): come back then, once, without using
    // an attempt. BullMQ's delays run on real time, so this one is measured from the real clock.
    const holder = job.id ?? `prompt-${teamId}-${channelId}`;
    const slotIn = (await deps.gate?.reserveSlot(teamId, holder)) ?? 0;
    if (slotIn > 0) {
      await job.moveToDelayed(Date.now() + slotIn, token);
      throw new DelayedError();
    }

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
      const retryAfter = Number((error as { retryAfter?: unknown }).retryAfter);
      if (code === 'ratelimited') {
        // Slack's 429: the whole workspace waits Retry-After; this job comes back then.
        const waitMs = (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1) * 1000;
        await deps.gate?.pauseFor(teamId, waitMs);
        const slot = (await deps.gate?.reserveSlot(teamId, holder)) ?? 0;
        await job.moveToDelayed(Date.now() + Math.max(slot, waitMs), token);
        throw new DelayedError();
      }
      deps.metrics.channelPrompts.inc({ outcome: 'failed' });
      if (TOKEN_GONE.has(code) || (code !== 'transient' && code !== 'unknown')) {
        throw new UnrecoverableError(`channel prompt not posted: ${code}`);
      }
      throw new Error(`channel prompt not posted: ${code}`);
    }
    await deps.store.clearInviteNotice(teamId, channelId);
    return outcome('posted');
  };
}
