import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { weekdayName } from './format-time.ts';
import { english, type Translator } from './i18n.ts';
import { viewButton } from './safe-text.ts';

/**
 * "Choose day and time" for weekly nudges: a small modal with a weekday and a time. Built and read
 * here, so the block and action ids cannot drift. The button that opens it (`NUDGE_CHOOSE_ACTION`)
 * appears in the invitation DM, the opt-in reply and App Home.
 */
export const NUDGE_SCHEDULE_CALLBACK = 'nudge_schedule_modal';
export const NUDGE_CHOOSE_ACTION = 'nudge_choose_schedule';

const DAY_BLOCK = 'nudge_day';
const DAY_ACTION = 'day';
const TIME_BLOCK = 'nudge_time';
const TIME_ACTION = 'time';

function dayOption(weekday: number, tr: Translator) {
  const day = weekday >= 1 && weekday <= 7 ? weekday : 5;
  return {
    text: { type: 'plain_text' as const, text: weekdayName(day, tr) },
    value: String(weekday),
  };
}

export function chooseScheduleButton(text?: string, value = 'choose', tr: Translator = english()) {
  return {
    type: 'button' as const,
    action_id: NUDGE_CHOOSE_ACTION,
    text: { type: 'plain_text' as const, text: text ?? tr.t('nudgeScheduleModal.chooseDayAndTime') },
    value,
  };
}

export function nudgeScheduleModal(
  input: { current?: WeeklySchedule; timeZone: string },
  tr: Translator = english(),
): ModalView {
  const current = input.current ?? { weekday: 5, hour: 16, minute: 0 };
  const hh = String(current.hour).padStart(2, '0');
  const mm = String(current.minute).padStart(2, '0');
  return {
    type: 'modal',
    callback_id: NUDGE_SCHEDULE_CALLBACK,
    title: { type: 'plain_text', text: viewButton(tr.t('nudgeScheduleModal.title')) },
    submit: { type: 'plain_text', text: viewButton(tr.t('nudgeScheduleModal.save')) },
    close: { type: 'plain_text', text: viewButton(tr.t('nudgeScheduleModal.cancel')) },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: tr.t('nudgeScheduleModal.intro', { timeZone: input.timeZone }),
        },
      },
      {
        type: 'input',
        block_id: DAY_BLOCK,
        label: { type: 'plain_text', text: tr.t('nudgeScheduleModal.day') },
        element: {
          type: 'static_select',
          action_id: DAY_ACTION,
          options: [1, 2, 3, 4, 5, 6, 7].map((day) => dayOption(day, tr)),
          initial_option: dayOption(current.weekday, tr),
        },
      },
      {
        type: 'input',
        block_id: TIME_BLOCK,
        label: { type: 'plain_text', text: tr.t('nudgeScheduleModal.time') },
        element: { type: 'timepicker', action_id: TIME_ACTION, initial_time: `${hh}:${mm}` },
      },
    ],
  };
}

const submissionSchema = z.object({
  [DAY_BLOCK]: z.object({ [DAY_ACTION]: z.object({ selected_option: z.object({ value: z.string() }) }) }),
  [TIME_BLOCK]: z.object({ [TIME_ACTION]: z.object({ selected_time: z.string() }) }),
});

/** Reads the submitted modal; field errors (by block id) when something is missing or malformed. */
export function readNudgeScheduleSubmission(
  values: unknown,
  tr: Translator = english(),
): { ok: true; schedule: WeeklySchedule } | { ok: false; errors: Record<string, string> } {
  const parsed = submissionSchema.safeParse(values);
  if (!parsed.success)
    return { ok: false, errors: { [DAY_BLOCK]: tr.t('nudgeScheduleModal.pickDayAndTime') } };
  const weekday = Number(parsed.data[DAY_BLOCK][DAY_ACTION].selected_option.value);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    return { ok: false, errors: { [DAY_BLOCK]: tr.t('nudgeScheduleModal.pickDay') } };
  }
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(parsed.data[TIME_BLOCK][TIME_ACTION].selected_time);
  if (!time) return { ok: false, errors: { [TIME_BLOCK]: tr.t('nudgeScheduleModal.pickTime') } };
  return { ok: true, schedule: { weekday, hour: Number(time[1]), minute: Number(time[2]) } };
}
