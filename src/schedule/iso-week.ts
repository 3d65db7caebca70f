import { z } from 'zod';
import {
  DAY_MS,
  fromLocalMs,
  isoWeekdayOfDay,
  localDayNumber,
  toLocalMs,
} from '#src/schedule/zone-offset.ts';

// ISO 8601 weeks start on Monday; week 1 is the week containing 4 January (the year's first
// Thursday), so the week-year can differ from the calendar year around New Year (2027-01-01 is in
// 2026-W53) and a year has 52 or 53 weeks. Keys ('YYYY-Www') are for the person's local date: a
// Monday-morning nudge in Sydney is Sunday evening in UTC. Arithmetic on keys works on day numbers
// (days since 1970-01-01) of each week's Monday, so it is exact across years and needs no zone.

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

export type IsoWeek = { year: number; week: number };

function dayOfUtcDate(year: number, monthIndex: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return Math.round(date.getTime() / DAY_MS);
}

/** Day number of the Monday of ISO week 1 of `year`: the week holding 4 January. */
function mondayOfWeekOne(year: number): number {
  const jan4 = dayOfUtcDate(year, 0, 4);
  return jan4 - (isoWeekdayOfDay(jan4) - 1);
}

/** Number of ISO weeks (52 or 53) in the given ISO week-numbering year. */
export function isoWeeksInYear(year: number): 52 | 53 {
  return (mondayOfWeekOne(year + 1) - mondayOfWeekOne(year)) / 7 === 53 ? 53 : 52;
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

/** The one schema for a week key wherever one is stored, queued or read back from Slack. */
export const weekKeySchema = z.string().refine(isWeekKey, 'not an ISO week key (YYYY-Www)');

export function formatWeekKey({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** ISO week key of a day number: the Thursday of the same ISO week decides the week-year. */
function keyOfDay(day: number): string {
  const thursday = day - isoWeekdayOfDay(day) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  return formatWeekKey({ year, week: Math.floor((thursday - mondayOfWeekOne(year)) / 7) + 1 });
}

/** Day number of the Monday that starts the week `key`; a RangeError for a malformed key. */
function mondayOfKey(key: string): number {
  const parsed = parseWeekKey(key);
  if (!parsed) throw new RangeError(`not an ISO week key (YYYY-Www): ${JSON.stringify(key)}`);
  return mondayOfWeekOne(parsed.year) + (parsed.week - 1) * 7;
}

/** ISO week key (`YYYY-Www`) of the local date of `instant` in `timeZone`. */
export function isoWeekKey(instant: Date, timeZone: string): string {
  return keyOfDay(localDayNumber(toLocalMs(timeZone, instant.getTime())));
}

/**
 * Signed number of weeks from week `a` to week `b`: positive when `b` is later.
 * weeksBetween('2026-W53', '2027-W01') === 1; weeksBetween('2026-W52', '2027-W01') === 2.
 * Throws a RangeError for a malformed key.
 */
export function weeksBetween(a: string, b: string): number {
  return (mondayOfKey(b) - mondayOfKey(a)) / 7;
}

/** The week key `n` weeks after `key` (before it when `n` is negative). */
export function shiftWeekKey(key: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`week shift must be an integer, got ${n}`);
  return keyOfDay(mondayOfKey(key) + n * 7);
}

/** The key of the week before `key` (`2027-W01` -> `2026-W53`). Throws RangeError for a bad key. */
export function previousIsoWeekKey(key: string): string {
  return shiftWeekKey(key, -1);
}

/** The `n` most recent week keys ending with `key` itself, newest first: (`2027-W01`, 2) -> [`2027-W01`, `2026-W53`]. */
export function isoWeekKeysBack(key: string, n: number): string[] {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`isoWeekKeysBack: n must be a whole number >= 0, got ${n}`);
  const monday = mondayOfKey(key);
  const keys: string[] = [];
  for (let i = 0; i < n; i++) keys.push(keyOfDay(monday - i * 7));
  return keys;
}

/** The instant local Monday 00:00 begins the ISO week of `instant` in `timeZone` (DST rule applies). */
export function startOfIsoWeekInZone(instant: Date, timeZone: string): Date {
  const day = localDayNumber(toLocalMs(timeZone, instant.getTime()));
  const monday = day - (isoWeekdayOfDay(day) - 1);
  return new Date(fromLocalMs(timeZone, monday * DAY_MS));
}
