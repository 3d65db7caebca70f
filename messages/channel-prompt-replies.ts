import { formatLocal, formatSchedule } from '#messages/format-time.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { english, type Translator } from './i18n.ts';

/**
 * The ephemeral replies of `/recognize schedule …` and `/recognize digest …` (the weekly
 * recognition prompt of a channel), for the person who ran them.
 */

type PromptSettings = WeeklySchedule & { tz: string; digest: boolean };

export function notAChannelText(
  example: 'schedule fri 16:00' | 'digest on',
  tr: Translator = english(),
): string {
  return tr.t('channelPromptReplies.notAChannel', { example });
}

export function notAdminText(action: 'schedule' | 'digest', tr: Translator = english()): string {
  return tr.t(`channelPromptReplies.notAdmin.${action}`);
}

export function channelPromptSummary(
  prompt: PromptSettings,
  channelId: string,
  next: Date,
  tr: Translator = english(),
): string {
  return tr.t('channelPromptReplies.summary', {
    channel: `<#${channelId}>`,
    schedule: formatSchedule(prompt, tr),
    timeZone: prompt.tz,
    digest: prompt.digest ? 'on' : 'off',
    next: formatLocal(next, prompt.tz, tr),
  });
}

export function inviteBotHint(channelId: string, tr: Translator = english()): string {
  return tr.t('channelPromptReplies.inviteBotHint', { channel: `<#${channelId}>` });
}

/** A schedule the parser refused, with the example commands turned into `/recognize`'s. */
export function recognizeScheduleError(error: string): string {
  return error.replaceAll('/reflect schedule', '/recognize schedule');
}

/** The fixed replies of `/recognize schedule …` and `/recognize digest …`. */
export type ChannelPromptNote =
  | 'noPrompt'
  | 'noPromptToStop'
  | 'stopped'
  | 'noTimeZone'
  | 'archived'
  | 'digestUsage'
  | 'digestNeedsPrompt';

export function channelPromptNoteText(note: ChannelPromptNote, tr: Translator = english()): string {
  return tr.t(`channelPromptReplies.${note}`);
}

/** @deprecated English only: use channelPromptNoteText('noPrompt', tr). */
export const NO_CHANNEL_PROMPT_TEXT = channelPromptNoteText('noPrompt');
/** @deprecated English only: use channelPromptNoteText('noPromptToStop', tr). */
export const NO_CHANNEL_PROMPT_TO_STOP_TEXT = channelPromptNoteText('noPromptToStop');
/** @deprecated English only: use channelPromptNoteText('stopped', tr). */
export const CHANNEL_PROMPT_STOPPED_TEXT = channelPromptNoteText('stopped');
/** @deprecated English only: use channelPromptNoteText('noTimeZone', tr). */
export const NO_TIME_ZONE_TEXT = channelPromptNoteText('noTimeZone');
/** @deprecated English only: use channelPromptNoteText('archived', tr). */
export const CHANNEL_ARCHIVED_TEXT = channelPromptNoteText('archived');

/** The admin's confirmation once the prompt is armed; `hint` says if the bot must be invited. */
export function channelPromptScheduledText(
  channelId: string,
  prompt: PromptSettings,
  next: Date,
  hint: string | undefined,
  tr: Translator = english(),
): string {
  const lines = [
    tr.t('channelPromptReplies.scheduled', {
      channel: `<#${channelId}>`,
      schedule: formatSchedule(prompt, tr),
      timeZone: prompt.tz,
      next: formatLocal(next, prompt.tz, tr),
    }),
    tr.t(
      prompt.digest ? 'channelPromptReplies.scheduledDigestOn' : 'channelPromptReplies.scheduledDigestOff',
    ),
  ];
  if (hint) lines.push(hint);
  return lines.join('\n');
}

/** @deprecated English only: use channelPromptNoteText('digestUsage', tr). */
export const DIGEST_USAGE_TEXT = channelPromptNoteText('digestUsage');
/** @deprecated English only: use channelPromptNoteText('digestNeedsPrompt', tr). */
export const DIGEST_NEEDS_PROMPT_TEXT = channelPromptNoteText('digestNeedsPrompt');

export function digestSetText(on: boolean, tr: Translator = english()): string {
  return tr.t(on ? 'channelPromptReplies.digestOn' : 'channelPromptReplies.digestOff');
}
