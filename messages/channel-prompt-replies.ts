import { formatLocal, formatSchedule } from '#messages/format-time.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { english, LANGUAGES, type Language, type Translator } from './i18n.ts';

/**
 * The ephemeral replies of `/recognize schedule …` and `/recognize digest …` (the weekly
 * recognition prompt of a channel), for the person who ran them.
 */

type PromptSettings = WeeklySchedule & { tz: string; digest: boolean };

export function notAChannelText(
  example: 'schedule fri 16:00' | 'digest on',
  tr: Translator = english(),
): string {
  // The schedule example with the weekday in the reader's language (`schedule freitag 16:00`).
  const shown =
    example === 'schedule fri 16:00'
      ? tr.t('recognizeHelp.usage.schedule').replace(/^\/recognize\s+/, '')
      : example;
  return tr.t('channelPromptReplies.notAChannel', { example: shown });
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
  | 'digestNeedsPrompt'
  | 'languageNeedsPrompt';

export function channelPromptNoteText(note: ChannelPromptNote, tr: Translator = english()): string {
  return tr.t(`channelPromptReplies.${note}`);
}

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

export function digestSetText(on: boolean, tr: Translator = english()): string {
  return tr.t(on ? 'channelPromptReplies.digestOn' : 'channelPromptReplies.digestOff');
}

/** A language's name in the reader's language (`de` is "German" in English, "Deutsch" in German). */
export function languageName(language: Language, tr: Translator = english()): string {
  try {
    return new Intl.DisplayNames([tr.locale], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** Which language the channel's posts are in; `byDefault` when no admin set one. */
export function channelLanguageText(
  language: Language,
  byDefault: boolean,
  tr: Translator = english(),
): string {
  const name = languageName(language, tr);
  return byDefault
    ? tr.t('channelPromptReplies.languageDefault', { language: name })
    : tr.t('channelPromptReplies.language', { language: name });
}

export function languageSetText(channelId: string, languageLine: string, tr: Translator = english()): string {
  return tr.t('channelPromptReplies.languageSet', { channel: `<#${channelId}>`, line: languageLine });
}

/** `language xx` named no language we have: list the ones we do. */
export function unknownLanguageText(given: string, tr: Translator = english()): string {
  const languages = LANGUAGES.map((language) => `\`${language}\` (${languageName(language, tr)})`).join(', ');
  return tr.t('channelPromptReplies.languageUnknown', {
    given: given.replace(/[`<>&*_~]/g, '').slice(0, 20),
    languages,
  });
}
