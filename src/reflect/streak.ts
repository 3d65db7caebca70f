import { isWeekKey, shiftWeekKey } from '#src/schedule/iso-week.ts';

/**
 * Weeks reflected in a row, counted back from `currentWeekKey`. Pure.
 *
 * - This week counts when reflected; when not (yet), the streak is still alive and counts the
 *   weeks before it (a Monday morning does not reset a streak).
 * - A paused week (holidays) neither counts nor breaks the streak; a week that is neither
 *   reflected nor paused ends it.
 * - Malformed week keys are ignored.
 */
export function reflectionStreak(input: {
  reflectedWeeks: Iterable<string>;
  pausedWeeks?: Iterable<string>;
  currentWeekKey: string;
}): number {
  if (!isWeekKey(input.currentWeekKey)) throw new RangeError(`not a week key: ${input.currentWeekKey}`);
  const reflected = new Set([...input.reflectedWeeks].filter(isWeekKey));
  const paused = new Set([...(input.pausedWeeks ?? [])].filter(isWeekKey));
  let count = reflected.has(input.currentWeekKey) ? 1 : 0;
  // Every step back either counts a reflected week, skips a paused one, or stops, so this bound
  // is never reached by a real history; it only guards against surprises.
  const limit = reflected.size + paused.size + 1;
  let week = input.currentWeekKey;
  for (let step = 0; step < limit; step++) {
    week = shiftWeekKey(week, -1);
    if (reflected.has(week)) count++;
    else if (!paused.has(week)) break;
  }
  return count;
}
