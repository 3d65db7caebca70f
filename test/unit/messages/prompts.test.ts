import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RECOGNITION_PROMPT_MAX_CHARS, RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import {
  DIMENSION_DESCRIPTIONS,
  DIMENSION_LABELS,
  DIMENSIONS,
  HEART_FACETS,
  PROMPTS_PER_SIDE,
  promptHint,
  REFLECTION_PROMPT_MAX_CHARS,
  REFLECTION_PROMPTS,
  RETIRED_REFLECTION_PROMPT_IDS,
  SIDES,
} from '#messages/reflection-prompts.ts';
import { contentWords, jaccard, nearRepeats } from '#test/unit/messages/prompt-words.ts';

/** One question: a single `?`, at the very end. */
const ONE_QUESTION = /^[^?]+\?$/;

describe('content words and their overlap', () => {
  it('drops stop words and plurals, and measures Jaccard similarity', () => {
    expect([...contentWords("Which of our team's routines wasted people's time this week?", 'en')]).toEqual([
      'team',
      'routine',
      'wasted',
      'people',
      'time',
    ]);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    // The kind of pair the test exists to catch.
    expect(
      nearRepeats(
        [
          { id: 'x', text: 'Who on the team has not been heard in meetings lately?' },
          { id: 'y', text: 'Who on my team was not heard in our meetings this week?' },
        ],
        'en',
        0.5,
      ),
    ).toEqual(['x ~ y (1.00)']);
  });

  it('splits every language into words, French elisions and Japanese included', () => {
    expect([
      ...contentWords('Qu’ai-je gardé pour moi cette semaine qui aurait aidé l’équipe\u00a0?', 'fr'),
    ]).toEqual(['gardé', 'aidé', 'équipe']);
    expect([
      ...contentWords('Wer hat euch diese Woche geholfen, und was wurde dadurch möglich?', 'de'),
    ]).toEqual(['geholfen', 'möglich']);
    expect([...contentWords('¿Quién les ayudó esta semana?', 'es')]).toEqual(['ayudó']);
    expect([...contentWords('今週、チームの誰が新しいことを学びましたか？', 'ja')]).toEqual(
      expect.arrayContaining(['チーム', '新しい']),
    );
    expect(contentWords('今週、チームの誰が新しいことを学びましたか？', 'ja')).not.toContain('今週');
    expect(() => contentWords('Hola', 'xx')).toThrow(/no stop words for xx/);
  });
});

