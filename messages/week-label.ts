import { english, type Translator } from './i18n.ts';

/**
 * How a week is named to people: "week of 23 Nov 2026" (its Monday), never the ISO key alone.
 * Pure; the date in the person's locale.
 */
const DAY_MS = 86_400_000;

/** The Monday (UTC date) of an ISO week key 'YYYY-Www'; undefined for a malformed key. */
export function mondayOfWeekKey(weekKey: string): Date | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  const jan4 = new Date(0);
  jan4.setUTCFullYear(year, 0, 4);
  const mondayOfWeekOne = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(mondayOfWeekOne + (week - 1) * 7 * DAY_MS);
}

/** "week of 23 Nov 2026"; the key itself when it cannot be read. */
export function weekLabel(weekKey: string, tr: Translator = english()): string {
  const monday = mondayOfWeekKey(weekKey);
  if (!monday) return weekKey;
  const date = tr
    .dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(monday);
  return tr.t('weekLabel.label', { monday: date });
}
