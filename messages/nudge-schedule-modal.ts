import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';

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

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function dayOption(weekday: number) {
  return {
    text: { type: 'plain_text' as const, text: DAYS[weekday - 1] ?? 'Friday' },
    value: String(weekday),
  };
}

export function chooseScheduleButton(text = 'Choose day and time', value = 'choose') {
  return {
    type: 'button' as const,
    action_id: NUDGE_CHOOSE_ACTION,
    text: { type: 'plain_text' as const, text },
    value,
  };
}

export function nudgeScheduleModal(input: { current?: WeeklySchedule; timeZone: string }): ModalView {
  const current = input.current ?? { weekday: 5, hour: 16, minute: 0 };
  const hh = String(current.hour).padStart(2, '0');
  const mm = String(current.minute).padStart(2, '0');
  return {
    type: 'modal',
    callback_id: NUDGE_SCHEDULE_CALLBACK,
    title: { type: 'plain_text', text: 'Weekly nudge' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `One gentle DM a week, at this day and time in your own time zone (now *${input.timeZone}*, from your Slack profile).`,
        },
      },
      {
        type: 'input',
        block_id: DAY_BLOCK,
        label: { type: 'plain_text', text: 'Day' },
        element: {
          type: 'static_select',
          action_id: DAY_ACTION,
          options: [1, 2, 3, 4, 5, 6, 7].map(dayOption),
          initial_option: dayOption(current.weekday),
        },
      },
      {
        type: 'input',
        block_id: TIME_BLOCK,
        label: { type: 'plain_text', text: 'Time' },
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
): { ok: true; schedule: WeeklySchedule } | { ok: false; errors: Record<string, string> } {
  const parsed = submissionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [DAY_BLOCK]: 'Pick a day and a time.' } };
  const weekday = Number(parsed.data[DAY_BLOCK][DAY_ACTION].selected_option.value);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    return { ok: false, errors: { [DAY_BLOCK]: 'Pick a day of the week.' } };
  }
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(parsed.data[TIME_BLOCK][TIME_ACTION].selected_time);
  if (!time) return { ok: false, errors: { [TIME_BLOCK]: 'Pick a time like 16:00.' } };
  return { ok: true, schedule: { weekday, hour: Number(time[1]), minute: Number(time[2]) } };
}
