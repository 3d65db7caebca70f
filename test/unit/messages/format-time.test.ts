import { describe, expect, it } from 'vitest';
import { formatLocal } from '#messages/format-time.ts';

describe('formatLocal', () => {
  it.each([
    ['2026-12-04T15:00:00Z', 'Europe/Berlin', 'Friday, 4 December 2026 at 16:00 (Europe/Berlin)'],
    ['2026-12-04T15:00:00Z', 'UTC', 'Friday, 4 December 2026 at 15:00 (UTC)'],
    ['2026-12-04T10:15:00Z', 'Asia/Kathmandu', 'Friday, 4 December 2026 at 16:00 (Asia/Kathmandu)'],
    ['2026-12-04T02:15:00Z', 'Pacific/Chatham', 'Friday, 4 December 2026 at 16:00 (Pacific/Chatham)'],
    ['2026-12-06T22:00:00Z', 'Australia/Sydney', 'Monday, 7 December 2026 at 09:00 (Australia/Sydney)'],
    ['2027-01-01T04:59:00Z', 'America/New_York', 'Thursday, 31 December 2026 at 23:59 (America/New_York)'],
    ['2026-03-29T01:30:00Z', 'Europe/Berlin', 'Sunday, 29 March 2026 at 03:30 (Europe/Berlin)'],
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', 'Sunday, 25 October 2026 at 02:30 (Europe/Berlin)'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', 'Sunday, 25 October 2026 at 02:30 (Europe/Berlin)'],
    ['2026-06-01T00:00:00Z', 'UTC', 'Monday, 1 June 2026 at 00:00 (UTC)'],
  ])('%s in %s', (instant, zone, text) => {
    expect(formatLocal(new Date(instant), zone)).toBe(text);
  });

  it('matches Intl (en-GB) for many instants and zones', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ];
    for (const zone of zones) {
      const intl = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 13 * 3_600_000 + 17 * 60_000) {
        const parts = Object.fromEntries(intl.formatToParts(ms).map((p) => [p.type, p.value]));
        const expected = `${parts.weekday}, ${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute} (${zone})`;
        expect(formatLocal(new Date(ms), zone)).toBe(expected);
      }
    }
  });
});
