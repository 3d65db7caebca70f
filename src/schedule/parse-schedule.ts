import { pauseWeeksError, SCHEDULE_ERRORS } from '#messages/schedule-input-errors.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';

// Parses what people type after `/reflect schedule` and `/reflect pause`. Errors are shown to the
// person as-is (their words live in messages/schedule-input-errors.ts), so each one says what went
// wrong and shows a form that works. User text is never
// echoed back (it could be long or contain Slack markup).

export type ParseScheduleResult = { ok: true; schedule: WeeklySchedule } | { ok: false; error: string };
export type ParsePauseResult = { ok: true; weeks: number } | { ok: false; error: string };

const MAX_INPUT = 40;
export const MIN_PAUSE_WEEKS = 1;
export const MAX_PAUSE_WEEKS = 12;

const WEEKDAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

// "<day>[s][.] [at] <h>[:mm] [am|pm]", e.g. "fri 16:00", "Fridays at 4:30 pm", "thu. 9a.m.".
const SCHEDULE_PATTERN = /^([a-z]+?)s?\.?,?\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/;
const TIME_ONLY_PATTERN = /^(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?$/;

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function dayNumber(word: string): number | undefined {
  // Object.hasOwn guards against prototype keys such as "constructor".
  if (Object.hasOwn(WEEKDAYS, word)) return WEEKDAYS[word];
  return undefined;
}

/** Reads a weekly time like `fri 16:00`, `Friday 4pm`, `thu 9:30 am`, `mon 12am` (= 00:00). */
export function parseScheduleText(text: string): ParseScheduleResult {
  const input = typeof text === 'string' ? text.trim().toLowerCase().replace(/\s+/g, ' ') : '';
  if (input === '') return fail(SCHEDULE_ERRORS.empty);
  if (input.length > MAX_INPUT) return fail(SCHEDULE_ERRORS.unreadable);
  if (TIME_ONLY_PATTERN.test(input)) {
    // A time with no day: say which part is missing only if the time itself is readable.
    const withDay = parseScheduleText(`mon ${input}`);
    return withDay.ok ? fail(SCHEDULE_ERRORS.noDay) : withDay;
  }
  if (dayNumber(input.replace(/s?\.?$/, '')) !== undefined || dayNumber(input) !== undefined) {
    return fail(SCHEDULE_ERRORS.noTime);
  }
  const match = SCHEDULE_PATTERN.exec(input);
  if (match === null) return fail(SCHEDULE_ERRORS.unreadable);
  const [, dayWord = '', hourText = '', minuteText, meridiem] = match;
  // "tues"/"thurs"/"weds" end in s themselves, so try the word as typed before dropping a plural s.
  const weekday = dayNumber(`${dayWord}s`) ?? dayNumber(dayWord);
  if (weekday === undefined) {
    return fail(SCHEDULE_ERRORS.unknownDay);
  }
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (minute > 59) return fail(SCHEDULE_ERRORS.minutes);
  if (meridiem === undefined) {
    // Without am/pm a bare hour ("fri 4") is ambiguous, so 24-hour times need minutes.
    if (minuteText === undefined) return fail(SCHEDULE_ERRORS.amOrPm);
    if (hour > 23) return fail(SCHEDULE_ERRORS.hours);
  } else {
    if (hour < 1 || hour > 12) return fail(SCHEDULE_ERRORS.twelveHour);
    // 12am is midnight and 12pm is noon.
    const pm = meridiem.startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return { ok: true, schedule: { weekday, hour, minute } };
}

/** "Fridays at 16:00". */

/** Reads the number of weeks for `/reflect pause [weeks]`; empty means 1 week. */
export function parsePauseWeeks(text: string): ParsePauseResult {
  const input = typeof text === 'string' ? text.trim().toLowerCase() : '';
  if (input === '') return { ok: true, weeks: 1 };
  const error = pauseWeeksError(MIN_PAUSE_WEEKS, MAX_PAUSE_WEEKS);
  const match = /^(\d{1,3})(?:\s*(?:w|wk|wks|week|weeks))?$/.exec(input);
  if (match === null) return fail(error);
  const weeks = Number(match[1]);
  if (weeks < MIN_PAUSE_WEEKS || weeks > MAX_PAUSE_WEEKS) return fail(error);
  return { ok: true, weeks };
}
