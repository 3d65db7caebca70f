import { addDays, getISOWeek, getISOWeeksInYear, getISOWeekYear } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { nudgeJobSchema } from '#src/nudges/nudge-jobs.ts';
import {
  isoWeeksInYear,
  isWeekKey,
  parseWeekKey,
  shiftWeekKey,
  weekKeySchema,
  weeksBetween,
} from '#src/schedule/iso-week.ts';

function keyOf(date: Date): string {
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}

describe('ISO week keys', () => {
  it('knows which years have 53 weeks (checked against date-fns)', () => {
    for (let year = 1990; year <= 2060; year++) {
      expect(isoWeeksInYear(year), String(year)).toBe(getISOWeeksInYear(new Date(year, 5, 15, 12)));
    }
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
  });

  it('parses and validates keys', () => {
    expect(parseWeekKey('2026-W05')).toEqual({ year: 2026, week: 5 });
    expect(isWeekKey('2026-W53')).toBe(true);
    expect(isWeekKey('2027-W53')).toBe(false);
    expect(isWeekKey('2026-W00')).toBe(false);
    expect(isWeekKey('2026-W5')).toBe(false);
    expect(isWeekKey('2026W05')).toBe(false);
    expect(isWeekKey('')).toBe(false);
  });

  it('measures distance across year boundaries', () => {
    expect(weeksBetween('2026-W52', '2026-W53')).toBe(1);
    expect(weeksBetween('2026-W53', '2027-W01')).toBe(1);
    expect(weeksBetween('2026-W52', '2027-W01')).toBe(2);
    expect(weeksBetween('2027-W52', '2028-W01')).toBe(1);
    expect(weeksBetween('2027-W01', '2026-W52')).toBe(-2);
    expect(weeksBetween('2026-W10', '2026-W10')).toBe(0);
    expect(weeksBetween('2025-W01', '2027-W01')).toBe(52 + 53);
    expect(() => weeksBetween('2027-W53', '2028-W01')).toThrow(RangeError);
  });

  it('agrees with date-fns week by week over four decades', () => {
    const start = new Date(2000, 0, 3, 12); // Monday of 2000-W01
    const startKey = keyOf(start);
    expect(startKey).toBe('2000-W01');
    for (let n = 0; n < 52 * 40; n++) {
      const expected = keyOf(addDays(start, n * 7));
      expect(shiftWeekKey(startKey, n)).toBe(expected);
      expect(weeksBetween(startKey, expected)).toBe(n);
      expect(shiftWeekKey(expected, -n)).toBe(startKey);
    }
  });
});

describe('the week-key schema, one for every store, queue and button', () => {
  it.each([
    ['2026-W01', true],
    ['2026-W53', true],
    ['2027-W52', true],
    ['2027-W53', false], // 2027 has 52 ISO weeks
    ['2026-W00', false],
    ['2026-W5', false],
    ['2026-w05', false],
    [' 2026-W05', false],
    [2026, false],
  ])('%o is a week key: %s', (value, ok) => {
    expect(weekKeySchema.safeParse(value).success).toBe(ok);
  });

  it('is the one nudge jobs use', () => {
    const job = {
      kind: 'weekly',
      teamId: 'T1',
      userId: 'U1',
      weekKey: '2027-W53',
      seq: 0,
      version: 1,
      dueAt: 0,
    };
    expect(nudgeJobSchema.safeParse(job).success).toBe(false);
    expect(nudgeJobSchema.safeParse({ ...job, weekKey: '2026-W53' }).success).toBe(true);
  });
});
