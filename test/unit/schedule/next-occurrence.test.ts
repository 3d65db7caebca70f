import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { nextOccurrence, occurrencesBetween } from '#src/schedule/next-occurrence.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { wallClock } from '#test/unit/schedule/intl-wall-clock.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const sched = (weekday: number, hour: number, minute: number): WeeklySchedule => ({ weekday, hour, minute });

describe('nextOccurrence through a whole year (checked against Intl)', () => {
  const from = at('2026-01-01T00:00:00Z');
  const to = at('2027-01-10T00:00:00Z');

  // [zone, schedule, skipped-time days expected, repeated-time days expected]
  it.each([
    ['Europe/Berlin', sched(5, 16, 0), 0, 0],
    ['Europe/Berlin', sched(1, 9, 0), 0, 0],
    ['Europe/Berlin', sched(7, 0, 0), 0, 0],
    ['Europe/Berlin', sched(7, 2, 30), 1, 1],
    ['America/New_York', sched(5, 16, 0), 0, 0],
    ['America/New_York', sched(7, 2, 30), 1, 0],
    ['America/New_York', sched(7, 1, 30), 0, 1],
    ['Australia/Sydney', sched(1, 9, 0), 0, 0],
    ['Australia/Sydney', sched(7, 2, 30), 1, 1],
    ['Australia/Lord_Howe', sched(5, 16, 0), 0, 0],
    ['Australia/Lord_Howe', sched(7, 2, 15), 1, 0],
    ['Australia/Lord_Howe', sched(7, 1, 45), 0, 1],
    ['Asia/Kathmandu', sched(5, 16, 0), 0, 0],
    ['Asia/Kathmandu', sched(7, 2, 30), 0, 0],
    ['Pacific/Chatham', sched(5, 16, 0), 0, 0],
    ['Pacific/Chatham', sched(7, 3, 0), 1, 1],
    ['UTC', sched(5, 16, 0), 0, 0],
    ['UTC', sched(3, 23, 59), 0, 0],
  ] as const)(
    '%s %o: weekly on the local wall clock (gaps %i, repeats %i)',
    (zone, schedule, gaps, repeats) => {
      const occurrences = occurrencesBetween(schedule, zone, from, to);
      expect(occurrences.length).toBeGreaterThanOrEqual(53);
      expect(occurrences.length).toBeLessThanOrEqual(54);
      // Nothing missed at either end of the range.
      expect(occurrences[0]!.getTime() - from.getTime()).toBeLessThanOrEqual(7 * DAY + 3_600_000);
      expect(to.getTime() - occurrences.at(-1)!.getTime()).toBeLessThanOrEqual(7 * DAY + 3_600_000);

      let seenGaps = 0;
      let seenRepeats = 0;
      let previousDay: number | undefined;
      for (const occurrence of occurrences) {
        const ms = occurrence.getTime();
        const local = wallClock(ms, zone);
        expect(local.weekday).toBe(schedule.weekday);
        if (previousDay !== undefined) expect(local.dayNumber - previousDay).toBe(7);
        previousDay = local.dayNumber;

        const wanted = schedule.hour * 60 + schedule.minute;
        const shown = local.hour * 60 + local.minute;
        if (shown === wanted) {
          // First copy: no earlier instant within 3 h shows the same local date and time...
          for (let k = 1; k <= 12; k++) {
            const earlier = wallClock(ms - k * 15 * MINUTE, zone);
            expect([earlier.dayNumber, earlier.hour, earlier.minute]).not.toEqual([
              local.dayNumber,
              local.hour,
              local.minute,
            ]);
          }
          // ...while a later one may (a repeated time), which we count.
          for (let k = 1; k <= 12; k++) {
            const later = wallClock(ms + k * 15 * MINUTE, zone);
            if (later.dayNumber === local.dayNumber && later.hour * 60 + later.minute === wanted)
              seenRepeats++;
          }
        } else {
          // Skipped time: it exists under neither neighbouring offset, and we fired gap-length later.
          const before = wallClock(ms - 6 * 3_600_000, zone).offsetMinutes;
          const after = wallClock(ms + 6 * 3_600_000, zone).offsetMinutes;
          expect(after).toBeGreaterThan(before);
          const wantedLocalMs = local.dayNumber * DAY + wanted * MINUTE;
          for (const offset of [before, after]) {
            const candidate = wallClock(wantedLocalMs - offset * MINUTE, zone);
            expect(candidate.hour * 60 + candidate.minute).not.toBe(wanted);
          }
          expect(shown - wanted).toBe(after - before);
          seenGaps++;
        }
      }
      expect(seenGaps).toBe(gaps);
      expect(seenRepeats).toBe(repeats);
    },
  );
});

