import type { WebClient } from '@slack/web-api';
import {
  channelLanguageText,
  channelPromptNoteText,
  channelPromptScheduledText,
  channelPromptSummary,
  digestSetText,
  inviteBotHint,
  languageSetText,
  notAChannelText,
  notAdminText,
  recognizeScheduleError,
  unknownLanguageText,
} from '#messages/channel-prompt-replies.ts';
import { english, type Language, type Translator } from '#messages/i18n.ts';
import { scheduleErrorText } from '#messages/schedule-input-errors.ts';
import type { Clock } from '#src/clock.ts';
import type { ChannelPromptScheduler } from '#src/recognition/channel-prompt-jobs.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import { parseScheduleText } from '#src/schedule/parse-schedule.ts';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { type ChannelLanguageDeps, channelTranslator, parseLanguageSetting } from './channel-language.ts';
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
  /** For the channel's default language; without it a channel with no setting reads English. */
  languages?: ChannelLanguageDeps;
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
async function postingHint(
  client: WebClient,
  channelId: string,
  tr: Translator,
): Promise<string | 'archived' | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived) return 'archived';
    if (channel?.is_private && !channel.is_member) return inviteBotHint(channelId, tr);
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found') return inviteBotHint(channelId, tr);
    return undefined;
  }
}

/** The language words of `/recognize schedule …`, before or after the time: `language de`, `language auto`. */
function splitLanguage(args: string): { rest: string; language?: string } {
  const match = /(?:^|\s)language(?:\s+(\S+))?(?=\s|$)/.exec(args);
  if (!match) return { rest: args };
  const rest = `${args.slice(0, match.index)} ${args.slice(match.index + match[0].length)}`;
  return { rest: rest.replace(/\s+/g, ' ').trim(), language: match[1] ?? '' };
}

/** The line that says which language the channel's posts are in (set, or the workspace's). */
async function languageLine(
  deps: ChannelPromptCommandDeps,
  teamId: string,
  prompt: ChannelPrompt,
  tr: Translator,
): Promise<string> {
  const language = deps.languages
    ? (await channelTranslator(deps.languages, teamId, prompt.language)).language
    : (prompt.language ?? 'en');
  return channelLanguageText(language, prompt.language === undefined, tr);
}

/**
 * `/recognize schedule [<day> <time>] [language <xx>|auto]`, `off`, or nothing (show). Replies in
 * the admin's language `tr`; the day and time are read in it too.
 */
export async function scheduleCommand(
  deps: ChannelPromptCommandDeps,
  client: WebClient,
  input: ChannelCommandInput,
  tr: Translator = english(),
): Promise<string> {
  if (!isChannelId(input.channelId)) return notAChannelText('schedule fri 16:00', tr);
  const { teamId, channelId } = input;
  const { rest: args, language: languageWord } = splitLanguage(input.args.trim().toLowerCase());
  const current = await deps.store.get(teamId, channelId);

  if (args === '' && languageWord === undefined) {
    if (!current) return channelPromptNoteText('noPrompt', tr);
    const next = nextOccurrence(current, current.tz, deps.clock.now());
    return `${channelPromptSummary(current, channelId, next, tr)}\n${await languageLine(deps, teamId, current, tr)}`;
  }

  let language: Language | 'auto' | undefined;
  if (languageWord !== undefined) {
    language = parseLanguageSetting(languageWord);
    if (!language) return unknownLanguageText(languageWord, tr);
  }

  const person = await lookUp(client, input.userId, deps.adminUserIds);
  if (!person.isAdmin) return notAdminText('schedule', tr);

  if (args === 'off' || args === 'stop' || args === 'remove') {
    if (!current) return channelPromptNoteText('noPromptToStop', tr);
    await deps.scheduler.disarm(teamId, channelId, current);
    await deps.store.remove(teamId, channelId);
    return channelPromptNoteText('stopped', tr);
  }

  if (args === '') {
    // Only the language changes: the schedule and its jobs stay as they are.
    if (!current) return channelPromptNoteText('languageNeedsPrompt', tr);
    const { language: _previous, ...rest } = current;
    const updated: ChannelPrompt = language === 'auto' ? rest : { ...rest, language };
    await deps.store.set(teamId, channelId, updated);
    return languageSetText(channelId, await languageLine(deps, teamId, updated, tr), tr);
  }

  const parsed = parseScheduleText(args, tr.language);
  if (!parsed.ok) return recognizeScheduleError(scheduleErrorText(parsed.error, tr));
  const tz = person.tz && isValidTimeZone(person.tz) ? person.tz : undefined;
  if (!tz) return channelPromptNoteText('noTimeZone', tr);
  const hint = await postingHint(client, channelId, tr);
  if (hint === 'archived') return channelPromptNoteText('archived', tr);

  const kept = language === undefined ? current?.language : language === 'auto' ? undefined : language;
  const prompt: ChannelPrompt = {
    ...parsed.schedule,
    tz,
    digest: current?.digest ?? false,
    ...(kept ? { language: kept } : {}),
    adminId: input.userId,
    updatedAt: deps.clock.now().getTime(),
  };
  if (current) await deps.scheduler.disarm(teamId, channelId, current);
  await deps.store.set(teamId, channelId, prompt);
  const next = await deps.scheduler.arm(teamId, channelId, prompt);
  return `${channelPromptScheduledText(channelId, prompt, next, hint, tr)}\n${await languageLine(deps, teamId, prompt, tr)}`;
}

export async function digestCommand(
  deps: ChannelPromptCommandDeps,
  client: WebClient,
  input: ChannelCommandInput,
  tr: Translator = english(),
): Promise<string> {
  if (!isChannelId(input.channelId)) return notAChannelText('digest on', tr);
  const args = input.args.trim().toLowerCase();
  if (args !== 'on' && args !== 'off') return channelPromptNoteText('digestUsage', tr);
  const person = await lookUp(client, input.userId, deps.adminUserIds);
  if (!person.isAdmin) return notAdminText('digest', tr);
  const current = await deps.store.get(input.teamId, input.channelId);
  if (!current) return channelPromptNoteText('digestNeedsPrompt', tr);
  await deps.store.set(input.teamId, input.channelId, { ...current, digest: args === 'on' });
  return digestSetText(args === 'on', tr);
}
