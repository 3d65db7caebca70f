import { describe, expect, it } from 'vitest';
import { RECOGNITION_PROMPT_MAX_CHARS, RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import {
  DIMENSION_DESCRIPTIONS,
  DIMENSION_LABELS,
  DIMENSIONS,
  REFLECTION_PROMPT_MAX_CHARS,
  REFLECTION_PROMPTS,
  SIDES,
} from '#messages/reflection-prompts.ts';

describe('reflection prompt library', () => {
  it('has at least 18 prompts per dimension, roughly half on each side', () => {
    for (const dimension of DIMENSIONS) {
      const inDimension = REFLECTION_PROMPTS.filter((p) => p.dimension === dimension);
      expect(inDimension.length).toBeGreaterThanOrEqual(18);
      for (const side of SIDES) {
        const onSide = inDimension.filter((p) => p.side === side).length;
        expect(onSide, `${dimension}/${side}`).toBeGreaterThanOrEqual(Math.floor(inDimension.length * 0.4));
      }
    }
  });

  it('has unique ids without ":" that name their dimension and side', () => {
    const ids = REFLECTION_PROMPTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of REFLECTION_PROMPTS) {
      expect(p.id).not.toContain(':');
      expect(p.id).toMatch(/^(soul|heart|mind)-[po]-\d{2}$/);
      expect(p.id.startsWith(`${p.dimension}-${p.side === 'personal' ? 'p' : 'o'}-`), p.id).toBe(true);
    }
  });

  it('keeps texts short, distinct and trimmed', () => {
    const texts = REFLECTION_PROMPTS.map((p) => p.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    for (const p of REFLECTION_PROMPTS) {
      expect(p.text.length, p.id).toBeGreaterThan(10);
      expect(p.text.length, p.id).toBeLessThanOrEqual(REFLECTION_PROMPT_MAX_CHARS);
      expect(p.text.trim(), p.id).toBe(p.text);
      expect(p.text, p.id).toMatch(/\?$/);
    }
  });

  it('asks in the first person, without blame', () => {
    for (const p of REFLECTION_PROMPTS) {
      expect(p.text, p.id).not.toMatch(/\byou\b|\byour\b/i);
      expect(p.text, p.id).not.toMatch(/why didn.t/i);
      expect(p.text, p.id).not.toMatch(/\bpower over\b|leading through/i);
    }
  });

  it('labels and describes every dimension', () => {
    for (const dimension of DIMENSIONS) {
      expect(DIMENSION_LABELS[dimension].length).toBeGreaterThan(0);
      expect(DIMENSION_LABELS[dimension].length).toBeLessThanOrEqual(75);
      expect(DIMENSION_DESCRIPTIONS[dimension].length).toBeGreaterThan(0);
      expect(DIMENSION_DESCRIPTIONS[dimension]).not.toContain('\n');
    }
  });
});

describe('recognition prompt library', () => {
  it('has at least 24 prompts with unique ids without ":"', () => {
    expect(RECOGNITION_PROMPTS.length).toBeGreaterThanOrEqual(24);
    const ids = RECOGNITION_PROMPTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).not.toContain(':');
  });

  it('keeps texts short and distinct', () => {
    const texts = RECOGNITION_PROMPTS.map((p) => p.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    for (const p of RECOGNITION_PROMPTS) {
      expect(p.text.length, p.id).toBeGreaterThan(10);
      expect(p.text.length, p.id).toBeLessThanOrEqual(RECOGNITION_PROMPT_MAX_CHARS);
      expect(p.text.trim(), p.id).toBe(p.text);
    }
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
      /rarely seen|missed|usually get thanked|not thanked|quiet|not in the room|another team|front line/i.test(
        p.text,
      ),
    );
    expect(reaching.length).toBeGreaterThanOrEqual(4);
  });
});
