/**
 * Pure arithmetic on ISO 8601 week keys ('YYYY-Www', e.g. '2026-W05').
 *
 * An ISO week runs Monday to Sunday and belongs to the year that holds its Thursday; week 1 is the
 * week that contains 4 January. A year therefore has 52 or 53 ISO weeks (53 when 1 January is a
 * Thursday, or a Wednesday in a leap year: 2015, 2020, 2026, 2032...). Distances are computed from
 * the Monday of each week in UTC, so they are exact across year boundaries and need no time zone.
 */

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

export type IsoWeek = { year: number; week: number };

function utcDate(year: number, monthIndex: number, day: number): Date {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of ISO weeks (52 or 53) in the given ISO week-numbering year. */
export function isoWeeksInYear(year: number): 52 | 53 {
  const jan1 = utcDate(year, 0, 1).getUTCDay(); // 0 = Sunday ... 4 = Thursday
  return jan1 === 4 || (jan1 === 3 && isLeapYear(year)) ? 53 : 52;
}

/** Parses 'YYYY-Www'; undefined when malformed or when the week does not exist in that year. */
export function parseWeekKey(key: string): IsoWeek | undefined {
  const match = WEEK_KEY.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > isoWeeksInYear(year)) return undefined;
  return { year, week };
}

export function isWeekKey(key: string): boolean {
  return parseWeekKey(key) !== undefined;
}

export function formatWeekKey({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function parseOrThrow(key: string): IsoWeek {
  const parsed = parseWeekKey(key);
  if (!parsed) throw new RangeError(`not an ISO week key (YYYY-Www): ${JSON.stringify(key)}`);
  return parsed;
}

/** Days since 1970-01-01 (UTC) of the Monday that starts the given ISO week. */
function mondayDay({ year, week }: IsoWeek): number {
  const jan4 = utcDate(year, 0, 4);
  const daysSinceMonday = (jan4.getUTCDay() + 6) % 7;
  return Math.round(jan4.getTime() / DAY_MS) - daysSinceMonday + (week - 1) * 7;
}

/** Monotonic week number: consecutive ISO weeks differ by exactly 1. */
function weekIndex(week: IsoWeek): number {
  // 1970-01-05 (day 4) was a Monday, so (mondayDay - 4) is always a multiple of 7.
  return (mondayDay(week) - 4) / 7;
}

/**
 * Signed number of weeks from week `a` to week `b`: positive when `b` is later.
 * weeksBetween('2026-W53', '2027-W01') === 1; weeksBetween('2026-W52', '2027-W01') === 2.
 * Throws a RangeError for a malformed key.
 */
export function weeksBetween(a: string, b: string): number {
  return weekIndex(parseOrThrow(b)) - weekIndex(parseOrThrow(a));
}

/** The week key `n` weeks after `key` (before it when `n` is negative). */
export function shiftWeekKey(key: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`week shift must be an integer, got ${n}`);
  const monday = mondayDay(parseOrThrow(key)) + n * 7;
  // The ISO year of a week is the calendar year of its Thursday.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - utcDate(year, 0, 1).getTime()) / DAY_MS);
  return formatWeekKey({ year, week: Math.floor(dayOfYear / 7) + 1 });
}
