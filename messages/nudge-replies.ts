import { formatLocal } from '#src/schedule/format-local.ts';
import { formatSchedule } from '#src/schedule/parse-schedule.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';

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
