import type { NudgeFollowUp } from '#src/config.ts';
import { nextWorkingMorning } from '#src/schedule/follow-up.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import { HOUR_MS } from '#src/schedule/zone-offset.ts';

/**
 * When the one follow-up of an unanswered nudge goes out (NUDGE_FOLLOW_UP), or undefined for none.
 *
 * A follow-up is about *this* week's reflection, so it only goes out while it is still the nudge's
 * ISO week on the person's own calendar: a Friday-afternoon nudge with the default (next working
 * morning = Monday) gets no follow-up rather than a message about a week that has ended, and
 * nobody hears from us at the weekend.
 */
export function followUpAt(setting: NudgeFollowUp, sentAt: Date, timeZone: string): Date | undefined {
  if (setting.kind === 'off') return undefined;
  const at =
    setting.kind === 'after'
      ? new Date(sentAt.getTime() + setting.hours * HOUR_MS)
      : nextWorkingMorning(sentAt, timeZone);
  return isoWeekKey(at, timeZone) === isoWeekKey(sentAt, timeZone) ? at : undefined;
}
