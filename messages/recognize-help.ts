import { type HelpMessage, usageMessage } from './help-message.ts';
import { english, type Translator } from './i18n.ts';

/** Everything `/recognize` can do, with the catalogue key (under recognizeHelp) of what it does. */
const RECOGNIZE_USAGES: readonly { usage: string; what: string }[] = [
  { usage: '/recognize @someone what they did #heart', what: 'post' },
  { usage: '/recognize', what: 'form' },
  { usage: '/recognize schedule fri 16:00', what: 'schedule' },
  { usage: '/recognize digest on', what: 'digest' },
  { usage: '/reflect team @a @b', what: 'team' },
];

export function recognizeUsage(tr: Translator = english()): { usage: string; what: string }[] {
  return RECOGNIZE_USAGES.map(({ usage, what }) => ({ usage, what: tr.t(`recognizeHelp.${what}`) }));
}

export function recognizeHelpMessage(tr: Translator = english()): HelpMessage {
  return usageMessage(tr.t('recognizeHelp.intro'), recognizeUsage(tr), tr.t('recognizeHelp.footnote'), tr);
}