describe('reflection prompt library', () => {
  it(`has ${PROMPTS_PER_SIDE} personal and ${PROMPTS_PER_SIDE} organisational prompts per dimension`, () => {
    expect(REFLECTION_PROMPTS).toHaveLength(DIMENSIONS.length * SIDES.length * PROMPTS_PER_SIDE);
    for (const dimension of DIMENSIONS) {
      for (const side of SIDES) {
        const count = REFLECTION_PROMPTS.filter((p) => p.dimension === dimension && p.side === side).length;
        expect(count, `${dimension}/${side}`).toBe(PROMPTS_PER_SIDE);
      }
    }
  });

  it('has unique ids without ":" that name their dimension and side, and never reuses a retired id', () => {
    const ids = REFLECTION_PROMPTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of REFLECTION_PROMPTS) {
      expect(p.id).not.toContain(':');
      expect(p.id).toMatch(/^(soul|heart|mind)-[po]-\d{2}$/);
      expect(p.id.startsWith(`${p.dimension}-${p.side === 'personal' ? 'p' : 'o'}-`), p.id).toBe(true);
    }
    for (const retired of RETIRED_REFLECTION_PROMPT_IDS) expect(ids, retired).not.toContain(retired);
  });

  it('asks one short question per prompt, trimmed', () => {
    for (const p of REFLECTION_PROMPTS) {
      expect(p.text.length, p.id).toBeGreaterThan(10);
      expect(p.text.length, p.id).toBeLessThanOrEqual(REFLECTION_PROMPT_MAX_CHARS);
      expect(p.text.trim(), p.id).toBe(p.text);
      expect(p.text, p.id).toMatch(ONE_QUESTION);
      // About this week, not leadership in general.
      expect(p.text, p.id).toMatch(/\bthis week\b|\bweek's\b/);
    }
  });

  it('asks in the first person, without blame', () => {
    for (const p of REFLECTION_PROMPTS) {
      expect(p.text, p.id).not.toMatch(/\byou\b|\byour\b/i);
      expect(p.text, p.id).not.toMatch(/why didn.t/i);
      expect(p.text, p.id).not.toMatch(/\bpower over\b|leading through/i);
    }
  });

  it('fits a first-line manager: nothing only a senior leader could answer', () => {
    for (const p of REFLECTION_PROMPTS) {
      expect(p.text, p.id).not.toMatch(
        /middle managers|my managers|the organi[sz]ation|the company|executives?/i,
      );
    }
  });

  it('has no near-repeats: the issue named "better a year from now" and "explain the decision"', () => {
    const texts = REFLECTION_PROMPTS.map((p) => p.text);
    expect(texts.filter((t) => /year/i.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /explain/i.test(t))).toHaveLength(0);
    expect(texts.filter((t) => /decision/i.test(t) && /better off|worse off/i.test(t))).toHaveLength(1);
  });

  it('keeps heart prompts about other people, each tagged with a facet, every facet on both sides', () => {
    const heart = REFLECTION_PROMPTS.filter((p) => p.dimension === 'heart');
    for (const p of heart) {
      expect(p.facet, p.id).toBeDefined();
      // Self-care is worth doing, but the heart prompts are about caring for others.
      expect(p.text, p.id).not.toMatch(/\bmy own (energy|rest|health|well-?being)\b/i);
    }
    for (const side of SIDES) {
      const facets = new Set(heart.filter((p) => p.side === side).map((p) => p.facet));
      expect(facets, side).toEqual(new Set(HEART_FACETS));
    }
    expect(REFLECTION_PROMPTS.filter((p) => p.dimension !== 'heart' && p.facet)).toEqual([]);
    // heart-p-05 ("How is my own energy") is retired; its recast asks about someone else's energy.
    expect(REFLECTION_PROMPTS.some((p) => p.facet === 'energy' && /someone.*energy/i.test(p.text))).toBe(
      true,
    );
  });

  it('invites noticing one\'s own "power over" habits in every dimension', () => {
    const habits =
      /lean on my position|talk over|before offering theirs|handing out tasks|check or sign off|treat as a task|slow an idea down/i;
    for (const dimension of DIMENSIONS) {
      const found = REFLECTION_PROMPTS.filter((p) => p.dimension === dimension && habits.test(p.text));
      expect(found.length, dimension).toBeGreaterThanOrEqual(1);
    }
  });

  it('labels, describes and hints every dimension in plain words', () => {
    for (const dimension of DIMENSIONS) {
      expect(DIMENSION_LABELS[dimension].length).toBeGreaterThan(0);
      expect(DIMENSION_LABELS[dimension].length).toBeLessThanOrEqual(75);
      expect(DIMENSION_DESCRIPTIONS[dimension].length).toBeGreaterThan(0);
      expect(DIMENSION_DESCRIPTIONS[dimension]).not.toContain('\n');
      for (const side of SIDES) {
        const hint = promptHint(dimension, side);
        expect(hint).not.toContain('·');
        expect(hint.length).toBeLessThanOrEqual(150);
      }
    }
    expect(promptHint('soul', 'personal')).toBe(
      'Soul: doing good and making things better, in how you lead.',
    );
    expect(promptHint('mind', 'organisational')).toBe(
      'Mind: solving hard problems together, in how your team works.',
    );
    expect(promptHint('heart')).toBe('Heart: caring for people so they can thrive.');
  });
});

