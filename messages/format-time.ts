import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { DAY_MS, isoWeekdayOfDay, localDayNumber, toLocalMs } from '#src/schedule/zone-offset.ts';

// Replies tell people when something will happen in their own zone, and name the zone so a wrong
// Slack time-zone setting is easy to spot. English only, fixed format (no locale surprises).

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Friday 4 December 2026 at 16:00 (Europe/Berlin)". */
export function formatLocal(instant: Date, timeZone: string): string {
  const localMs = toLocalMs(timeZone, instant.getTime());
  const day = localDayNumber(localMs);
  // Reading the local-ms value with UTC getters gives the wall-clock fields.
  const local = new Date(localMs);
  const weekday = DAY_NAMES[isoWeekdayOfDay(day) - 1];
  const month = MONTH_NAMES[local.getUTCMonth()];
  const minutesOfDay = Math.floor((localMs - day * DAY_MS) / 60_000);
  const hh = String(Math.floor(minutesOfDay / 60)).padStart(2, '0');
  const mm = String(minutesOfDay % 60).padStart(2, '0');
  return `${weekday} ${local.getUTCDate()} ${month} ${local.getUTCFullYear()} at ${hh}:${mm} (${timeZone})`;
}

/** "Fridays at 16:00": a weekly schedule as the replies and App Home show it. */
export function formatSchedule(schedule: WeeklySchedule): string {
  const day = DAY_NAMES[schedule.weekday - 1] ?? `Day ${schedule.weekday}`;
  const hh = String(schedule.hour).padStart(2, '0');
  const mm = String(schedule.minute).padStart(2, '0');
  return `${day}s at ${hh}:${mm}`;
}

/** "Fridays at 16:00 (Europe/Berlin)": the schedule line of a nudge DM. */
export function formatScheduleInZone(schedule: WeeklySchedule, timeZone: string): string {
  return `${formatSchedule(schedule)} (${timeZone})`;
}
