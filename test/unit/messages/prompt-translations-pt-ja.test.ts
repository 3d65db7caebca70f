import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import { REFLECTION_PROMPTS, RETIRED_REFLECTION_PROMPT_IDS } from '#messages/reflection-prompts.ts';

/**
 * The Brazilian Portuguese and Japanese prompt catalogues (messages/locales/<language>/prompts.json):
 * the same active ids as the English library, one short question each, and no near-repeats inside a
 * language, measured the way the English test does (Jaccard of content-word sets below 0.5) with
 * words found by Intl.Segmenter.
 */

type Language = 'pt-BR' | 'ja';
const LANGUAGES: readonly Language[] = ['pt-BR', 'ja'];

/** Prompt texts are used as input labels and headers: at most 150 characters in every language. */
const MAX_CHARS = 150;
const SIMILARITY_LIMIT = 0.5;

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

/**
 * Words that carry no content of their own. pt-BR: articles, pronouns, prepositions and their
 * contractions, question words, common auxiliaries, and "semana" (nearly every prompt is about this
 * week). ja: particles, auxiliaries and the verb-ending fragments the segmenter splits off, question
 * words, "I"/"we", and 今週 ("this week"). Kept small on purpose: a longer list would hide repeats.
 */
const STOP_WORDS: Readonly<Record<Language, ReadonlySet<string>>> = {
  'pt-BR': new Set(
    `a o as os um uma uns umas e ou mas nem de do da dos das em no na nos nas num numa por pelo pela
    pelos pelas para com sem que se ao aos à às como quando onde quem qual quais eu me mim meu minha
    meus minhas comigo nós nosso nossa nossos nossas você vocês seu sua seus suas ele ela eles elas
    dele dela deles delas isso isto esse essa este esta desta nesta deste neste dessa desse disso
    lhe é foi era ser estar está estava ter tem teve teria fiz fez há não já só algo alguém
    ninguém todos outro outra outros outras semana`.split(/\s+/),
  ),
  ja: new Set(
    `今週 私 私たち 自分 たち 誰 誰か 何 何で どこ どれ どの どんな どう いつ それ その そこ これ この
    は が を に で と の も か や へ から まで より って など では でも には とは として ことに
    です でし ます まし ませ ましょう でしょう しょう した して し する しま しよう でき できる
    いる いた いま てい てく くれ れる られる られ なる なり なっ ない なく なか ず たり だけ はず
    こと もの ため とき よう そう ん んで まっ けた かけ にし せん`.split(/\s+/),
  ),
};

/** Hiragana only: the segmenter's one-character fragments (た, れ, せ…) are grammar, not content. */
const HIRAGANA = /^[\u3041-\u309f]+$/;

const SEGMENTERS: Readonly<Record<Language, Intl.Segmenter>> = {
  'pt-BR': new Intl.Segmenter('pt-BR', { granularity: 'word' }),
  ja: new Intl.Segmenter('ja', { granularity: 'word' }),
};

/** The set of content words of a text: word-like segments, lower-cased, minus stop words. */
function contentWords(language: Language, text: string): Set<string> {
  const stop = STOP_WORDS[language];
  const words = new Set<string>();
  for (const segment of SEGMENTERS[language].segment(text)) {
    if (!segment.isWordLike) continue;
    const word = segment.segment.toLowerCase();
    if (stop.has(word)) continue;
    if (language === 'ja') {
      if (word.length < 2 && HIRAGANA.test(word)) continue;
      words.add(word);
    } else {
      if (word.length < 2) continue;
      // A plain plural `s` dropped, as in the English test ("pessoas" and "pessoa" are one word).
      words.add(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
    }
  }
  return words;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Pairs of prompts (by id) whose content words overlap by at least `limit`. */
function nearRepeats(language: Language, prompts: readonly { id: string; text: string }[], limit: number) {
  const words = prompts.map((p) => ({ id: p.id, words: contentWords(language, p.text) }));
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i]!;
      const b = words[j]!;
      const similarity = jaccard(a.words, b.words);
      if (similarity >= limit) found.push(`${a.id} ~ ${b.id} (${similarity.toFixed(2)})`);
    }
  }
  return found;
}

