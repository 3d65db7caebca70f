import { describe, expect, it } from 'vitest';
import { nextWorkingMorning, snoozeUntil } from '#src/schedule/follow-up.ts';

const at = (iso: string) => new Date(iso);

describe('nextWorkingMorning', () => {
  it.each([
    // 2026-12-04 is a Friday.
    ['2026-12-04T12:00:00Z', 'Europe/Berlin', 9, '2026-12-07T08:00:00.000Z'],
    ['2026-12-05T12:00:00Z', 'Europe/Berlin', 9, '2026-12-07T08:00:00.000Z'],
    ['2026-12-06T12:00:00Z', 'Europe/Berlin', 9, '2026-12-07T08:00:00.000Z'],
    ['2026-12-07T05:00:00Z', 'Europe/Berlin', 9, '2026-12-08T08:00:00.000Z'],
    ['2026-12-03T22:30:00Z', 'Europe/Berlin', 9, '2026-12-04T08:00:00.000Z'],
    // Thursday 23:30 UTC is already Friday in Berlin, so the next working day is Monday.
    ['2026-12-03T23:30:00Z', 'Europe/Berlin', 9, '2026-12-07T08:00:00.000Z'],
    // Friday evening in UTC is Saturday morning in Sydney -> Monday 09:00 AEDT.
    ['2026-12-04T20:00:00Z', 'Australia/Sydney', 9, '2026-12-06T22:00:00.000Z'],
    // Friday 18:30 in New York (Saturday in UTC) -> Monday.
    ['2026-12-04T23:30:00Z', 'America/New_York', 9, '2026-12-07T14:00:00.000Z'],
    ['2026-12-02T12:00:00Z', 'Asia/Kathmandu', 9, '2026-12-03T03:15:00.000Z'],
    ['2026-12-02T12:00:00Z', 'UTC', 14, '2026-12-03T14:00:00.000Z'],
    ['2026-12-02T12:00:00Z', 'UTC', 0, '2026-12-03T00:00:00.000Z'],
    // Over a DST change: Friday before the Berlin spring change -> Monday 09:00 CEST.
    ['2026-03-27T12:00:00Z', 'Europe/Berlin', 9, '2026-03-30T07:00:00.000Z'],
    // Over New Year.
    ['2026-12-31T12:00:00Z', 'UTC', 9, '2027-01-01T09:00:00.000Z'],
    ['2027-01-01T12:00:00Z', 'UTC', 9, '2027-01-04T09:00:00.000Z'],
  ])('after %s in %s at %i:00 -> %s', (after, zone, hour, expected) => {
    expect(nextWorkingMorning(at(after), zone, hour).toISOString()).toBe(expected);
  });

  it('defaults to 09:00', () => {
    expect(nextWorkingMorning(at('2026-12-04T12:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-12-07T09:00:00.000Z',
    );
  });

  it.each([-1, 24, 9.5])('rejects hour %d', (hour) => {
    expect(() => nextWorkingMorning(at('2026-12-04T12:00:00Z'), 'UTC', hour)).toThrow(RangeError);
  });
});

describe('snoozeUntil', () => {
  it.each([
    ['2026-12-04T12:00:00Z', 1, '2026-12-04T13:00:00.000Z'],
    ['2026-12-04T12:00:00Z', 24, '2026-12-05T12:00:00.000Z'],
    ['2026-12-04T12:00:00Z', 0.5, '2026-12-04T12:30:00.000Z'],
    // Elapsed hours, not wall-clock: across the Berlin change 24 h is still 24 h.
    ['2026-03-28T12:00:00Z', 24, '2026-03-29T12:00:00.000Z'],
  ])('%s + %d h -> %s', (now, hours, expected) => {
    expect(snoozeUntil(at(now), hours).toISOString()).toBe(expected);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d hours', (hours) => {
    expect(() => snoozeUntil(at('2026-12-04T12:00:00Z'), hours)).toThrow(RangeError);
  });
});
