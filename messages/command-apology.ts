import { english, type Translator } from './i18n.ts';

/** What a person reads when a slash command failed on our side (any command, any feature). */
export function commandFailedText(tr: Translator = english()): string {
  return tr.t('commandApology.failed');
}