describe('recognition prompt library', () => {
  it('has at least 8 prompts per dimension, each tagged, heart ones with their facet', () => {
    for (const dimension of DIMENSIONS) {
      expect(
        RECOGNITION_PROMPTS.filter((p) => p.dimension === dimension).length,
        dimension,
      ).toBeGreaterThanOrEqual(8);
    }
    const heartFacets = new Set(
      RECOGNITION_PROMPTS.filter((p) => p.dimension === 'heart').map((p) => p.facet),
    );
    expect(heartFacets).toEqual(new Set(HEART_FACETS));
    for (const p of RECOGNITION_PROMPTS) {
      if (p.dimension !== 'heart') expect(p.facet, p.id).toBeUndefined();
    }
  });

  it('has unique ids without ":"', () => {
    const ids = RECOGNITION_PROMPTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).not.toContain(':');
  });

  it('asks one short question per prompt, trimmed', () => {
    for (const p of RECOGNITION_PROMPTS) {
      expect(p.text.length, p.id).toBeGreaterThan(10);
      expect(p.text.length, p.id).toBeLessThanOrEqual(RECOGNITION_PROMPT_MAX_CHARS);
      expect(p.text.trim(), p.id).toBe(p.text);
      expect(p.text, p.id).toMatch(ONE_QUESTION);
    }
  });

  it('comes in varied forms, not one template', () => {
    const openings = RECOGNITION_PROMPTS.map((p) => p.text.split(/\s+/)[0]!.toLowerCase());
    expect(new Set(openings).size).toBeGreaterThanOrEqual(6);
    const who = openings.filter((word) => word === 'who').length;
    expect(who).toBeLessThanOrEqual(Math.ceil(RECOGNITION_PROMPTS.length * 0.7));
    // Not every prompt tacks an instruction onto the end ("… Name what they did").
    expect(RECOGNITION_PROMPTS.filter((p) => /\b(name|say|tell|describe)\b/i.test(p.text))).toEqual([]);
  });

  it('is care, not a contest', () => {
    for (const p of RECOGNITION_PROMPTS) {
      expect(p.text, p.id).not.toMatch(
        /\b(top|best|points?|scores?|leaderboards?|winners?|win|rank\w*|compet\w*|MVP|star of)\b/i,
      );
    }
  });

  it('reaches beyond the usual few', () => {
    const reaching = RECOGNITION_PROMPTS.filter((p) =>
      /only gets noticed|missed|usually get thanked|quiet|not in the room|another team|nobody was watching/i.test(
        p.text,
      ),
    );
    expect(reaching.length).toBeGreaterThanOrEqual(4);
  });
});

describe('near-repeats across all English prompts', () => {
  it('no two prompts share most of their content words (Jaccard below 0.5)', () => {
    expect(nearRepeats([...REFLECTION_PROMPTS, ...RECOGNITION_PROMPTS], 'en', 0.5)).toEqual([]);
  });

  it('no two texts are the same', () => {
    const texts = [...REFLECTION_PROMPTS, ...RECOGNITION_PROMPTS].map((p) => p.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });
});

/**
 * Every prompts.json under messages/locales, whichever languages are there (the test picks up a new
 * language directory by itself). English is the source; each translation must say the same prompts.
 */
const LOCALES_DIR = new URL('../../../messages/locales/', import.meta.url);
const PromptCatalogue = z.strictObject({
  reflection: z.record(z.string(), z.string()),
  recognition: z.record(z.string(), z.string()),
});
const CATALOGUES = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const file = new URL(`${entry.name}/prompts.json`, LOCALES_DIR);
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      return []; // a language whose prompts are not written yet (its common.json may be)
    }
    return [{ language: entry.name, prompts: PromptCatalogue.parse(JSON.parse(raw)) }];
  });

