import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLocal, formatSchedule, weekdayName } from '#messages/format-time.ts';
import {
  createTranslations,
  LANGUAGES,
  loadCatalogues,
  resolveLanguage,
  translatorFor,
} from '#messages/i18n.ts';
import { type Catalogue, catalogueProblems, flatten } from '#test/support/catalogue-check.ts';

const LOCALES = new URL('../../../messages/locales/', import.meta.url);
const NAMESPACES = ['common', 'prompts'] as const;

function read(language: string, ns: string): Catalogue | undefined {
  const file = new URL(`${language}/${ns}.json`, LOCALES);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Catalogue) : undefined;
}

const present = readdirSync(LOCALES).filter((language) => language !== 'en');

describe('the catalogues', () => {
  it('English has every namespace it references and parses as ICU', () => {
    const common = read('en', 'common');
    expect(common).toBeDefined();
    expect(catalogueProblems(common ?? {}, common ?? {})).toEqual([]);
  });

  it('only languages Throughline knows have a directory', () => {
    for (const language of present) expect(LANGUAGES as readonly string[]).toContain(language);
  });

  // Languages arrive one by one: each directory present must be whole, with the same placeholders.
  it.each(present.length > 0 ? present : ['(none yet)'])(
    '%s has every English key, same placeholders',
    (language) => {
      if (language === '(none yet)') return;
      for (const ns of NAMESPACES) {
        const english = read('en', ns);
        if (!english) continue;
        expect(catalogueProblems(english, read(language, ns) ?? {}), `${language}/${ns}.json`).toEqual([]);
      }
    },
  );

  it('the check fails on a missing key, an extra key, a renamed or retyped placeholder, and bad ICU', () => {
    const english: Catalogue = {
      a: { b: 'Hello {name}', c: '{count, plural, one {# week} other {# weeks}}' },
      d: 'Plain',
    };
    expect(catalogueProblems(english, structuredClone(english))).toEqual([]);
    expect(
      catalogueProblems(english, { a: { b: 'Hallo {name}', c: '{count, plural, other {# Wochen}}' } }),
    ).toEqual(['d: missing']);
    expect(catalogueProblems(english, { ...english, e: 'Extra' })).toEqual(['e: not in English']);
    expect(
      catalogueProblems(english, {
        ...english,
        a: { b: 'Hallo {nom}', c: english.a && (english.a as Catalogue).c } as Catalogue,
      }),
    ).toEqual(['a.b: placeholders nom:string instead of name:string']);
    expect(catalogueProblems(english, { ...english, a: { b: 'Hallo {name}', c: '{count} Wochen' } })).toEqual(
      ['a.c: placeholders count:string instead of count:plural'],
    );
    expect(catalogueProblems(english, { ...english, d: 'Kaputt {' })[0]).toMatch(/^d: does not parse/);
  });

  it('a missing key in a language reads in English, never as the key', () => {
    const translations = createTranslations({
      en: { common: { only: { english: 'In English, {name}.' } } },
      de: { common: {} },
    });
    expect(translations.for('de').t('only.english', { name: 'Ann' })).toBe('In English, Ann.');
  });

  it('every English message renders (no ICU error) with sample values', () => {
    const en = translatorFor('en');
    const common = loadCatalogues().en?.common as Catalogue;
    for (const key of flatten(common).keys()) {
      const text = en.t(key, { count: 2, weeks: 3, weeksAgo: 2, length: 1234, max: 10, min: 1 });
      expect(text, key).not.toBe(key);
    }
  });
});

