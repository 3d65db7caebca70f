import {
  DAY_MS,
  fromLocalMs,
  isoWeekdayOfDay,
  localDayNumber,
  toLocalMs,
} from '#src/schedule/zone-offset.ts';

// ISO 8601 weeks start on Monday; week 1 is the week containing the year's first Thursday, so the
// week-year can differ from the calendar year around New Year (2027-01-01 is in 2026-W53).
// Keys are for the person's local date: a Monday-morning nudge in Sydney is Sunday evening in UTC.

const KEY_PATTERN = /^(\d{4})-W(\d{2})$/;

function dayOfUtcDate(year: number, monthIndex: number, day: number): number {
  return Math.floor(Date.UTC(year, monthIndex, day) / DAY_MS);
}

/** Day number of the Monday of ISO week 1 of `year`: the week holding 4 January. */
function mondayOfWeekOne(year: number): number {
  const jan4 = dayOfUtcDate(year, 0, 4);
  return jan4 - (isoWeekdayOfDay(jan4) - 1);
}

function weeksInIsoYear(year: number): number {
  return (mondayOfWeekOne(year + 1) - mondayOfWeekOne(year)) / 7;
}

function keyOf(year: number, week: number): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** ISO week key (e.g. `2026-W53`) of a day number (days since 1970-01-01). */
function keyOfDay(day: number): string {
  // The Thursday of the same ISO week decides the week-year.
  const thursday = day - isoWeekdayOfDay(day) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - mondayOfWeekOne(year)) / 7) + 1;
  return keyOf(year, week);
}

function mondayOfKey(key: string): number {
  const match = KEY_PATTERN.exec(key);
  if (match === null) throw new RangeError(`Not an ISO week key like 2026-W48: ${JSON.stringify(key)}`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInIsoYear(year)) {
    throw new RangeError(`ISO week-year ${year} has no week ${week}`);
  }
  return mondayOfWeekOne(year) + (week - 1) * 7;
}

/** ISO week key (`YYYY-Www`) of the local date of `instant` in `timeZone`. */
export function isoWeekKey(instant: Date, timeZone: string): string {
  return keyOfDay(localDayNumber(toLocalMs(timeZone, instant.getTime())));
}

/** The key of the week before `key` (`2027-W01` -> `2026-W53`). Throws RangeError for a bad key. */
export function previousIsoWeekKey(key: string): string {
  return keyOfDay(mondayOfKey(key) - 7);
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