/** How each language says "this week" (every reflection prompt is about this week). */
const THIS_WEEK: Readonly<Record<string, RegExp>> = {
  en: /\bthis week\b|\bweek's\b/,
  de: /\bdiese[rn]? Woche\b/i,
  fr: /\bcette semaine\b|\bde la semaine\b/i,
  es: /\besta semana\b/i,
  'pt-BR': /\b(nesta|esta|desta|nessa|essa|dessa|da) semana\b/i,
  ja: /今週/,
};

/**
 * Forms of address each language must not use: reflection prompts are in the first person, and
 * recognition prompts address a channel of colleagues one way per language (German "ihr", French
 * "vous", Spanish "ustedes" or impersonal). Languages without an entry are not checked here.
 */
const WRONG_ADDRESS: Readonly<Record<string, { reflection: RegExp; recognition: RegExp }>> = {
  de: {
    reflection: anyWord('du dich dir dein deine deinem deinen deiner euch euer eure eurem euren Ihnen'),
    recognition: anyWord('du dich dir dein deine deinem deinen deiner Ihnen'),
  },
  fr: { reflection: anyWord('tu toi te tes vous votre vos'), recognition: anyWord('tu toi te tes') },
  es: {
    reflection: anyWord('tú tu tus ti te usted ustedes vosotros vosotras os vuestro vuestra'),
    recognition: anyWord('tú tu tus ti te vosotros vosotras os vuestro vuestra'),
  },
};

/** A pattern for any of these words as a whole word (letters with accents count as letters). */
function anyWord(list: string): RegExp {
  return new RegExp(`(?<!\\p{L})(${list.split(' ').join('|')})(?!\\p{L})`, 'u');
}

/** One question: exactly one question mark, the last character (full-width `？` accepted for Japanese). */
function isOneQuestion(text: string, language: string): boolean {
  const marks = language === 'ja' ? /[?？]/g : /\?/g;
  const count = text.match(marks)?.length ?? 0;
  if (count !== 1 || !marks.test(text.at(-1) ?? '')) return false;
  // Spanish opens the question too, with one `¿` somewhere before it.
  if (language === 'es') return (text.match(/¿/g)?.length ?? 0) === 1;
  return true;
}

