import { getISOWeek, getISOWeekYear } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  isoWeekKey,
  isoWeekKeysBack,
  previousIsoWeekKey,
  startOfIsoWeekInZone,
} from '#src/schedule/iso-week.ts';
import { wallClock } from '#test/unit/schedule/intl-wall-clock.ts';

const at = (iso: string) => new Date(iso);

describe('isoWeekKey', () => {
  it.each([
    ['2026-01-01T12:00:00Z', 'UTC', '2026-W01'],
    ['2025-12-29T12:00:00Z', 'UTC', '2026-W01'],
    ['2025-12-28T12:00:00Z', 'UTC', '2025-W52'],
    ['2026-12-04T12:00:00Z', 'UTC', '2026-W49'],
    ['2026-11-26T12:00:00Z', 'UTC', '2026-W48'],
    ['2026-12-31T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-03T23:59:59Z', 'UTC', '2026-W53'],
    ['2027-01-04T00:00:00Z', 'UTC', '2027-W01'],
    ['2020-12-31T12:00:00Z', 'UTC', '2020-W53'],
    ['2021-01-03T12:00:00Z', 'UTC', '2020-W53'],
    ['2021-01-04T12:00:00Z', 'UTC', '2021-W01'],
    ['2024-12-30T12:00:00Z', 'UTC', '2025-W01'],
    ['2026-03-02T12:00:00Z', 'UTC', '2026-W10'],
    // Local week differs from the UTC week.
    ['2026-12-06T23:30:00Z', 'UTC', '2026-W49'],
    ['2026-12-06T23:30:00Z', 'Australia/Sydney', '2026-W50'],
    ['2026-12-06T23:30:00Z', 'Asia/Kathmandu', '2026-W50'],
    ['2027-01-04T05:00:00Z', 'UTC', '2027-W01'],
    ['2027-01-04T05:00:00Z', 'America/Los_Angeles', '2026-W53'],
    ['2026-12-31T11:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-03T11:00:00Z', 'Pacific/Chatham', '2027-W01'],
    ['2027-01-03T11:00:00Z', 'UTC', '2026-W53'],
    ['2021-01-03T20:00:00Z', 'Pacific/Kiritimati', '2021-W01'],
  ])('%s in %s is %s', (instant, zone, key) => {
    expect(isoWeekKey(at(instant), zone)).toBe(key);
  });

  it.each([
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Pacific/Honolulu',
  ])('agrees with date-fns on the Intl local date in %s every 5 hours for 2019..2028', (zone) => {
    for (let ms = Date.UTC(2019, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 5 * 3_600_000) {
      const local = wallClock(ms, zone);
      // Noon on the local calendar date, as a plain Date: date-fns reads its calendar fields.
      const day = new Date(local.year, local.month - 1, local.day, 12);
      const expected = `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
      const actual = isoWeekKey(new Date(ms), zone);
      if (actual !== expected) expect(`${new Date(ms).toISOString()} ${actual}`).toBe(expected);
    }
  });
});

describe('previousIsoWeekKey', () => {
  it.each([
    ['2026-W48', '2026-W47'],
    ['2026-W02', '2026-W01'],
    ['2026-W01', '2025-W52'],
    ['2027-W01', '2026-W53'],
    ['2021-W01', '2020-W53'],
    ['2025-W01', '2024-W52'],
  ])('%s -> %s', (key, previous) => {
    expect(previousIsoWeekKey(key)).toBe(previous);
  });

  it.each(['2026-W54', '2025-W53', '2026-W00', '2026-48', '2026-w48', 'junk', '', '2026-W1'])(
    'rejects %j',
    (key) => {
      expect(() => previousIsoWeekKey(key)).toThrow(RangeError);
    },
  );
});

describe('isoWeekKeysBack', () => {
  it.each([
    ['2026-W48', 3, ['2026-W48', '2026-W47', '2026-W46']],
    ['2027-W02', 4, ['2027-W02', '2027-W01', '2026-W53', '2026-W52']],
    ['2021-W01', 3, ['2021-W01', '2020-W53', '2020-W52']],
    ['2026-W01', 2, ['2026-W01', '2025-W52']],
    ['2026-W10', 1, ['2026-W10']],
    ['2026-W10', 0, []],
  ])('%s, %i -> %j', (key, n, expected) => {
    expect(isoWeekKeysBack(key, n)).toEqual(expected);
  });

  it('walks back over several years one week at a time', () => {
    const keys = isoWeekKeysBack('2027-W10', 400);
    expect(keys).toHaveLength(400);
    expect(new Set(keys).size).toBe(400);
    for (let i = 1; i < keys.length; i++) expect(previousIsoWeekKey(keys[i - 1]!)).toBe(keys[i]);
    expect(keys).toContain('2026-W53');
    expect(keys).toContain('2020-W53');
  });

  it.each([-1, 1.5, Number.NaN])('rejects n = %d', (n) => {
    expect(() => isoWeekKeysBack('2026-W10', n)).toThrow(RangeError);
  });
});

describe('startOfIsoWeekInZone', () => {
  it.each([
    ['2026-12-04T12:00:00Z', 'UTC', '2026-11-30T00:00:00.000Z'],
    ['2026-12-04T12:00:00Z', 'Europe/Berlin', '2026-11-29T23:00:00.000Z'],
    ['2026-11-30T00:00:00Z', 'UTC', '2026-11-30T00:00:00.000Z'],
    ['2026-11-29T23:59:59Z', 'UTC', '2026-11-23T00:00:00.000Z'],
    // Sunday 23:30 UTC is already Monday in Sydney.
    ['2026-12-06T23:30:00Z', 'Australia/Sydney', '2026-12-06T13:00:00.000Z'],
    ['2026-12-06T23:30:00Z', 'America/New_York', '2026-11-30T05:00:00.000Z'],
    ['2026-07-01T00:00:00Z', 'Asia/Kathmandu', '2026-06-28T18:15:00.000Z'],
    // A week containing a DST change starts on the old offset.
    ['2026-03-29T12:00:00Z', 'Europe/Berlin', '2026-03-22T23:00:00.000Z'],
    ['2026-03-30T12:00:00Z', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-12-28T00:00:00.000Z'],
  ])('%s in %s -> %s', (instant, zone, expected) => {
    const start = startOfIsoWeekInZone(at(instant), zone);
    expect(start.toISOString()).toBe(expected);
    const local = wallClock(start, zone);
    expect([local.weekday, local.hour, local.minute]).toEqual([1, 0, 0]);
  });
});
