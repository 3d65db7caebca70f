import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { english, type Translator } from './i18n.ts';

// Replies tell people when something will happen in their own zone, and name the zone so a wrong
// Slack time-zone setting is easy to spot. Dates, weekdays and times come from Intl in the
// person's locale; the catalogue only joins them.

/** 24-hour "16:00" in the locale's digits and separator. */
function timeOfDay(instant: Date, timeZone: string, tr: Translator): string {
  return tr
    .dateFormat({
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    })
    .format(instant);
}

/** "Friday, 4 December 2026 at 16:00 (Europe/Berlin)". */
export function formatLocal(instant: Date, timeZone: string, tr: Translator = english()): string {
  const date = tr
    .dateFormat({
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone,
    })
    .format(instant);
  return tr.t('formatTime.local', { date, time: timeOfDay(instant, timeZone, tr), timeZone });
}

// 2024-01-01 was a Monday: ISO weekday n is n - 1 days later (read in UTC).
const A_MONDAY_MS = Date.UTC(2024, 0, 1, 12);

/** "Friday" for ISO weekday 5 (1 = Monday), from Intl in the translator's locale. */
export function weekdayName(weekday: number, tr: Translator = english()): string {
  const day = new Date(A_MONDAY_MS + (weekday - 1) * 86_400_000);
  return tr.dateFormat({ weekday: 'long', timeZone: 'UTC' }).format(day);
}

/** "every Friday at 16:00": a weekly schedule as the replies and App Home show it. */
export function formatSchedule(schedule: WeeklySchedule, tr: Translator = english()): string {
  const weekday = Math.min(7, Math.max(1, schedule.weekday));
  const time = timeOfDay(new Date(Date.UTC(2024, 0, 1, schedule.hour, schedule.minute)), 'UTC', tr);
  return tr.t('formatTime.schedule', { weekday: weekdayName(weekday, tr), time });
}

/** "every Friday at 16:00 (Europe/Berlin)": the schedule line of a nudge DM. */
export function formatScheduleInZone(
  schedule: WeeklySchedule,
  timeZone: string,
  tr: Translator = english(),
): string {
  return tr.t('formatTime.scheduleInZone', { schedule: formatSchedule(schedule, tr), timeZone });
}
