import type { Language } from '#messages/i18n.ts';

/** What `/reflect language <word>` asks for: a language, `auto` (follow Slack), or nothing we know. */
export type LanguageRequest =
  | { kind: 'show' }
  | { kind: 'set'; language: Language }
  | { kind: 'auto' }
  | { kind: 'unknown'; text: string };

// Codes, the languages' own names (with and without accents) and their English names.
const WORDS: Readonly<Record<string, Language | 'auto'>> = {
  auto: 'auto',
  en: 'en',
  english: 'en',
  de: 'de',
  deutsch: 'de',
  german: 'de',
  fr: 'fr',
  français: 'fr',
  francais: 'fr',
  french: 'fr',
  es: 'es',
  español: 'es',
  espanol: 'es',
  spanish: 'es',
  pt: 'pt-BR',
  'pt-br': 'pt-BR',
  pt_br: 'pt-BR',
  português: 'pt-BR',
  portugues: 'pt-BR',
  portuguese: 'pt-BR',
  ja: 'ja',
  日本語: 'ja',
  japanese: 'ja',
};

/** Reads the text after `/reflect language`, case-insensitively. */
export function parseLanguageRequest(text: string): LanguageRequest {
  const word = text.trim().normalize('NFC').toLowerCase();
  if (word === '') return { kind: 'show' };
  const found = Object.hasOwn(WORDS, word) ? WORDS[word] : undefined;
  if (found === undefined) return { kind: 'unknown', text: text.trim() };
  return found === 'auto' ? { kind: 'auto' } : { kind: 'set', language: found };
}
