import { describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  type Dimension,
  REFLECTION_PROMPTS,
  RETIRED_REFLECTION_PROMPT_IDS,
} from '#messages/reflection-prompts.ts';
import {
  choosePromptForNudge,
  choosePrompts,
  findPrompt,
  NO_REPEAT_WEEKS,
  type PromptHistoryEntry,
} from '#src/reflect/choose-prompts.ts';
import { shiftWeekKey, weeksBetween } from '#src/schedule/iso-week.ts';

const idsOf = (dimension: Dimension) =>
  REFLECTION_PROMPTS.filter((p) => p.dimension === dimension).map((p) => p.id);

/** Runs `weeks` weeks for one person who answers every prompt they are shown. */
function simulate(startWeek: string, weeks: number, seed: string): PromptHistoryEntry[] {
  const history: PromptHistoryEntry[] = [];
  for (let n = 0; n < weeks; n++) {
    const weekKey = shiftWeekKey(startWeek, n);
    const chosen = choosePrompts(history, weekKey, 3, seed);
    history.push({ weekKey, promptIds: chosen.map((p) => p.id), dimensions: chosen.map((p) => p.dimension) });
  }
  return history;
}

function soulOf(history: PromptHistoryEntry[], weekKey: string): string | undefined {
  return choosePrompts(history, weekKey, 3).find((p) => p.dimension === 'soul')?.id;
}