function entries(catalogue: Catalogue): { id: string; text: string }[] {
  return [...Object.entries(catalogue.reflection), ...Object.entries(catalogue.recognition)].map(
    ([id, text]) => ({ id, text }),
  );
}

/** One question: a single question mark, at the very end (full-width in Japanese). */
const ONE_QUESTION: Readonly<Record<Language, RegExp>> = {
  'pt-BR': /^[^?？]+\?$/,
  ja: /^[^?？]+？$/,
};

describe('content words in Portuguese and Japanese', () => {
  it('drops stop words, grammar fragments and plurals', () => {
    expect([
      ...contentWords('pt-BR', 'Quem da equipe aprendeu algo novo nesta semana com as pessoas?'),
    ]).toEqual(['equipe', 'aprendeu', 'novo', 'pessoa']);
    expect([
      ...contentWords('ja', '今週、チームの中で自分の分以上の仕事を抱え込んでいる人はいませんか？'),
    ]).toEqual(['チーム', '中', '分', '以上', '仕事', '抱え', '込', '人']);
  });

  it('catches the kind of pair the test exists for', () => {
    expect(
      nearRepeats(
        'pt-BR',
        [
          { id: 'x', text: 'Quem da equipe não foi ouvido nas reuniões ultimamente?' },
          { id: 'y', text: 'Quem da minha equipe não foi ouvido nas reuniões desta semana?' },
        ],
        SIMILARITY_LIMIT,
      ),
    ).toEqual(['x ~ y (0.75)']);
    expect(
      nearRepeats(
        'ja',
        [
          { id: 'x', text: '最近、チームの会議で意見を聞いてもらえなかったのは誰ですか？' },
          { id: 'y', text: '今週、私のチームの会議で意見を聞いてもらえなかったのは誰でしたか？' },
        ],
        SIMILARITY_LIMIT,
      ),
    ).toEqual(['x ~ y (0.80)']);
  });
});

describe.each(LANGUAGES)('%s prompt catalogue', (language) => {
  const catalogue = CATALOGUES[language];

  it('has exactly the active reflection and recognition ids of the English library', () => {
    expect(Object.keys(catalogue.reflection).sort()).toEqual(REFLECTION_PROMPTS.map((p) => p.id).sort());
    expect(Object.keys(catalogue.recognition).sort()).toEqual(RECOGNITION_PROMPTS.map((p) => p.id).sort());
    for (const retired of RETIRED_REFLECTION_PROMPT_IDS) {
      expect(Object.keys(catalogue.reflection), retired).not.toContain(retired);
    }
  });

  it(`asks one question per prompt, trimmed, at most ${MAX_CHARS} characters`, () => {
    for (const { id, text } of entries(catalogue)) {
      expect(text.length, id).toBeGreaterThan(10);
      expect(text.length, id).toBeLessThanOrEqual(MAX_CHARS);
      expect(text.trim(), id).toBe(text);
      expect(text, id).toMatch(ONE_QUESTION[language]);
    }
  });

  it('renders as written through ICU MessageFormat: no braces, no ASCII apostrophe, no #', () => {
    for (const { id, text } of entries(catalogue)) expect(text, id).not.toMatch(/[{}'#]/);
  });

  it('is translated: no text is the English one', () => {
    const english = new Set([...REFLECTION_PROMPTS, ...RECOGNITION_PROMPTS].map((p) => p.text));
    for (const { id, text } of entries(catalogue)) expect(english.has(text), id).toBe(false);
  });

  it(`has no near-repeats: content-word Jaccard below ${SIMILARITY_LIMIT}, no two texts the same`, () => {
    const all = entries(catalogue);
    expect(nearRepeats(language, all, SIMILARITY_LIMIT)).toEqual([]);
    expect(new Set(all.map((p) => p.text)).size).toBe(all.length);
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
