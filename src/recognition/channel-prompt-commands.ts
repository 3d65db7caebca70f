import type { WebClient } from '@slack/web-api';
import {
  CHANNEL_ARCHIVED_TEXT,
  CHANNEL_PROMPT_STOPPED_TEXT,
  channelPromptScheduledText,
  channelPromptSummary,
  DIGEST_NEEDS_PROMPT_TEXT,
  DIGEST_USAGE_TEXT,
  digestSetText,
  inviteBotHint,
  NO_CHANNEL_PROMPT_TEXT,
  NO_CHANNEL_PROMPT_TO_STOP_TEXT,
  NO_TIME_ZONE_TEXT,
  notAChannelText,
  notAdminText,
  recognizeScheduleError,
} from '#messages/channel-prompt-replies.ts';
import { SCHEDULE_ERRORS } from '#messages/schedule-input-errors.ts';
import type { Clock } from '#src/clock.ts';
import type { ChannelPromptScheduler } from '#src/recognition/channel-prompt-jobs.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import { parseScheduleText } from '#src/schedule/parse-schedule.ts';
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

/** Checks whether the bot can post in the channel; returns a hint when it cannot, or undefined. */
async function postingHint(client: WebClient, channelId: string): Promise<string | 'archived' | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived) return 'archived';
    if (channel?.is_private && !channel.is_member) return inviteBotHint(channelId);
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found') return inviteBotHint(channelId);
    return undefined;
  }
}

export async function scheduleCommand(
  deps: ChannelPromptCommandDeps,
  client: WebClient,
  input: ChannelCommandInput,
): Promise<string> {
  if (!isChannelId(input.channelId)) return notAChannelText('schedule fri 16:00');
  const { teamId, channelId } = input;
  const args = input.args.trim().toLowerCase();
  const current = await deps.store.get(teamId, channelId);

  if (args === '') {
    if (!current) return NO_CHANNEL_PROMPT_TEXT;
    return channelPromptSummary(current, channelId, nextOccurrence(current, current.tz, deps.clock.now()));
  }

  const person = await lookUp(client, input.userId, deps.adminUserIds);
  if (!person.isAdmin) return notAdminText('schedule');

  if (args === 'off' || args === 'stop' || args === 'remove') {
    if (!current) return NO_CHANNEL_PROMPT_TO_STOP_TEXT;
    await deps.scheduler.disarm(teamId, channelId, current);
    await deps.store.remove(teamId, channelId);
    return CHANNEL_PROMPT_STOPPED_TEXT;
  }

  const parsed = parseScheduleText(args);
  if (!parsed.ok) return recognizeScheduleError(SCHEDULE_ERRORS[parsed.error]);
  const tz = person.tz && isValidTimeZone(person.tz) ? person.tz : undefined;
  if (!tz) return NO_TIME_ZONE_TEXT;
  const hint = await postingHint(client, channelId);
  if (hint === 'archived') return CHANNEL_ARCHIVED_TEXT;

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
  return channelPromptScheduledText(channelId, prompt, next, hint);
}

export async function digestCommand(
  deps: ChannelPromptCommandDeps,
  client: WebClient,
  input: ChannelCommandInput,
): Promise<string> {
  if (!isChannelId(input.channelId)) return notAChannelText('digest on');
  const args = input.args.trim().toLowerCase();
  if (args !== 'on' && args !== 'off') return DIGEST_USAGE_TEXT;
  const person = await lookUp(client, input.userId, deps.adminUserIds);
  if (!person.isAdmin) return notAdminText('digest');
  const current = await deps.store.get(input.teamId, input.channelId);
  if (!current) return DIGEST_NEEDS_PROMPT_TEXT;
  await deps.store.set(input.teamId, input.channelId, { ...current, digest: args === 'on' });
  return digestSetText(args === 'on');
}
