import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { assertWeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import {
  DAY_MS,
  fromLocalMs,
  HOUR_MS,
  isoWeekdayOfDay,
  localDayNumber,
  MINUTE_MS,
  toLocalMs,
} from '#src/schedule/zone-offset.ts';

// DST rule (also in docs/daylight-saving.md):
//
// Nudges follow the person's local wall clock. If the chosen time does not exist on a
// spring-forward day, the nudge fires at the same distance past the change as it would have been
// without the gap, i.e. shifted forward by the gap length (02:30 on a day that jumps 02:00 -> 03:00
// fires at 03:30; in a zone with a 30-minute change such as Australia/Lord_Howe, 02:15 fires at
// 02:45). If the chosen time happens twice on a fall-back day, the nudge fires once, at the first
// (earlier, daylight-time) occurrence; the repeat after the clocks go back (an hour later, or 30
// minutes in Lord Howe) is not a new occurrence.
//
// @date-fns/tz's TZDate applies the same shift for skipped times, but for repeated times it is not
// consistent (it picks the earlier copy west of UTC and the later one east of UTC, e.g. Berlin
// 02:30 on 2026-10-25 becomes 01:30Z), so this module does its own resolution (zone-offset.ts).

/**
 * The first instant strictly after `after` whose wall clock in `timeZone` shows the schedule's
 * weekday and time (see the DST rule above). Throws RangeError for an unknown zone or bad schedule.
 */
export function nextOccurrence(schedule: WeeklySchedule, timeZone: string, after: Date): Date {
  assertWeeklySchedule(schedule);
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new RangeError('nextOccurrence: invalid `after` date');
  const today = localDayNumber(toLocalMs(timeZone, afterMs));
  // Start from yesterday's local date: a skipped time just before midnight could be shifted past
  // `after` into today. At most three candidates are ever resolved.
  const from = today - 1;
  let day = from + ((schedule.weekday - isoWeekdayOfDay(from) + 7) % 7);
  const timeOfDay = schedule.hour * HOUR_MS + schedule.minute * MINUTE_MS;
  for (;;) {
    const instant = fromLocalMs(timeZone, day * DAY_MS + timeOfDay);
    // Strictly after: calling again with a returned occurrence yields next week's, never the
    // second copy of a repeated hour.
    if (instant > afterMs) return new Date(instant);
    day += 7;
  }
}

/** All occurrences in the half-open range (`from`, `to`], oldest first. For tests and benchmarks. */
export function occurrencesBetween(schedule: WeeklySchedule, timeZone: string, from: Date, to: Date): Date[] {
  const result: Date[] = [];
  const end = to.getTime();
  let current = nextOccurrence(schedule, timeZone, from);
  while (current.getTime() <= end) {
    result.push(current);
    current = nextOccurrence(schedule, timeZone, current);
  }
  return result;
}
