/**
 * How often a person reflected on each dimension recently: the number of distinct weeks, in the
 * `weeks`-week window that ends with `weekKey` (that week included), in which they answered it.
 * Pure. History entries with a malformed week key or an unknown dimension are ignored; two entries
 * for the same week count once.
 */
import { DIMENSIONS, type Dimension } from '#messages/reflection-prompts.ts';
import { isWeekKey, weeksBetween } from '#src/schedule/iso-week.ts';
import type { PromptHistoryEntry } from './choose-prompts.ts';

export function dimensionBalance(
  history: readonly Pick<PromptHistoryEntry, 'weekKey' | 'dimensions'>[],
  weekKey: string,
  weeks = 12,
): Record<Dimension, number> {
  if (!isWeekKey(weekKey)) {
    throw new RangeError(`weekKey must be an ISO week key such as 2026-W05, got ${JSON.stringify(weekKey)}`);
  }
  if (!Number.isInteger(weeks) || weeks < 0) {
    throw new RangeError(`weeks must be a non-negative integer, got ${weeks}`);
  }
  const seen: Record<Dimension, Set<number>> = { soul: new Set(), heart: new Set(), mind: new Set() };
  for (const entry of history) {
    if (!isWeekKey(entry.weekKey)) continue;
    const ago = weeksBetween(entry.weekKey, weekKey);
    if (ago < 0 || ago >= weeks) continue;
    for (const dimension of entry.dimensions) {
      if ((DIMENSIONS as readonly string[]).includes(dimension)) seen[dimension].add(ago);
    }
  }
  return { soul: seen.soul.size, heart: seen.heart.size, mind: seen.mind.size };
}
