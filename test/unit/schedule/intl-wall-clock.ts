// Test oracle: reads wall clocks straight from Intl, independent of src/schedule's offset tables.

export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday .. 7 = Sunday. */
  weekday: number;
  /** Local minus UTC, in minutes. */
  offsetMinutes: number;
  /** Days since 1970-01-01 of the local date. */
  dayNumber: number;
};

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

export function wallClock(instant: Date | number, timeZone: string): WallClock {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const weekday = WEEKDAYS[parts.weekday ?? ''] ?? Number.NaN;
  const localMinuteMs = Date.UTC(year, month - 1, day, hour, minute);
  const offsetMinutes = Math.round((localMinuteMs - Math.floor(ms / 60_000) * 60_000) / 60_000);
  return {
    year,
    month,
    day,
    hour,
    minute,
    weekday,
    offsetMinutes,
    dayNumber: Math.floor(Date.UTC(year, month - 1, day) / 86_400_000),
  };
}