describe('choosePrompts', () => {
  it('over 12 weeks repeats no prompt and covers all three dimensions', () => {
    for (const seed of ['', 'U012ABCDEF', 'U999']) {
      const history = simulate('2026-W10', 12, seed);
      const ids = history.flatMap((e) => e.promptIds);
      expect(ids).toHaveLength(36);
      expect(new Set(ids).size).toBe(36);
      for (const entry of history) expect(new Set(entry.dimensions)).toEqual(new Set(DIMENSIONS));
    }
  });

  it('over a long run never repeats within 12 weeks, across a 53-week year', () => {
    for (const seed of ['', 'U1', 'U2', 'T1-U3']) {
      const history = simulate('2026-W20', 80, seed); // crosses 2026-W53 and 2027-W52
      expect(history.map((e) => e.weekKey)).toContain('2026-W53');
      for (let i = 0; i < history.length; i++) {
        for (let j = i + 1; j < history.length; j++) {
          const a = history[i]!;
          const b = history[j]!;
          if (weeksBetween(a.weekKey, b.weekKey) > NO_REPEAT_WEEKS) break;
          const shared = a.promptIds.filter((id) => b.promptIds.includes(id));
          expect(shared, `${a.weekKey} and ${b.weekKey}`).toEqual([]);
        }
      }
    }
  });

  it('alternates personal and organisational sides within each dimension', () => {
    const history = simulate('2026-W40', 16, 'U42');
    for (const dimension of DIMENSIONS) {
      const sides = history.map((e) => findPrompt(e.promptIds.find((id) => id.startsWith(dimension))!)!.side);
      expect(sides[0]).toBe('personal');
      for (let i = 1; i < sides.length; i++) expect(sides[i]).not.toBe(sides[i - 1]);
    }
  });

  it('leads with heart for someone who answered soul and mind but not heart for 6 weeks', () => {
    for (const seed of ['', 'U1', 'U2', 'U3', 'U4', 'U5']) {
      const history: PromptHistoryEntry[] = [];
      for (let n = 0; n < 6; n++) {
        const weekKey = shiftWeekKey('2026-W30', n);
        const shown = choosePrompts(history, weekKey, 3, seed);
        history.push({ weekKey, promptIds: shown.map((p) => p.id), dimensions: ['soul', 'mind'] });
      }
      const next = choosePrompts(history, '2026-W36', 3, seed);
      expect(next[0]?.dimension).toBe('heart');
      expect(new Set(next.map((p) => p.dimension))).toEqual(new Set(DIMENSIONS));
      expect(choosePromptForNudge(history, '2026-W36', seed).dimension).toBe('heart');
    }
  });

  it('orders dimensions by how long ago each was last answered', () => {
    const history: PromptHistoryEntry[] = [
      { weekKey: '2026-W19', promptIds: [], dimensions: ['soul'] },
      { weekKey: '2026-W17', promptIds: [], dimensions: ['mind'] },
      { weekKey: '2026-W12', promptIds: [], dimensions: ['heart'] },
    ];
    for (const seed of ['', 'a', 'b', 'c']) {
      expect(choosePrompts(history, '2026-W20', 3, seed).map((p) => p.dimension)).toEqual([
        'heart',
        'mind',
        'soul',
      ]);
    }
  });

  it('is deterministic and independent of history order, and does not mutate its input', () => {
    const history = simulate('2026-W01', 9, 'U7');
    const frozen = Object.freeze(history.map((e) => Object.freeze({ ...e })));
    const first = choosePrompts(frozen, '2026-W10', 3, 'U7');
    expect(choosePrompts(frozen, '2026-W10', 3, 'U7')).toEqual(first);
    expect(choosePrompts([...frozen].reverse(), '2026-W10', 3, 'U7')).toEqual(first);
  });

  it('gives the same prompts for a week after that week is answered', () => {
    const history = simulate('2026-W01', 5, 'U8');
    const before = choosePrompts(history, '2026-W06', 3, 'U8');
    const answered = [
      ...history,
      { weekKey: '2026-W06', promptIds: before.map((p) => p.id), dimensions: ['heart' as const] },
      { weekKey: '2026-W07', promptIds: ['soul-p-01'], dimensions: ['soul' as const] },
    ];
    expect(choosePrompts(answered, '2026-W06', 3, 'U8')).toEqual(before);
  });

  it('returns prefixes: the nudge prompt is the first prompt of the modal', () => {
    const history = simulate('2026-W01', 4, 'U9');
    const three = choosePrompts(history, '2026-W05', 3, 'U9');
    expect(three).toHaveLength(3);
    expect(choosePrompts(history, '2026-W05', 2, 'U9')).toEqual(three.slice(0, 2));
    expect(choosePrompts(history, '2026-W05', 1, 'U9')).toEqual(three.slice(0, 1));
    expect(choosePrompts(history, '2026-W05', 0, 'U9')).toEqual([]);
    expect(choosePromptForNudge(history, '2026-W05', 'U9')).toEqual(three[0]);
  });

  it('counts the 12-week window exactly across a 53-week year', () => {
    // 2026 has 53 ISO weeks: 2026-W41 is 13 weeks before 2027-W01, 2026-W42 is 12.
    expect(weeksBetween('2026-W41', '2027-W01')).toBe(13);
    const others = idsOf('soul').filter((id) => id !== 'soul-o-06' && id !== 'soul-p-01');
    // The last soul prompt shown was personal, so organisational is preferred next.
    const recent = {
      weekKey: '2026-W50',
      promptIds: [...others, 'soul-p-02'],
      dimensions: ['soul' as const],
    };
    const outside = [recent, { weekKey: '2026-W41', promptIds: ['soul-o-06'], dimensions: [] }];
    expect(soulOf(outside, '2027-W01')).toBe('soul-o-06');
    const inside = [recent, { weekKey: '2026-W42', promptIds: ['soul-o-06'], dimensions: [] }];
    expect(soulOf(inside, '2027-W01')).toBe('soul-p-01');
  });

  it('prefers the side opposite to the last one the person had in that dimension', () => {
    const afterPersonal = [{ weekKey: '2026-W09', promptIds: ['soul-p-04'], dimensions: ['soul' as const] }];
    const afterOrganisational = [
      { weekKey: '2026-W09', promptIds: ['soul-o-04'], dimensions: ['soul' as const] },
    ];
    for (let n = 0; n < 10; n++) {
      const weekKey = shiftWeekKey('2026-W10', n);
      expect(findPrompt(soulOf(afterPersonal, weekKey)!)?.side).toBe('organisational');
      expect(findPrompt(soulOf(afterOrganisational, weekKey)!)?.side).toBe('personal');
    }
    for (const p of choosePrompts([], '2026-W10', 3, 'new-person')) expect(p.side).toBe('personal');
  });

  it('falls back to the least recently shown prompt when a dimension is used up', () => {
    const history: PromptHistoryEntry[] = [
      { weekKey: '2026-W15', promptIds: idsOf('soul').filter((id) => id !== 'soul-p-03'), dimensions: [] },
      { weekKey: '2026-W11', promptIds: ['soul-p-03'], dimensions: [] },
    ];
    expect(soulOf(history, '2026-W20')).toBe('soul-p-03');
  });

  it('varies with the seed and the week, without favouring soul for new people', () => {
    const firstBySeed = new Set<string>();
    for (let n = 0; n < 30; n++)
      firstBySeed.add(
        choosePrompts([], '2026-W10', 3, `U${n}`)
          .map((p) => p.id)
          .join(),
      );
    expect(firstBySeed.size).toBeGreaterThan(3);

    const history = simulate('2026-W01', 6, 'shared');
    const picks = new Set<string>();
    for (let n = 0; n < 30; n++) picks.add(choosePromptForNudge(history, '2026-W07', `U${n}`).id);
    expect(picks.size).toBeGreaterThan(1);

    const leading = new Set<Dimension>();
    for (let n = 0; n < 20; n++)
      leading.add(choosePromptForNudge([], shiftWeekKey('2026-W01', n), '').dimension);
    expect(leading).toEqual(new Set(DIMENSIONS));
  });

  it('ignores malformed history entries and unknown prompt ids', () => {
    const clean = simulate('2026-W01', 3, 'U5');
    const noisy = [
      ...clean,
      { weekKey: 'garbage', promptIds: ['soul-p-01'], dimensions: ['soul' as const] },
      { weekKey: '2026-W03', promptIds: ['retired-prompt'], dimensions: [] },
    ];
    expect(choosePrompts(noisy, '2026-W04', 3, 'U5')).toEqual(choosePrompts(clean, '2026-W04', 3, 'U5'));
  });

  it('reads a history that holds retired prompt ids: they are skipped, never shown again, never an error', () => {
    const clean = simulate('2026-W01', 3, 'U6');
    const withRetired = [
      ...clean,
      { weekKey: '2026-W02', promptIds: [...RETIRED_REFLECTION_PROMPT_IDS], dimensions: ['heart' as const] },
    ];
    for (const id of RETIRED_REFLECTION_PROMPT_IDS) expect(findPrompt(id), id).toBeUndefined();
    for (let n = 0; n < 20; n++) {
      const weekKey = shiftWeekKey('2026-W04', n);
      const chosen = choosePrompts(withRetired, weekKey, 3, 'U6');
      expect(chosen).toHaveLength(3);
      for (const p of chosen) expect(RETIRED_REFLECTION_PROMPT_IDS).not.toContain(p.id);
    }
  });

  it('rejects a malformed week or count', () => {
    expect(() => choosePrompts([], '2026-W54')).toThrow(RangeError);
    expect(() => choosePrompts([], '2027-W53')).toThrow(RangeError);
    expect(() => choosePrompts([], '2026-W10', 4)).toThrow(RangeError);
    expect(() => choosePrompts([], '2026-W10', 1.5)).toThrow(RangeError);
  });
});

describe('findPrompt', () => {
  it('finds a prompt by id', () => {
    expect(findPrompt('heart-o-07')?.dimension).toBe('heart');
    expect(findPrompt('nope')).toBeUndefined();
  });
});
