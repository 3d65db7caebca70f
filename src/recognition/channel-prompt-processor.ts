import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { channelPromptMessage, inviteBotNotice } from '#messages/channel-prompt-message.ts';
import { english } from '#messages/i18n.ts';
import type { Clock } from '#src/clock.ts';
import { cachedTranslator } from '#src/i18n/person-language.ts';
import type { Metrics } from '#src/metrics.ts';
import type { WorkspaceGate } from '#src/nudges/index.ts';
import { type ChannelLanguageDeps, channelTranslator } from '#src/recognition/channel-language.ts';
import type { ChannelPromptStore } from '#src/recognition/channel-prompt-store.ts';
import { digestWindow, summarizeDigest } from '#src/recognition/digest.ts';
import { promptForWeek } from '#src/recognition/prompt-rotation.ts';
import type { RecognitionStore } from '#src/recognition/recognition-store.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import { classifySlackError, slackErrorCode } from '#src/slack/slack-error.ts';
import type { TeamClients } from '#src/workspaces/index.ts';
import {
  type ChannelPromptJobData,
  type ChannelPromptScheduler,
  channelPromptJobSchema,
  isOccurrenceOf,
} from './channel-prompt-jobs.ts';

export interface ChannelPromptProcessorDeps {
  store: ChannelPromptStore;
  recognitions: RecognitionStore;
  scheduler: ChannelPromptScheduler;
  teamClients: TeamClients;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** The channel's language (set with the schedule, else the workspace's); English when absent. */
  languages?: ChannelLanguageDeps;
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
  | 'workspace_stopped'
  /** The post timed out or Slack failed mid-way: it may be in the channel, so no second one. */
  | 'uncertain';

/**
 * Posts one channel's weekly recognition prompt (with last week's digest when the channel has it
 * on). Order matters: check the job is still wanted, arm next week's job, prepare everything that
 * can fail (the workspace's client, the digest), claim this week's sent-marker, then post. A claim
 * is released only when Slack's answer proves nothing was posted, so a retry may send it; when the
 * outcome is unknown (a timeout, a 5xx: Slack may have posted) the claim stays and the week's
 * prompt is not sent again: at most once, as nudges (channels have no history scope to look in).
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
    if (await deps.store.weekClaimed(teamId, channelId, weekKey)) return outcome('already_sent');
    // Before the claim: a failure here is retried with the week still unclaimed.
    const client = await deps.teamClients.forTeam(teamId);
    // Last calendar week in the channel's zone, not the seven days before the post.
    const window = digestWindow(occurrence, prompt.tz);
    const digest = prompt.digest
      ? summarizeDigest(
          await deps.recognitions.publicInChannel(teamId, channelId, window.fromMs, window.toMs),
        )
      : undefined;
    const tr = deps.languages ? await channelTranslator(deps.languages, teamId, prompt.language) : english();
    const message = channelPromptMessage(
      { prompt: promptForWeek(channelId, occurrence, prompt.tz), channelId, digest },
      tr,
    );

    if (!(await deps.store.claimWeek(teamId, channelId, weekKey, job.id ?? 'job')))
      return outcome('already_sent');
    try {
      await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false });
    } catch (error) {
      const failure = classifySlackError(error);
      const { code } = failure;
      if (failure.kind === 'not-in-channel') {
        // Keep the schedule (someone may invite the bot) and tell the admin once how to do it.
        if (prompt.adminId && (await deps.store.claimInviteNotice(teamId, channelId))) {
          const adminTr = deps.languages
            ? await cachedTranslator(deps.languages, teamId, prompt.adminId).catch(() => english())
            : english();
          await client.chat
            .postMessage({ channel: prompt.adminId, ...inviteBotNotice(channelId, adminTr) })
            .catch((dmError: unknown) =>
              deps.logger.warn(
                { err: slackErrorCode(dmError) },
                'could not tell the admin about not_in_channel',
              ),
            );
        }
        return outcome('not_in_channel');
      }
      if (failure.kind === 'channel-gone') {
        await deps.scheduler.disarm(teamId, channelId, prompt);
        await deps.store.remove(teamId, channelId);
        deps.logger.info({ teamId, channelId, code }, 'channel gone; weekly recognition prompt removed');
        return outcome('channel_gone');
      }
      if (failure.kind === 'transient') {
        deps.logger.warn(
          { teamId, channelId, weekKey },
          'the channel prompt post timed out or failed mid-way; it may have been posted, so it is not sent again',
        );
        return outcome('uncertain');
      }
      // Slack answered with a refusal: nothing was posted; let a retry send it (or nothing, for
      // errors no retry can fix).
      await deps.store.releaseWeek(teamId, channelId, weekKey);
      if (failure.kind === 'rate-limited') {
        // Slack's 429: the whole workspace waits Retry-After; this job comes back then.
        const waitMs = failure.retryAfterMs;
        await deps.gate?.pauseFor(teamId, waitMs);
        const slot = (await deps.gate?.reserveSlot(teamId, holder)) ?? 0;
        await job.moveToDelayed(Date.now() + Math.max(slot, waitMs), token);
        throw new DelayedError();
      }
      deps.metrics.channelPrompts.inc({ outcome: 'failed' });
      // A refusal no retry can fix (a dead token, bad blocks).
      throw new UnrecoverableError(`channel prompt not posted: ${code}`);
    }
    await deps.store.clearInviteNotice(teamId, channelId);
    return outcome('posted');
  };
}
