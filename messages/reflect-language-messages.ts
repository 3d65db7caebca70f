import { sanitizeForCode } from './help-message.ts';
import { english, type Language, type Translator } from './i18n.ts';

/** The replies of `/reflect language`, each in the reader's language (after a change: the new one). */

export interface LanguageReply {
  response_type: 'ephemeral';
  text: string;
}

/** The order the choices are offered in. */
const CHOICES: readonly Language[] = ['de', 'fr', 'es', 'pt-BR', 'ja', 'en'];

/** A language's name in the reader's language (`Deutsch` for a German reader, `German` for an English one). */
export function languageName(language: Language, tr: Translator = english()): string {
  return new Intl.DisplayNames([tr.locale], { type: 'language' }).of(language) ?? language;
}

/** `` `de` Deutsch, `fr` français, … or `en` English ``: each in its own language, so anyone finds theirs. */
export function languageChoices(tr: Translator = english()): string {
  const items = CHOICES.map((code) =>
    tr.t('reflectLanguage.choice', {
      code,
      name: new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code,
    }),
  );
  return tr.listFormat({ type: 'disjunction' }).format(items);
}

function reply(text: string): LanguageReply {
  return { response_type: 'ephemeral', text };
}

/** After `/reflect language de`: in the new language, saying which and that `auto` follows Slack. */
export function languageSetMessage(tr: Translator = english()): LanguageReply {
  return reply(tr.t('reflectLanguage.set', { language: languageName(tr.language, tr) }));
}

/** After `/reflect language auto`: in Slack's language, now followed again. */
export function languageAutoMessage(tr: Translator = english()): LanguageReply {
  return reply(tr.t('reflectLanguage.auto', { language: languageName(tr.language, tr) }));
}

/** Bare `/reflect language`: the current language, where it comes from, and the choices. */
export function languageCurrentMessage(chosen: boolean, tr: Translator = english()): LanguageReply {
  return reply(
    tr.t('reflectLanguage.current', {
      language: languageName(tr.language, tr),
      source: chosen ? 'chosen' : 'slack',
      choices: languageChoices(tr),
    }),
  );
}

/** A word that is no language we speak, echoed back safely, with the choices. */
export function languageUnknownMessage(text: string, tr: Translator = english()): LanguageReply {
  return reply(
    tr.t('reflectLanguage.unknown', { text: sanitizeForCode(text), choices: languageChoices(tr) }),
  );
}
