import { formatLocal, formatSchedule } from '#messages/format-time.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';

/**
 * The ephemeral replies of `/recognize schedule …` and `/recognize digest …` (the weekly
 * recognition prompt of a channel), for the person who ran them.
 */

type PromptSettings = WeeklySchedule & { tz: string; digest: boolean };

export function notAChannelText(example: 'schedule fri 16:00' | 'digest on'): string {
  return `Run this in the channel where the weekly recognition prompt should appear, e.g. \`/recognize ${example}\`.`;
}

const ADMIN_ACTIONS = {
  schedule: 'schedule recognition prompts in channels',
  digest: 'change the weekly digest',
} as const;

export function notAdminText(action: keyof typeof ADMIN_ACTIONS): string {
  return `Only workspace admins can ${ADMIN_ACTIONS[action]}. If you'd like one here, ask an admin (or someone in ADMIN_USER_IDS) to run \`/recognize schedule fri 16:00\` in this channel. Anyone can recognize someone any time with \`/recognize @someone what they did\`.`;
}

export function channelPromptSummary(prompt: PromptSettings, channelId: string, next: Date): string {
  return `<#${channelId}> gets a recognition prompt on ${formatSchedule(prompt)} (${prompt.tz}), weekly digest ${prompt.digest ? 'on' : 'off'}. Next: ${formatLocal(next, prompt.tz)}.`;
}

export function inviteBotHint(channelId: string): string {
  return `I'm not a member of <#${channelId}> yet, so I can't post there: type \`/invite @Throughline\` here to add me.`;
}

/** A schedule the parser refused, with the example commands turned into `/recognize`'s. */
export function recognizeScheduleError(error: string): string {
  return error.replaceAll('/reflect schedule', '/recognize schedule');
}

export const NO_CHANNEL_PROMPT_TEXT =
  'There is no weekly recognition prompt in this channel yet. An admin can add one with `/recognize schedule fri 16:00` (in their own time zone).';
export const NO_CHANNEL_PROMPT_TO_STOP_TEXT =
  'There was no weekly recognition prompt in this channel, so nothing changed.';
export const CHANNEL_PROMPT_STOPPED_TEXT =
  'Done: no more weekly recognition prompts in this channel. Recognitions with `/recognize` still work.';
export const NO_TIME_ZONE_TEXT =
  'I could not read your time zone from Slack. Set it in your Slack profile (Preferences → Language & region), then try again.';
export const CHANNEL_ARCHIVED_TEXT = 'This channel is archived, so I cannot post prompts here.';

/** The admin's confirmation once the prompt is armed; `hint` says if the bot must be invited. */
export function channelPromptScheduledText(
  channelId: string,
  prompt: PromptSettings,
  next: Date,
  hint: string | undefined,
): string {
  const lines = [
    `Done. I'll post a short recognition prompt in <#${channelId}> on ${formatSchedule(prompt)} (${prompt.tz}, your time zone), with a "Recognize someone" button. The first one: ${formatLocal(next, prompt.tz)}.`,
    prompt.digest
      ? "The weekly digest of last week's recognitions leads each prompt (`/recognize digest off` to stop it)."
      : "Add a short digest of last week's recognitions with `/recognize digest on`.",
  ];
  if (hint) lines.push(hint);
  return lines.join('\n');
}

export const DIGEST_USAGE_TEXT =
  "Use `/recognize digest on` or `/recognize digest off` in a channel with a weekly prompt. The digest thanks the channel for last week's public recognitions (Monday to Sunday, in the schedule's time zone) and names only the people recognized.";
export const DIGEST_NEEDS_PROMPT_TEXT =
  'The digest comes with the weekly prompt, and this channel has none yet. Add one first with `/recognize schedule fri 16:00`.';

export function digestSetText(on: boolean): string {
  return on
    ? "Done: each weekly prompt here will start with last week's digest (last week's public recognitions only, and only the names of people recognized)."
    : 'Done: no more digest here; the weekly prompt continues.';
}
