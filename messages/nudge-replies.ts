import type { KnownBlock } from '@slack/types';
import { formatLocal, formatSchedule } from '#messages/format-time.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { chooseScheduleButton } from './nudge-schedule-modal.ts';

/** The short private replies of the nudge commands and buttons (ephemeral, or a DM). */

export interface Ephemeral {
  response_type: 'ephemeral';
  text: string;
}

function ephemeral(text: string): Ephemeral {
  return { response_type: 'ephemeral', text };
}

function nextLine(next: { dueAt: Date } | undefined, tz: string): string {
  return next
    ? `Your next nudge: *${formatLocal(next.dueAt, tz)}*.`
    : 'No nudge is scheduled in the next weeks.';
}

export function scheduleSetReply(schedule: WeeklySchedule, tz: string, next?: { dueAt: Date }): Ephemeral {
  return ephemeral(
    `Done: a weekly nudge ${formatSchedule(schedule)}, in your time zone (${tz}). ${nextLine(next, tz)}\n` +
      'Pause with `/reflect pause [weeks]`; your zone follows your Slack profile.',
  );
}

export function pausedReply(weeks: string[], tz: string, next?: { dueAt: Date }): Ephemeral {
  const n = weeks.length;
  return ephemeral(
    `Paused for ${n} week${n === 1 ? '' : 's'} (${weeks.join(', ')}). Your streak is kept. ${nextLine(next, tz)}\n` +
      '`/reflect resume` brings nudges back sooner.',
  );
}

export function resumedReply(tz: string, next?: { dueAt: Date }): Ephemeral {
  return ephemeral(`Nudges are back on. ${nextLine(next, tz)}`);
}

export function notEnrolledReply(): Ephemeral {
  return ephemeral(
    "You don't get weekly nudges at the moment. Start with `/reflect schedule fri 16:00` (any day and time).",
  );
}

export function stoppedReply(): Ephemeral {
  return ephemeral('Weekly nudges are off. `/reflect schedule fri 16:00` starts them again.');
}

export function badInputReply(error: string): Ephemeral {
  return ephemeral(error);
}

/** After "Nudge me weekly" or an invitation's "Yes": the schedule set, and a way to change it. */
export function optedInReply(
  schedule: WeeklySchedule,
  tz: string,
  next?: { dueAt: Date },
): Ephemeral & { blocks: KnownBlock[] } {
  const { text } = scheduleSetReply(schedule, tz, next);
  return {
    ...ephemeral(text),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'actions', elements: [chooseScheduleButton('Choose another day and time', 'opt_in')] },
    ],
  };
}

/** Replaces an invitation whose "No thanks" was pressed. */
export const INVITATION_DECLINED_TEXT =
  'No problem: no nudges. If you change your mind, `/reflect schedule fri 16:00` starts them.';

/** The short notes that replace a nudge DM once one of its buttons was pressed. */
export function snoozedText(at: Date, tz: string): string {
  return `Got it: I'll bring this week's reflection back ${formatLocal(at, tz)}.`;
}
export const SNOOZE_LIMIT_TEXT =
  "That's enough snoozing for one week: it will be back next week. `/reflect` works any time.";
export const NOTHING_TO_SNOOZE_TEXT = 'Nothing to bring back: nudges are off or this week was skipped.';
export const WEEK_SKIPPED_TEXT = 'Skipped this week. See you next week.';

/** "Reflect now" in a nudge DM could not open the modal in time. */
export const NUDGE_MODAL_DID_NOT_OPEN_TEXT =
  'Sorry, the reflection did not open (Slack allows only a few seconds). Try `/reflect`.';