describe('DST change days: transitions assumed by the tests are the real ones', () => {
  // [zone, last instant on the old offset + 1 s, old offset (min), new offset (min)]
  it.each([
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 60, 120],
    ['Europe/Berlin', '2026-10-25T01:00:00Z', 120, 60],
    ['America/New_York', '2026-03-08T07:00:00Z', -300, -240],
    ['America/New_York', '2026-11-01T06:00:00Z', -240, -300],
    ['Australia/Sydney', '2026-04-04T16:00:00Z', 660, 600],
    ['Australia/Sydney', '2026-10-03T16:00:00Z', 600, 660],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z', 660, 630],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', 630, 660],
    ['Pacific/Chatham', '2026-04-04T14:00:00Z', 825, 765],
    ['Pacific/Chatham', '2026-09-26T14:00:00Z', 765, 825],
  ])('%s changes at %s from %i to %i', (zone, change, oldOffset, newOffset) => {
    const changeMs = at(change).getTime();
    expect(wallClock(changeMs - MINUTE, zone).offsetMinutes).toBe(oldOffset);
    expect(wallClock(changeMs, zone).offsetMinutes).toBe(newOffset);
  });
});

describe('nextOccurrence explicit cases', () => {
  it.each([
    // Ordinary weeks, including 30/45-minute offsets.
    ['UTC', sched(5, 16, 0), '2026-12-01T00:00:00Z', '2026-12-04T16:00:00.000Z'],
    ['Europe/Berlin', sched(5, 16, 0), '2026-12-01T00:00:00Z', '2026-12-04T15:00:00.000Z'],
    ['Europe/Berlin', sched(5, 16, 0), '2026-07-01T00:00:00Z', '2026-07-03T14:00:00.000Z'],
    ['Asia/Kathmandu', sched(5, 16, 0), '2026-12-01T00:00:00Z', '2026-12-04T10:15:00.000Z'],
    ['Pacific/Chatham', sched(5, 16, 0), '2026-07-01T00:00:00Z', '2026-07-03T03:15:00.000Z'],
    ['Pacific/Chatham', sched(5, 16, 0), '2026-12-01T00:00:00Z', '2026-12-04T02:15:00.000Z'],
    ['Australia/Lord_Howe', sched(1, 9, 0), '2026-07-01T00:00:00Z', '2026-07-05T22:30:00.000Z'],
    // Local weekday differs from the UTC weekday (Monday 09:00 Sydney is Sunday in UTC).
    ['Australia/Sydney', sched(1, 9, 0), '2026-12-01T00:00:00Z', '2026-12-06T22:00:00.000Z'],
    ['America/Los_Angeles', sched(5, 20, 0), '2026-12-01T00:00:00Z', '2026-12-05T04:00:00.000Z'],
    // Same day, time not yet reached / just passed / exactly now (strictly after).
    ['Europe/Berlin', sched(5, 16, 0), '2026-12-04T14:59:59.999Z', '2026-12-04T15:00:00.000Z'],
    ['Europe/Berlin', sched(5, 16, 0), '2026-12-04T15:00:00.000Z', '2026-12-11T15:00:00.000Z'],
    ['Europe/Berlin', sched(5, 16, 0), '2026-12-04T15:00:00.001Z', '2026-12-11T15:00:00.000Z'],
    // Skipped times move forward by the gap.
    ['Europe/Berlin', sched(7, 2, 30), '2026-03-28T00:00:00Z', '2026-03-29T01:30:00.000Z'],
    ['Europe/Berlin', sched(7, 2, 0), '2026-03-28T00:00:00Z', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', sched(7, 2, 59), '2026-03-28T00:00:00Z', '2026-03-29T01:59:00.000Z'],
    ['Europe/Berlin', sched(7, 3, 0), '2026-03-28T00:00:00Z', '2026-03-29T01:00:00.000Z'],
    ['America/New_York', sched(7, 2, 30), '2026-03-07T00:00:00Z', '2026-03-08T07:30:00.000Z'],
    ['Australia/Sydney', sched(7, 2, 30), '2026-10-01T00:00:00Z', '2026-10-03T16:30:00.000Z'],
    ['Australia/Lord_Howe', sched(7, 2, 15), '2026-10-01T00:00:00Z', '2026-10-03T15:45:00.000Z'],
    ['Pacific/Chatham', sched(7, 3, 0), '2026-09-20T00:00:00Z', '2026-09-26T14:15:00.000Z'],
    // Repeated times fire once, at the first (daylight-time) copy.
    ['Europe/Berlin', sched(7, 2, 30), '2026-10-24T00:00:00Z', '2026-10-25T00:30:00.000Z'],
    ['America/New_York', sched(7, 1, 30), '2026-10-31T00:00:00Z', '2026-11-01T05:30:00.000Z'],
    ['Australia/Sydney', sched(7, 2, 30), '2026-04-01T00:00:00Z', '2026-04-04T15:30:00.000Z'],
    ['Australia/Lord_Howe', sched(7, 1, 45), '2026-04-01T00:00:00Z', '2026-04-04T14:45:00.000Z'],
    ['Pacific/Chatham', sched(7, 3, 0), '2026-04-01T00:00:00Z', '2026-04-04T13:15:00.000Z'],
    // ...and asking again from that copy (or from between the copies) gives next week, not the repeat.
    ['Europe/Berlin', sched(7, 2, 30), '2026-10-25T00:30:00Z', '2026-11-01T01:30:00.000Z'],
    ['Europe/Berlin', sched(7, 2, 30), '2026-10-25T01:00:00Z', '2026-11-01T01:30:00.000Z'],
    ['America/New_York', sched(7, 1, 30), '2026-11-01T05:30:00Z', '2026-11-08T06:30:00.000Z'],
    // (Lord Howe is back on +10:30 a week later.)
    ['Australia/Lord_Howe', sched(7, 1, 45), '2026-04-04T14:45:00Z', '2026-04-11T15:15:00.000Z'],
    // Across the year boundary (2027-01-01 is a Friday; in Chatham it starts at 10:15Z on 31 Dec).
    ['Pacific/Chatham', sched(5, 16, 0), '2026-12-31T23:00:00Z', '2027-01-01T02:15:00.000Z'],
    ['Pacific/Chatham', sched(5, 16, 0), '2027-01-01T02:15:00Z', '2027-01-08T02:15:00.000Z'],
    ['UTC', sched(4, 9, 0), '2026-12-31T09:00:00Z', '2027-01-07T09:00:00.000Z'],
  ])('%s %o after %s -> %s', (zone, schedule, after, expected) => {
    expect(nextOccurrence(schedule, zone, at(after)).toISOString()).toBe(expected);
  });

  it.each([
    ['Europe/Berlin', 2026, 2, 29, 2, 30],
    ['America/New_York', 2026, 2, 8, 2, 30],
    ['Australia/Sydney', 2026, 9, 4, 2, 30],
    ['Australia/Lord_Howe', 2026, 9, 4, 2, 15],
    ['Pacific/Chatham', 2026, 8, 27, 3, 0],
  ])('skipped time in %s matches @date-fns/tz TZDate (%i-%i-%i %i:%i)', (zone, y, m, d, h, min) => {
    const weekday = wallClock(Date.UTC(y, m, d, 12), 'UTC').weekday;
    const after = new Date(Date.UTC(y, m, d) - 2 * DAY);
    const expected = new TZDate(y, m, d, h, min, 0, zone).getTime();
    expect(nextOccurrence(sched(weekday, h, min), zone, after).getTime()).toBe(expected);
  });

  it('rejects a bad schedule, zone or date', () => {
    const after = at('2026-01-01T00:00:00Z');
    expect(() => nextOccurrence(sched(0, 9, 0), 'UTC', after)).toThrow(RangeError);
    expect(() => nextOccurrence(sched(8, 9, 0), 'UTC', after)).toThrow(RangeError);
    expect(() => nextOccurrence(sched(1, 24, 0), 'UTC', after)).toThrow(RangeError);
    expect(() => nextOccurrence(sched(1, 9, 60), 'UTC', after)).toThrow(RangeError);
    expect(() => nextOccurrence(sched(1, 9.5, 0), 'UTC', after)).toThrow(RangeError);
    expect(() => nextOccurrence(sched(1, 9, 0), 'Bogus/Zone', after)).toThrow(RangeError);
    expect(() => nextOccurrence(sched(1, 9, 0), 'UTC', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('occurrencesBetween', () => {
  it('lists occurrences in (from, to]', () => {
    const list = occurrencesBetween(
      sched(5, 16, 0),
      'UTC',
      at('2026-12-04T16:00:00Z'),
      at('2026-12-18T16:00:00Z'),
    );
    expect(list.map((d) => d.toISOString())).toEqual([
      '2026-12-11T16:00:00.000Z',
      '2026-12-18T16:00:00.000Z',
    ]);
  });

  it('is empty when to <= from', () => {
    expect(
      occurrencesBetween(sched(5, 16, 0), 'UTC', at('2026-12-04T00:00:00Z'), at('2026-12-01T00:00:00Z')),
    ).toEqual([]);
  });
});
