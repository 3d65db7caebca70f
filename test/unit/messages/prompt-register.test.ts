import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import { REFLECTION_PROMPTS } from '#messages/reflection-prompts.ts';

/**
 * What the catalogue rules for every language (prompts.test.ts: ids, one question, length,
 * near-repeats through prompt-words.ts) cannot say: that a translation is one, and that Brazilian
 * Portuguese and Japanese speak in the register the product uses.
 */

type Language = 'pt-BR' | 'ja';
const LANGUAGES: readonly Language[] = ['pt-BR', 'ja'];

const Catalogue = z
  .object({
    reflection: z.record(z.string(), z.string()),
    recognition: z.record(z.string(), z.string()),
  })
  .strict();
type Catalogue = z.infer<typeof Catalogue>;

function loadCatalogue(language: Language): Catalogue {
  const url = new URL(`../../../messages/locales/${language}/prompts.json`, import.meta.url);
  return Catalogue.parse(JSON.parse(readFileSync(url, 'utf8')));
}

const CATALOGUES: Readonly<Record<Language, Catalogue>> = {
  'pt-BR': loadCatalogue('pt-BR'),
  ja: loadCatalogue('ja'),
};

describe.each(LANGUAGES)('%s prompt catalogue', (language) => {
  it('is translated: no text is the English one', () => {
    const english = new Set([...REFLECTION_PROMPTS, ...RECOGNITION_PROMPTS].map((p) => p.text));
    const { reflection, recognition } = CATALOGUES[language];
    for (const [id, text] of [...Object.entries(reflection), ...Object.entries(recognition)])
      expect(english.has(text), id).toBe(false);
  });
});

describe('register', () => {
  it('pt-BR: reflections ask in the first person about this week; recognitions speak to the channel', () => {
    const { reflection, recognition } = CATALOGUES['pt-BR'];
    for (const [id, text] of Object.entries(reflection)) {
      expect(text, id).toMatch(/\bsemana\b/);
      expect(text, id).not.toMatch(/(?<!\p{L})(você|vocês|tu|teu|tua)(?!\p{L})/iu);
    }
    for (const [id, text] of Object.entries(recognition)) {
      // "vocês" or neutral; never the singular "tu" forms.
      expect(text, id).not.toMatch(/(?<!\p{L})(tu|teu|tua|contigo)(?!\p{L})/iu);
    }
  });

  it('ja: reflections are about 今週 and never say あなた; recognitions are polite (です/ます)', () => {
    const { reflection, recognition } = CATALOGUES.ja;
    for (const [id, text] of Object.entries(reflection)) {
      expect(text, id).toContain('今週');
      expect(text, id).not.toMatch(/あなた|君|お前/);
    }
    for (const [id, text] of Object.entries(recognition)) {
      expect(text, id).toMatch(/(ですか|でしたか|ましたか|ますか|でしょうか)？$/);
      expect(text, id).not.toMatch(/お前|君/);
    }
  });
});
