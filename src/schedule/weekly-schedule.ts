import { z } from 'zod';

// A weekly nudge time as the person sees it on their own wall clock. It deliberately carries no
// time zone: the zone belongs to the person (from Slack) and may change without the schedule changing.
export const weeklyScheduleSchema = z.object({
  /** ISO weekday: 1 = Monday .. 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
});

export type WeeklySchedule = z.infer<typeof weeklyScheduleSchema>;

/**
 * True for a zone name the runtime's tz database knows (IANA names and aliases such as `UTC`,
 * `US/Eastern`). Empty strings and made-up names are rejected, because Intl throws a RangeError
 * for them and every later date computation in that zone would fail.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '' || tz.length > 64) return false;
  // Building an Intl.DateTimeFormat costs about a millisecond; every send checks a zone, so known
  // answers are remembered (the tz database cannot change while the process runs).
  const known = knownZones.get(tz);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    valid = true;
  } catch {
    valid = false;
  }
  if (knownZones.size < 2000) knownZones.set(tz, valid);
  return valid;
}

const knownZones = new Map<string, boolean>();

/** Throws a RangeError for a schedule outside the schema's ranges (cheap guard for hot paths). */
export function assertWeeklySchedule(schedule: WeeklySchedule): void {
  const { weekday, hour, minute } = schedule;
  if (
    !Number.isInteger(weekday) ||
    weekday < 1 ||
    weekday > 7 ||
    !Number.isInteger(hour) ||
    hour < 0 ||
    hour > 23 ||
    !Number.isInteger(minute) ||
    minute < 0 ||
    minute > 59
  ) {
    throw new RangeError(`Invalid weekly schedule: ${JSON.stringify(schedule)}`);
  }
}