describe('resolveLanguage', () => {
  it.each([
    ['de', 'de'],
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['es-ES', 'es'],
    ['es-419', 'es'],
    ['es-LA', 'es'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['ja-JP', 'ja'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['ko-KR', 'en'],
    ['xx', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ] as const)('%s → %s', (locale, language) => {
    expect(resolveLanguage(locale)).toBe(language);
  });
});

describe('ICU plurals', () => {
  it('English has one and other', () => {
    const en = translatorFor('en');
    expect(en.t('appHome.streak', { count: 1 })).toBe('*Streak:* 1 week in a row');
    expect(en.t('appHome.streak', { count: 2 })).toBe('*Streak:* 2 weeks in a row');
    expect(en.t('nudgeInvitation.inviting', { count: 1 })).toMatch(/^Inviting 1 person:/);
    expect(en.t('nudgeInvitation.inviting', { count: 1000 })).toMatch(/^Inviting 1,000 people:/);
  });

  it('Japanese needs only other, and formats numbers its own way', () => {
    const ja = createTranslations({
      en: { common: { w: '{count, plural, one {# week} other {# weeks}}' } },
      ja: { common: { w: '{count, plural, other {#週間}}' } },
    }).for('ja');
    expect(ja.locale).toBe('ja-JP');
    expect(ja.t('w', { count: 1 })).toBe('1週間');
    expect(ja.t('w', { count: 2 })).toBe('2週間');
  });

  it('German picks its own forms', () => {
    const de = createTranslations({
      en: { common: { w: '{count, plural, one {# week} other {# weeks}}' } },
      de: { common: { w: '{count, plural, one {# Woche} other {# Wochen}}' } },
    }).for('de');
    expect(de.t('w', { count: 1 })).toBe('1 Woche');
    expect(de.t('w', { count: 1500 })).toBe('1.500 Wochen');
  });
});

describe('short fields fit Slack in every language present', () => {
  // Builders cut these to Slack's limits (safe-text.ts viewButton); a translation should not need it.
  const VIEW_BUTTONS = [
    'reflectModal.title',
    'reflectModal.save',
    'reflectModal.saveChanges',
    'reflectModal.cancel',
    'recognitionModal.title',
    'recognitionModal.send',
    'recognitionModal.cancel',
    'recognitionModal.thankYou',
    'recognitionModal.notSentTitle',
    'recognitionModal.done',
    'nudgeScheduleModal.title',
    'nudgeScheduleModal.save',
    'nudgeScheduleModal.cancel',
  ];
  const OPTIONS = ['recognitionModal.postInChannelDescription', 'recognitionModal.sendPrivatelyDescription'];

  it.each(['en', ...present])('%s', (language) => {
    const common = flatten(read(language, 'common') ?? {});
    for (const key of VIEW_BUTTONS) expect((common.get(key) ?? '').length, key).toBeLessThanOrEqual(24);
    for (const key of OPTIONS) expect((common.get(key) ?? '').length, key).toBeLessThanOrEqual(75);
  });
});

describe('dates and weekdays come from Intl in the translator’s locale', () => {
  const translations = createTranslations({
    en: loadCatalogues().en ?? {},
    de: {
      common: {
        formatTime: { local: '{date} um {time} ({timeZone})', schedule: 'jeden {weekday} um {time}' },
      },
    },
  });

  it('English', () => {
    const en = translations.for('en');
    expect(formatLocal(new Date('2026-12-04T15:00:00Z'), 'Europe/Berlin', en)).toBe(
      'Friday, 4 December 2026 at 16:00 (Europe/Berlin)',
    );
    expect(formatSchedule({ weekday: 7, hour: 9, minute: 5 }, en)).toBe('every Sunday at 09:05');
  });

  it('German, with the German catalogue joining them', () => {
    const de = translations.for('de');
    expect(formatLocal(new Date('2026-12-04T15:00:00Z'), 'Europe/Berlin', de)).toBe(
      'Freitag, 4. Dezember 2026 um 16:00 (Europe/Berlin)',
    );
    expect(formatSchedule({ weekday: 5, hour: 16, minute: 0 }, de)).toBe('jeden Freitag um 16:00');
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => weekdayName(day, translations.for('en')))).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
  });
});
