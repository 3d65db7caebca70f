import { describe, expect, it } from 'vitest';
import { isValidTimeZone, weeklyScheduleSchema } from '#src/schedule/weekly-schedule.ts';

describe('weeklyScheduleSchema', () => {
  it.each([
    { weekday: 1, hour: 0, minute: 0 },
    { weekday: 7, hour: 23, minute: 59 },
    { weekday: 5, hour: 16, minute: 0 },
  ])('accepts %o', (value) => {
    expect(weeklyScheduleSchema.parse(value)).toEqual(value);
  });

  it.each([
    { weekday: 0, hour: 9, minute: 0 },
    { weekday: 8, hour: 9, minute: 0 },
    { weekday: 1, hour: 24, minute: 0 },
    { weekday: 1, hour: -1, minute: 0 },
    { weekday: 1, hour: 9, minute: 60 },
    { weekday: 1.5, hour: 9, minute: 0 },
    { weekday: '1', hour: 9, minute: 0 },
    { weekday: 1, hour: 9 },
    null,
  ])('rejects %o', (value) => {
    expect(weeklyScheduleSchema.safeParse(value).success).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'US/Eastern',
    'Etc/GMT+5',
  ])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'Bogus/Zone',
    'Europe/Berlinn',
    'Mars/Olympus_Mons',
    'x'.repeat(500),
    '../../etc/passwd',
  ])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});
