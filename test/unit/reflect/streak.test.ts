import { describe, expect, it } from 'vitest';
import { reflectionStreak } from '#src/reflect/streak.ts';

describe('reflectionStreak', () => {
  const current = '2027-W02';

  it('is 0 for someone who never reflected', () => {
    expect(reflectionStreak({ reflectedWeeks: [], currentWeekKey: current })).toBe(0);
  });

  it('counts this week and the weeks before it in a row, across a 53-week year', () => {
    const weeks = ['2027-W02', '2027-W01', '2026-W53', '2026-W52', '2026-W50'];
    expect(reflectionStreak({ reflectedWeeks: weeks, currentWeekKey: current })).toBe(4);
  });

  it('keeps a streak alive while this week is not reflected yet', () => {
    expect(reflectionStreak({ reflectedWeeks: ['2027-W01', '2026-W53'], currentWeekKey: current })).toBe(2);
  });

  it('does not break on paused weeks, and does not count them', () => {
    const reflected = ['2027-W02', '2026-W52', '2026-W51'];
    expect(reflectionStreak({ reflectedWeeks: reflected, currentWeekKey: current })).toBe(1);
    expect(
      reflectionStreak({
        reflectedWeeks: reflected,
        pausedWeeks: ['2027-W01', '2026-W53'],
        currentWeekKey: current,
      }),
    ).toBe(3);
  });

  it('ends at a week that was neither reflected nor paused, and ignores malformed keys', () => {
    expect(
      reflectionStreak({
        reflectedWeeks: ['2027-W02', '2026-W53', 'nonsense'],
        pausedWeeks: ['2026-W99'],
        currentWeekKey: current,
      }),
    ).toBe(1);
  });
});
