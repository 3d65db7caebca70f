import { existsSync, readdirSync, readFileSync } from 'node:fs';
import i18next, { type i18n, type Resource } from 'i18next';
import ICU from 'i18next-icu';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * Every word a person reads goes through a Translator: ICU MessageFormat catalogues per language
 * under messages/locales/<language>/ (common.json, prompts.json), English the single reference.
 * A key missing in a language falls back to English. Interpolated values are escaped by the
 * builders (safe-text.ts) before they are passed, so i18next's own escaping is off.
 */

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The BCP 47 locale each language formats dates and numbers in (en-GB: "Friday, 4 December 2026"). */
const LOCALES: Readonly<Record<Language, string>> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  'pt-BR': 'pt-BR',
  ja: 'ja-JP',
};

export const NAMESPACES = ['common', 'prompts'] as const;

export interface Translator {
  language: Language;
  /** BCP 47 locale for Intl. */
  locale: string;
  /** `'nudgeReplies.scheduleSet'` (common) or `'prompts:reflection.soul-p-01'`. */
  t(key: string, values?: Record<string, string | number | Date>): string;
  /**
   * An `Intl.DateTimeFormat` for this locale and these options, built once per translator
   * (building one costs far more than formatting with it).
   */
  dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat;
  /** An `Intl.ListFormat` for this locale and these options, built once per translator. */
  listFormat(options: Intl.ListFormatOptions): Intl.ListFormat;
}

export interface Translations {
  for(language: Language): Translator;
}

/** Slack's locale (`de-AT`, `pt-PT`, …) to one of ours; unknown or missing is English. */
export function resolveLanguage(slackLocale?: string): Language {
  const tag = (slackLocale ?? '').trim().replace('_', '-').toLowerCase();
  const base = tag.split('-')[0] ?? '';
  switch (base) {
    case 'de':
      return 'de';
    case 'fr':
      return 'fr';
    case 'es':
      return 'es';
    case 'pt':
      return 'pt-BR';
    case 'ja':
      return 'ja';
    default:
      return 'en';
  }
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

const LOCALES_DIR = new URL('./locales/', import.meta.url);

/** Every catalogue present under messages/locales (a language may not be translated yet). */
export function loadCatalogues(dir: URL = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const language = entry.name;
    const bundle: Record<string, Record<string, unknown>> = {};
    for (const ns of NAMESPACES) {
      const file = new URL(`${language}/${ns}.json`, dir);
      if (existsSync(file)) bundle[ns] = JSON.parse(readFileSync(file, 'utf8'));
    }
    resources[language] = bundle as Resource[string];
  }
  return resources;
}

/** One i18next instance over the given catalogues (all loaded synchronously, up front). */
export function createTranslations(resources: Resource = loadCatalogues()): Translations {
  const instance: i18n = i18next.createInstance();
  instance.use(ICU).init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...new Set([...LANGUAGES, ...Object.keys(resources)])],
    load: 'currentOnly',
    ns: [...NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    returnNull: false,
    returnEmptyString: false,
    interpolation: { escapeValue: false },
  });
  const cache = new Map<Language, Translator>();
  return {
    for(language) {
      const cached = cache.get(language);
      if (cached) return cached;
      const fixed = instance.getFixedT(language, 'common');
      // i18next resolves the text (and the English fallback); each text is compiled once with
      // intl-messageformat, the ICU engine i18next-icu uses. Through i18next's t() every call cost
      // about 16 µs against about 1 µs here (`npm run bench:translate`), some 40 calls a modal.
      const compiled = new Map<string, IntlMessageFormat>();
      const dateFormats = new Map<string, Intl.DateTimeFormat>();
      const listFormats = new Map<string, Intl.ListFormat>();
      const locale = LOCALES[language] ?? language;
      const translator: Translator = {
        language,
        locale,
        dateFormat: (options) => {
          const key = JSON.stringify(options);
          let format = dateFormats.get(key);
          if (!format) {
            format = new Intl.DateTimeFormat(locale, options);
            dateFormats.set(key, format);
          }
          return format;
        },
        listFormat: (options) => {
          const key = JSON.stringify(options);
          let format = listFormats.get(key);
          if (!format) {
            format = new Intl.ListFormat(locale, options);
            listFormats.set(key, format);
          }
          return format;
        },
        t: (key, values) => {
          let message = compiled.get(key);
          if (!message) {
            const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
            const source = instance.getResource(language, ns, path) ?? instance.getResource('en', ns, path);
            if (typeof source !== 'string') return fixed(key, values ?? {}) as string;
            message = new IntlMessageFormat(source, language, undefined, { ignoreTag: true });
            compiled.set(key, message);
          }
          try {
            return String(message.format(values));
          } catch {
            // A value the text needs is missing: show the text as written, as i18next-icu does.
            return fixed(key, values ?? {}) as string;
          }
        },
      };
      cache.set(language, translator);
      return translator;
    },
  };
}

// The catalogues are read-only data, so one lazily built set serves every default translator.
let shared: Translations | undefined;

/** A translator over messages/locales, for tests and the English default of pure builders. */
export function translatorFor(language: Language): Translator {
  shared ??= createTranslations();
  return shared.for(language);
}

/** The English translator: the default of every builder until call sites pass the person's own. */
export function english(): Translator {
  return translatorFor('en');
}
