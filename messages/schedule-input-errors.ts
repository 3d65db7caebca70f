import { english, type Translator } from './i18n.ts';

/**
 * What a person reads when the day and time they typed (`/reflect schedule`, `/recognize
 * schedule`) or the weeks of `/reflect pause` cannot be read.
 */

export const SCHEDULE_ERROR_CODES = [
  'empty',
  'unreadable',
  'noDay',
  'noTime',
  'unknownDay',
  'minutes',
  'amOrPm',
  'hours',
  'twelveHour',
] as const;
export type ScheduleErrorCode = (typeof SCHEDULE_ERROR_CODES)[number];

export function scheduleErrorText(code: ScheduleErrorCode, tr: Translator = english()): string {
  return tr.t(`scheduleInputErrors.${code}`, { example: tr.t('scheduleInputErrors.example') });
}

/** @deprecated English only: use scheduleErrorText(code, tr). */
export const SCHEDULE_ERRORS = Object.fromEntries(
  SCHEDULE_ERROR_CODES.map((code) => [code, scheduleErrorText(code)]),
) as Readonly<Record<ScheduleErrorCode, string>>;

export function pauseWeeksError(min: number, max: number, tr: Translator = english()): string {
  return tr.t('scheduleInputErrors.pauseWeeks', { min, max });
}
