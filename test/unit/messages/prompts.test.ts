import { describe, expect, it } from 'vitest';
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

/**
 * Words that carry no content of their own: articles, pronouns, question words, auxiliaries, and
 * "week" (nearly every prompt is about this week). Kept small on purpose: a longer list would hide
 * real repeats.
 */
const STOP_WORDS = new Set(
  `a an and or but nor of to in on at for with by from as about into than then so if is are was
  were be been being do did does have has had i me my myself we us our ourselves you your yourself
  they them their he she him her his it its this that these those who whom whose what which where
  when how why not no any some someone anyone everyone one the week lately now there here would
  could should can will`.split(/\s+/),
);

/** The set of content words of a text, lower-cased, with a plain plural `s` dropped. */
function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .match(/[a-z]+/g) ?? []) {
    if (raw.length < 2 || STOP_WORDS.has(raw)) continue;
    words.add(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return words;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Pairs of prompts (by id) whose content words overlap by at least `limit`. */
function nearRepeats(prompts: readonly { id: string; text: string }[], limit: number): string[] {
  const words = prompts.map((p) => ({ id: p.id, words: contentWords(p.text) }));
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

/** One question: a single `?`, at the very end. */
const ONE_QUESTION = /^[^?]+\?$/;

describe('content words and their overlap', () => {
  it('drops stop words and plurals, and measures Jaccard similarity', () => {
    expect([...contentWords("Which of our team's routines wasted people's time this week?")]).toEqual([
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
        0.5,
      ),
    ).toEqual(['x ~ y (1.00)']);
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
    expect(nearRepeats([...REFLECTION_PROMPTS, ...RECOGNITION_PROMPTS], 0.5)).toEqual([]);
  });

  it('no two texts are the same', () => {
    const texts = [...REFLECTION_PROMPTS, ...RECOGNITION_PROMPTS].map((p) => p.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });
});
