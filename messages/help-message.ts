import type { KnownBlock } from '@slack/types';
import { english, type Translator } from './i18n.ts';

/**
 * Everything `/reflect` can do, in the order a newcomer meets it, with the catalogue key (under
 * helpMessage) of what it does. A usage with an example day or placeholder words is read from
 * helpMessage.usage.<what> in the person's language (`/reflect schedule freitag 16:00`).
 */
const REFLECT_USAGES: readonly { usage?: string; what: string }[] = [
  { usage: '/reflect', what: 'reflect' },
  { usage: '/reflect history', what: 'history' },
  { what: 'schedule' },
  { what: 'pause' },
  { usage: '/reflect resume', what: 'resume' },
  { usage: '/reflect export', what: 'export' },
  { usage: '/reflect forget', what: 'forget' },
  { usage: '/reflect team @a @b', what: 'team' },
  { what: 'invite' },
  { what: 'language' },
  { what: 'recognize' },
];

export function reflectSubcommands(tr: Translator = english()): { usage: string; what: string }[] {
  return REFLECT_USAGES.map(({ usage, what }) => ({
    usage: usage ?? tr.t(`helpMessage.usage.${what}`),
    what: tr.t(`helpMessage.${what}`),
  }));
}

export interface HelpMessage {
  response_type: 'ephemeral';
  text: string;
  blocks: KnownBlock[];
}

/** An ephemeral list of commands: an intro line, one bullet per usage, and a footnote. */
export function usageMessage(
  intro: string,
  entries: readonly { usage: string; what: string }[],
  footnote: string,
  tr: Translator = english(),
): HelpMessage {
  const lines = entries
    .map((entry) => tr.t('helpMessage.line', { usage: entry.usage, what: entry.what }))
    .join('\n');
  return {
    response_type: 'ephemeral',
    text: `${intro}\n${lines}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'section', text: { type: 'mrkdwn', text: lines } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: footnote }] },
    ],
  };
}

/** The ephemeral help. `unknown` is the text we could not read, echoed back safely. */
export function reflectHelpMessage(unknown?: string, tr: Translator = english()): HelpMessage {
  const intro = unknown
    ? tr.t('helpMessage.unknown', { text: sanitizeForCode(unknown) })
    : tr.t('helpMessage.intro');
  return usageMessage(intro, reflectSubcommands(tr), tr.t('helpMessage.footnote'), tr);
}

/** Keeps echoed input short and unable to break out of inline code or ping anyone. */
export function sanitizeForCode(text: string): string {
  const cleaned = text
    .replace(/[`<>&]/g, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  return cleaned.length > 40 ? `${cleaned.slice(0, 40)}…` : cleaned;
}
