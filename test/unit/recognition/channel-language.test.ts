import { describe, expect, it } from 'vitest';
import type { Language } from '#messages/i18n.ts';
import { channelLanguage, parseLanguageSetting } from '#src/recognition/channel-language.ts';

describe('channelLanguage: the language of a channel’s posts', () => {
  const cases: { name: string; setting?: Language; locales: string[]; expected: Language }[] = [
    { name: 'nobody known, no setting: English', locales: [], expected: 'en' },
    {
      name: 'the setting wins over the workspace',
      setting: 'ja',
      locales: ['de', 'de', 'de'],
      expected: 'ja',
    },
    { name: 'the most common language', locales: ['de', 'de', 'en', 'fr'], expected: 'de' },
    { name: 'Slack locales are resolved first', locales: ['de-AT', 'de-CH', 'en-US'], expected: 'de' },
    { name: 'pt-PT and pt-BR count as one', locales: ['pt-PT', 'pt-BR', 'ja-JP'], expected: 'pt-BR' },
    { name: 'unknown locales count as English', locales: ['xx-YY', 'zz', 'fr-FR'], expected: 'en' },
    { name: 'a tie: English', locales: ['de', 'fr'], expected: 'en' },
    { name: 'a tie at the top only: English', locales: ['de', 'de', 'ja', 'ja', 'fr'], expected: 'en' },
    { name: 'one person is enough', locales: ['es-419'], expected: 'es' },
  ];
  it.each(cases)('$name', ({ setting, locales, expected }) => {
    expect(channelLanguage(setting, locales)).toBe(expected);
  });
});

describe('parseLanguageSetting', () => {
  it.each([
    ['de', 'de'],
    ['pt-br', 'pt-BR'],
    ['JA', 'ja'],
    ['auto', 'auto'],
    ['AUTO', 'auto'],
    ['xx', undefined],
    ['german', undefined],
    ['', undefined],
  ])('%s → %s', (word, expected) => {
    expect(parseLanguageSetting(word)).toBe(expected);
  });
});
