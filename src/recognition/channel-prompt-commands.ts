import type { WebClient } from '@slack/web-api';
import type { Clock } from '#src/clock.ts';
import type { ChannelPromptScheduler } from '#src/recognition/channel-prompt-jobs.ts';
import { formatLocal } from '#src/schedule/format-local.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import { formatSchedule, parseScheduleText } from '#src/schedule/parse-schedule.ts';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import type { ChannelPrompt, ChannelPromptStore } from './channel-prompt-store.ts';

/**
 * `/recognize schedule <day> <HH:MM>`, `/recognize schedule off`, `/recognize schedule` (show)
 * and `/recognize digest on|off`, run in the channel they configure. Changing anything is for
 * admins: ADMIN_USER_IDS, or workspace admins and owners (users.info). Each returns the text of
 * the ephemeral reply.
 */
export interface ChannelPromptCommandDeps {
  store: ChannelPromptStore;
  scheduler: ChannelPromptScheduler;
  clock: Clock;
  adminUserIds: readonly string[];
}

export interface ChannelCommandInput {
  teamId: string;
  channelId: string;
  userId: string;
  /** The text after the subcommand word, trimmed. */
  args: string;
}

const NOT_A_CHANNEL =
  'Run this in the channel where the weekly recognition prompt should appear, e.g. `/recognize schedule fri 16:00`.';

export function isChannelId(id: string | undefined): id is string {
  return typeof id === 'string' && /^[CG][A-Z0-9]{1,20}$/.test(id);
}

interface Person {
  isAdmin: boolean;
  tz: string | undefined;
}

async function lookUp(client: WebClient, userId: string, adminUserIds: readonly string[]): Promise<Person> {
  const { user } = await client.users.info({ user: userId });
  return {
    isAdmin: adminUserIds.includes(userId) || user?.is_admin === true || user?.is_owner === true,
    tz: user?.tz,
  };
}

function notAdmin(what: string): string {
  return `Only workspace admins can ${what}. If you'd like one here, ask an admin (or someone in ADMIN_USER_IDS) to run \`/recognize schedule fri 16:00\` in this channel. Anyone can recognize someone any time with \`/recognize @someone what they did\`.`;
}

function describe(prompt: ChannelPrompt, channelId: string, next: Date): string {
  return `<#${channelId}> gets a recognition prompt on ${formatSchedule(prompt)} (${prompt.tz}), weekly digest ${prompt.digest ? 'on' : 'off'}. Next: ${formatLocal(next, prompt.tz)}.`;
}

/** Checks whether the bot can post in the channel; returns a hint when it cannot, or undefined. */
async function postingHint(client: WebClient, channelId: string): Promise<string | 'archived' | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived) return 'archived';
    if (channel?.is_private && !channel.is_member) return inviteHint(channelId);
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found') return inviteHint(channelId);
    return undefined;
  }
}

function inviteHint(channelId: string): string {
  return `I'm not a member of <#${channelId}> yet, so I can't post there: type \`/invite @Throughline\` here to add me.`;
}

export async function scheduleCommand(
  deps: ChannelPromptCommandDeps,
  client: WebClient,
  input: ChannelCommandInput,
): Promise<string> {
  if (!isChannelId(input.channelId)) return NOT_A_CHANNEL;
  const { teamId, channelId } = input;
  const args = input.args.trim().toLowerCase();
  const current = await deps.store.get(teamId, channelId);

  if (args === '') {
    if (!current) {
      return 'There is no weekly recognition prompt in this channel yet. An admin can add one with `/recognize schedule fri 16:00` (in their own time zone).';
    }
    return describe(current, channelId, nextOccurrence(current, current.tz, deps.clock.now()));
  }

  const person = await lookUp(client, input.userId, deps.adminUserIds);
  if (!person.isAdmin) return notAdmin('schedule recognition prompts in channels');

  if (args === 'off' || args === 'stop' || args === 'remove') {
    if (!current) return 'There was no weekly recognition prompt in this channel, so nothing changed.';
    await deps.scheduler.disarm(teamId, channelId, current);
    await deps.store.remove(teamId, channelId);
    return 'Done: no more weekly recognition prompts in this channel. Recognitions with `/recognize` still work.';
  }

  const parsed = parseScheduleText(args);
  if (!parsed.ok) return parsed.error.replaceAll('/reflect schedule', '/recognize schedule');
  const tz = person.tz && isValidTimeZone(person.tz) ? person.tz : undefined;
  if (!tz) {
    return 'I could not read your time zone from Slack. Set it in your Slack profile (Preferences → Language & region), then try again.';
  }
  const hint = await postingHint(client, channelId);
  if (hint === 'archived') return 'This channel is archived, so I cannot post prompts here.';

  const prompt: ChannelPrompt = {
    ...parsed.schedule,
    tz,
    digest: current?.digest ?? false,
    adminId: input.userId,
    updatedAt: deps.clock.now().getTime(),
  };
  if (current) await deps.scheduler.disarm(teamId, channelId, current);
  await deps.store.set(teamId, channelId, prompt);
  const next = await deps.scheduler.arm(teamId, channelId, prompt);
  const lines = [
    `Done. I'll post a short recognition prompt in <#${channelId}> on ${formatSchedule(prompt)} (${tz}, your time zone), with a "Recognize someone" button. The first one: ${formatLocal(next, tz)}.`,
    prompt.digest
      ? "The weekly digest of last week's recognitions leads each prompt (`/recognize digest off` to stop it)."
      : "Add a short digest of last week's recognitions with `/recognize digest on`.",
  ];
  if (hint) lines.push(hint);
  return lines.join('\n');
}

export async function digestCommand(
  deps: ChannelPromptCommandDeps,
  client: WebClient,
  input: ChannelCommandInput,
): Promise<string> {
  if (!isChannelId(input.channelId)) return NOT_A_CHANNEL.replace('schedule fri 16:00', 'digest on');
  const args = input.args.trim().toLowerCase();
  if (args !== 'on' && args !== 'off') {
    return "Use `/recognize digest on` or `/recognize digest off` in a channel with a weekly prompt. The digest thanks the channel for last week's public recognitions (Monday to Sunday, in the schedule's time zone) and names only the people recognized.";
  }
  const person = await lookUp(client, input.userId, deps.adminUserIds);
  if (!person.isAdmin) return notAdmin('change the weekly digest');
  const current = await deps.store.get(input.teamId, input.channelId);
  if (!current) {
    return 'The digest comes with the weekly prompt, and this channel has none yet. Add one first with `/recognize schedule fri 16:00`.';
  }
  await deps.store.set(input.teamId, input.channelId, { ...current, digest: args === 'on' });
  return args === 'on'
    ? "Done: each weekly prompt here will start with last week's digest (last week's public recognitions only, and only the names of people recognized)."
    : 'Done: no more digest here; the weekly prompt continues.';
}
