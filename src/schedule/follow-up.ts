import {
  DAY_MS,
  fromLocalMs,
  HOUR_MS,
  isoWeekdayOfDay,
  localDayNumber,
  toLocalMs,
} from '#src/schedule/zone-offset.ts';

// Follow-ups (e.g. "you have unanswered recognition") should land at a humane hour on a working
// day in the person's own zone, never on their weekend or in their night.

/**
 * `hour`:00 local time on the first Monday–Friday date after the local date of `after` in
 * `timeZone` (a Friday, Saturday or Sunday leads to Monday). Always a later date, even if `after`
 * is early in the morning. A skipped local time follows the DST rule (shifted forward).
 */
export function nextWorkingMorning(after: Date, timeZone: string, hour = 9): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`nextWorkingMorning: hour must be 0..23, got ${hour}`);
  }
  let day = localDayNumber(toLocalMs(timeZone, after.getTime())) + 1;
  while (isoWeekdayOfDay(day) > 5) day++;
  return new Date(fromLocalMs(timeZone, day * DAY_MS + hour * HOUR_MS));
}

/** The instant `hours` after `now` (elapsed time, so DST changes do not stretch a snooze). */
export function snoozeUntil(now: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours <= 0)
    throw new RangeError(`snoozeUntil: hours must be > 0, got ${hours}`);
  return new Date(now.getTime() + hours * HOUR_MS);
}
