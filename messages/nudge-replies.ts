import type { KnownBlock } from '@slack/types';
import { formatLocal, formatSchedule } from '#messages/format-time.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { english, type Translator } from './i18n.ts';
import { chooseScheduleButton } from './nudge-schedule-modal.ts';

/** The short private replies of the nudge commands and buttons (ephemeral, or a DM). */

export interface Ephemeral {
  response_type: 'ephemeral';
  text: string;
}

function ephemeral(text: string): Ephemeral {
  return { response_type: 'ephemeral', text };
}

function nextLine(next: { dueAt: Date } | undefined, tz: string, tr: Translator): string {
  return next
    ? tr.t('nudgeReplies.next', { next: formatLocal(next.dueAt, tz, tr) })
    : tr.t('nudgeReplies.noNext');
}

export function scheduleSetReply(
  schedule: WeeklySchedule,
  tz: string,
  next?: { dueAt: Date },
  tr: Translator = english(),
): Ephemeral {
  return ephemeral(
    tr.t('nudgeReplies.scheduleSet', {
      schedule: formatSchedule(schedule, tr),
      timeZone: tz,
      next: nextLine(next, tz, tr),
    }),
  );
}

export function pausedReply(
  weeks: string[],
  tz: string,
  next?: { dueAt: Date },
  tr: Translator = english(),
): Ephemeral {
  return ephemeral(
    tr.t('nudgeReplies.paused', {
      count: weeks.length,
      weeks: weeks.join(', '),
      next: nextLine(next, tz, tr),
    }),
  );
}

export function resumedReply(tz: string, next?: { dueAt: Date }, tr: Translator = english()): Ephemeral {
  return ephemeral(tr.t('nudgeReplies.resumed', { next: nextLine(next, tz, tr) }));
}

export function notEnrolledReply(tr: Translator = english()): Ephemeral {
  return ephemeral(tr.t('nudgeReplies.notEnrolled'));
}

export function stoppedReply(tr: Translator = english()): Ephemeral {
  return ephemeral(tr.t('nudgeReplies.stopped'));
}

export function badInputReply(error: string): Ephemeral {
  return ephemeral(error);
}

/** After "Nudge me weekly" or an invitation's "Yes": the schedule set, and a way to change it. */
export function optedInReply(
  schedule: WeeklySchedule,
  tz: string,
  next?: { dueAt: Date },
  tr: Translator = english(),
): Ephemeral & { blocks: KnownBlock[] } {
  const { text } = scheduleSetReply(schedule, tz, next, tr);
  return {
    ...ephemeral(text),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'actions', elements: [chooseScheduleButton(tr.t('nudgeReplies.chooseAnother'), 'opt_in', tr)] },
    ],
  };
}

/**
 * Fixed notes: `invitationDeclined` replaces an invitation whose "No thanks" was pressed; the
 * snooze and skip notes replace a nudge DM once one of its buttons was pressed; `modalDidNotOpen`
 * when "Reflect now" in a nudge DM could not open the modal in time.
 */
export type NudgeNote =
  | 'invitationDeclined'
  | 'snoozeLimit'
  | 'nothingToSnooze'
  | 'weekSkipped'
  | 'modalDidNotOpen';

export function nudgeNoteText(note: NudgeNote, tr: Translator = english()): string {
  return tr.t(`nudgeReplies.${note}`);
}

export function snoozedText(at: Date, tz: string, tr: Translator = english()): string {
  return tr.t('nudgeReplies.snoozed', { at: formatLocal(at, tz, tr) });
}
