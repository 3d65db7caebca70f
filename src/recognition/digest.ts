import { DIMENSIONS, type Dimension } from '#messages/reflection-prompts.ts';
import type { RecognitionRecord } from './recognition-record.ts';

/** A channel's week of public recognitions, as the digest shows it. */
export interface DigestSummary {
  count: number;
  /** Everyone recognised, in the order they were first recognised (never ranked, never counted). */
  people: string[];
  mix: Record<Dimension, number>;
}

/**
 * Summarises public recognitions for the weekly digest. Private recognitions are dropped here
 * too (they are never in a channel index; this is the second lock). Nothing about who was not
 * recognised is computed, and nobody gets a per-person count: no leaderboards.
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
