import { DIMENSIONS, type Dimension } from '#messages/reflection-prompts.ts';
import { startOfIsoWeekInZone } from '#src/schedule/iso-week.ts';
import type { RecognitionRecord } from './recognition-record.ts';

/** A channel's week of public recognitions, as the digest shows it. */
export interface DigestSummary {
  count: number;
  /** Everyone recognized, in the order they were first recognized (never ranked, never counted). */
  people: string[];
  mix: Record<Dimension, number>;
}

/**
 * Summarises public recognitions for the weekly digest. Private recognitions are dropped here
 * too (they are never in a channel index; this is the second lock). Nothing about who was not
 * recognized is computed, and nobody gets a per-person count: no leaderboards.
 */
export function summarizeDigest(records: readonly RecognitionRecord[]): DigestSummary {
  const mix = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
  const people: string[] = [];
  let count = 0;
  for (const record of [...records].sort((a, b) => a.at - b.at)) {
    if (record.visibility !== 'channel') continue;
    count += 1;
    mix[record.dimension] += 1;
    for (const id of record.recipientIds) if (!people.includes(id)) people.push(id);
  }
  return { count, people, mix };
}

/**
 * The span the digest covers: the previous calendar week in the channel's time zone, from local
 * Monday 00:00 to the Monday 00:00 that starts the week of `occurrence` (end excluded). Not a
 * rolling seven days: a recognition made this week, minutes before the post, waits for next
 * week's digest, and a week with a daylight-saving change is 167 or 169 hours long.
 */
export function digestWindow(occurrence: Date, timeZone: string): { fromMs: number; toMs: number } {
  const thisWeek = startOfIsoWeekInZone(occurrence, timeZone).getTime();
  const lastWeek = startOfIsoWeekInZone(new Date(thisWeek - 1), timeZone).getTime();
  return { fromMs: lastWeek, toMs: thisWeek };
}
