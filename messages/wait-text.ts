import { english, type Translator } from './i18n.ts';

/** "in about 3 minutes" / "in about 2 hours": how long until the person may try again. */
export function describeWait(seconds: number, tr: Translator = english()): string {
  if (seconds < 90) return tr.t('waitText.minute');
  if (seconds < 90 * 60) return tr.t('waitText.minutes', { count: Math.round(seconds / 60) });
  return tr.t('waitText.hours', { count: Math.round(seconds / 3600) });
}
