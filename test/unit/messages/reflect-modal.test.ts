import { describe, expect, it } from 'vitest';
import {
  ANSWER_ACTION,
  ANSWER_MAX_CHARS,
  answerBlockId,
  buildReflectModal,
  EMPTY_REFLECTION_ERROR,
  INTENTION_ACTION,
  INTENTION_BLOCK,
  RATING_ACTION,
  ratingBlockId,
  readReflectSubmission,
} from '#messages/reflect-modal.ts';
import { REFLECTION_PROMPTS } from '#messages/reflection-prompts.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';

const prompts = ['soul', 'heart', 'mind'].map((d) => {
  const p = REFLECTION_PROMPTS.find((x) => x.dimension === d)!;
  return { id: p.id, dimension: p.dimension, side: p.side, text: p.text };
});

function values(answers: (string | undefined)[], extra: Record<string, Record<string, object>> = {}) {
  const state: Record<string, Record<string, object>> = {};
  answers.forEach((value, index) => {
    state[answerBlockId(index)] = { [ANSWER_ACTION]: { type: 'plain_text_input', value: value ?? null } };
  });
  return { ...state, ...extra };
}

describe('reflection modal', () => {
  it('has a short title, one multiline input per prompt (max 3000), intention and ratings, within limits', () => {
    const longest = [...REFLECTION_PROMPTS].sort((a, b) => b.text.length - a.text.length).slice(0, 3);
    const view = buildReflectModal({
      weekKey: '2026-W48',
      prompts: longest.map((p) => ({ id: p.id, dimension: p.dimension, text: p.text })),
      privateMetadata: 'n'.repeat(24),
      existing: {
        answers: Object.fromEntries(longest.map((p) => [p.id, 'x'.repeat(ANSWER_MAX_CHARS)])),
        intention: 'y'.repeat(500),
        ratings: { soul: 3, heart: 0 },
      },
      lastIntention: { text: 'z'.repeat(500), weeksAgo: 1 },
    });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(blockKitViolations('modal', view)).toEqual([]);
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual([
      'answer_0',
      'answer_1',
      'answer_2',
      'intention',
      'rating_soul',
      'rating_heart',
      'rating_mind',
    ]);
    const answer = inputs[0] as {
      element: { multiline?: boolean; max_length?: number; initial_value?: string };
    };
    expect(answer.element.multiline).toBe(true);
    expect(answer.element.max_length).toBe(3000);
    expect(answer.element.initial_value).toHaveLength(3000);
    expect(JSON.stringify(view)).toContain('Last week you meant to');
  });

  it('escapes mention syntax in the quoted intention', () => {
    const view = buildReflectModal({
      weekKey: '2026-W48',
      prompts,
      privateMetadata: 'nonce-nonce-nonce',
      lastIntention: { text: 'thank <@U2> and tell <!channel>', weeksAgo: 2 },
    });
    const text = JSON.stringify(view);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('2 weeks ago you meant to');
  });
});

describe('readReflectSubmission', () => {
  it('reads answers in prompt order, the intention and ratings', () => {
    const result = readReflectSubmission(
      values(['  first  ', '', 'third'], {
        [INTENTION_BLOCK]: { [INTENTION_ACTION]: { type: 'plain_text_input', value: 'ask Sam' } },
        [ratingBlockId('heart')]: {
          [RATING_ACTION]: { type: 'static_select', selected_option: { value: '2' } },
        },
        [ratingBlockId('mind')]: { [RATING_ACTION]: { type: 'static_select', selected_option: null } },
      }),
      3,
    );
    expect(result).toEqual({
      ok: true,
      value: { answers: ['first', undefined, 'third'], intention: 'ask Sam', ratings: { heart: 2 } },
    });
  });

  it('refuses an empty reflection with an inline error on the first prompt', () => {
    expect(readReflectSubmission(values(['', '   ', undefined]), 3)).toEqual({
      ok: false,
      errors: { answer_0: EMPTY_REFLECTION_ERROR },
    });
    expect(readReflectSubmission({}, 3)).toMatchObject({
      ok: false,
      errors: { answer_0: EMPTY_REFLECTION_ERROR },
    });
  });

  it('refuses a 10,000-character answer and an over-long intention, naming the limit', () => {
    const result = readReflectSubmission(
      values(['ok', 'x'.repeat(10_000)], {
        [INTENTION_BLOCK]: { [INTENTION_ACTION]: { type: 'plain_text_input', value: 'i'.repeat(501) } },
      }),
      3,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.answer_1).toMatch(/10,000 characters; the limit is 3,000/);
    expect(result.errors.intention).toMatch(/limit is 500/);
  });

  it('strips control characters but keeps newlines, tabs and mention syntax as text', () => {
    const result = readReflectSubmission(
      values(['a\u0000b\u0007c\r\nline two\tend\u001b[31m <!channel> <@U2>']),
      1,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { answers: ['abc\nline two\tend[31m <!channel> <@U2>'] },
    });
    // An answer that is only control characters is empty.
    expect(readReflectSubmission(values(['\u0000\u0001\u0002']), 1)).toMatchObject({ ok: false });
  });

  it('refuses a rating outside 0–3 and a state of the wrong shape, without throwing', () => {
    const bad = readReflectSubmission(
      values(['fine'], {
        [ratingBlockId('soul')]: { [RATING_ACTION]: { selected_option: { value: '99' } } },
      }),
      1,
    );
    expect(bad).toMatchObject({ ok: false, errors: { rating_soul: expect.any(String) } });
    for (const junk of [null, 'text', 42, { answer_0: 'x' }, { answer_0: { answer: { value: 5 } } }]) {
      expect(readReflectSubmission(junk, 3).ok).toBe(false);
    }
  });
});
