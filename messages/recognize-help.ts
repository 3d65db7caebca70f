import { type HelpMessage, usageMessage } from './help-message.ts';
import { english, type Translator } from './i18n.ts';

/**
 * Everything `/recognize` can do: the catalogue key of each example (under recognizeHelp.usage,
 * with the day and words in the reader's language) and of what it does (under recognizeHelp).
 */
const RECOGNIZE_USAGES = ['post', 'form', 'schedule', 'language', 'digest', 'team'] as const;

export function recognizeUsage(tr: Translator = english()): { usage: string; what: string }[] {
  return RECOGNIZE_USAGES.map((what) => ({
    usage: tr.t(`recognizeHelp.usage.${what}`),
    what: tr.t(`recognizeHelp.${what}`),
  }));
}

export function recognizeHelpMessage(tr: Translator = english()): HelpMessage {
  return usageMessage(tr.t('recognizeHelp.intro'), recognizeUsage(tr), tr.t('recognizeHelp.footnote'), tr);
}