describe('prompt catalogues in every language present', () => {
  const activeReflection = REFLECTION_PROMPTS.map((p) => p.id).sort();
  const activeRecognition = RECOGNITION_PROMPTS.map((p) => p.id).sort();

  it('has English, German, French and Spanish at least', () => {
    expect(CATALOGUES.map((c) => c.language)).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es']));
  });

  it('checks one question per text, Spanish ¿…? and Japanese ？ included', () => {
    expect(isOneQuestion('Who helped?', 'en')).toBe(true);
    expect(isOneQuestion('Who helped? And why?', 'en')).toBe(false);
    expect(isOneQuestion('Who helped', 'en')).toBe(false);
    expect(isOneQuestion('Dentro de un año, ¿qué estará mejor?', 'es')).toBe(true);
    expect(isOneQuestion('¿Quién ayudó', 'es')).toBe(false);
    expect(isOneQuestion('Quién ayudó?', 'es')).toBe(false);
    expect(isOneQuestion('誰が助けましたか？', 'ja')).toBe(true);
    expect(isOneQuestion('誰が助けましたか？ 何を？', 'ja')).toBe(false);
    expect(isOneQuestion('誰が助けましたか？', 'de')).toBe(false);
    // Whole words only, accents included: "ton" (tone) is not "tu", "prêtes" does not hold "tes".
    expect(anyWord('tu tes').test('As-tu vu ?')).toBe(true);
    expect(anyWord('tu tes').test('Les tâches prêtes, le ton juste ?')).toBe(false);
  });

  describe.each(CATALOGUES)('$language', ({ language, prompts }) => {
    const all = [
      ...Object.entries(prompts.reflection).map(([id, text]) => ({ id, text, kind: 'reflection' as const })),
      ...Object.entries(prompts.recognition).map(([id, text]) => ({
        id,
        text,
        kind: 'recognition' as const,
      })),
    ];

    it('has a text for every active prompt id, and no other ids', () => {
      expect(Object.keys(prompts.reflection).sort()).toEqual(activeReflection);
      expect(Object.keys(prompts.recognition).sort()).toEqual(activeRecognition);
    });

    it('asks one short question per prompt, trimmed, plain text', () => {
      for (const p of all) {
        expect(p.text.length, p.id).toBeGreaterThan(10);
        expect(p.text.length, p.id).toBeLessThanOrEqual(
          p.kind === 'reflection' ? REFLECTION_PROMPT_MAX_CHARS : RECOGNITION_PROMPT_MAX_CHARS,
        );
        expect(p.text.trim(), p.id).toBe(p.text);
        expect(isOneQuestion(p.text, language), `${p.id}: ${p.text}`).toBe(true);
        // The catalogues are ICU MessageFormat: prompts have no placeholders, and no line breaks.
        expect(p.text, p.id).not.toMatch(/[{}\n]/);
      }
    });

    it('asks every reflection prompt about this week', () => {
      const thisWeek = THIS_WEEK[language];
      expect(thisWeek, `say how ${language} writes "this week" in THIS_WEEK`).toBeDefined();
      for (const [id, text] of Object.entries(prompts.reflection)) expect(text, id).toMatch(thisWeek!);
    });

    it('addresses people one way: reflection in the first person, recognition to the channel', () => {
      const wrong = WRONG_ADDRESS[language];
      if (!wrong) return;
      for (const [id, text] of Object.entries(prompts.reflection))
        expect(text, id).not.toMatch(wrong.reflection);
      for (const [id, text] of Object.entries(prompts.recognition))
        expect(text, id).not.toMatch(wrong.recognition);
    });

    it('keeps the recognition prompts in varied forms, not one template', () => {
      // Japanese puts the question word late in the sentence, so its openings do not show the form.
      if (language === 'ja') return;
      const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
      const openings = Object.values(prompts.recognition).map((text) => {
        const first = [...segmenter.segment(text)].find((s) => s.isWordLike)!;
        return first.segment.toLocaleLowerCase(language);
      });
      expect(new Set(openings).size).toBeGreaterThanOrEqual(6);
      const counts = [...new Set(openings)].map((word) => openings.filter((w) => w === word).length);
      expect(Math.max(...counts)).toBeLessThanOrEqual(Math.ceil(openings.length * 0.7));
    });

    it('has no near-repeats: no two prompts share most of their content words (Jaccard below 0.5)', () => {
      expect(nearRepeats(all, language, 0.5)).toEqual([]);
      const texts = all.map((p) => p.text.toLocaleLowerCase(language));
      expect(new Set(texts).size).toBe(texts.length);
      // Every prompt keeps some content of its own once stop words are gone.
      for (const p of all) expect(contentWords(p.text, language).size, p.id).toBeGreaterThanOrEqual(2);
    });
  });

  it('French uses the typographic apostrophe, never the ASCII one', () => {
    const french = CATALOGUES.find((c) => c.language === 'fr')!;
    const texts = [...Object.values(french.prompts.reflection), ...Object.values(french.prompts.recognition)];
    expect(texts.filter((text) => text.includes("'"))).toEqual([]);
    expect(texts.filter((text) => text.includes('’')).length).toBeGreaterThan(10);
  });

  it('English catalogue is the text the libraries use', () => {
    const english = CATALOGUES.find((c) => c.language === 'en')!;
    for (const p of REFLECTION_PROMPTS) expect(english.prompts.reflection[p.id], p.id).toBe(p.text);
    for (const p of RECOGNITION_PROMPTS) expect(english.prompts.recognition[p.id], p.id).toBe(p.text);
    expect(jaccard(contentWords('Who helped?', 'en'), contentWords('Who helped?', 'en'))).toBe(1);
  });
});
