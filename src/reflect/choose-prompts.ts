/**
 * Which reflection prompts a person sees in a given week. Pure and deterministic: the same history,
 * week and seed always give the same prompts (no randomness, no clock).
 *
 * The rule, in order:
 * 1. Only history strictly before `weekKey` counts. This week's own entry is ignored, so reopening
 *    /reflect after answering, or the nudge and the modal of the same week, show the same prompts.
 * 2. Dimensions are ordered by how long ago the person last answered one (never = longest ago).
 *    Ties follow soul, heart, mind rotated by a hash of seed and week, so a new person does not
 *    always start with soul. `count` = 3 gives one prompt per dimension in that order; `count` = 1
 *    gives only the favoured (most neglected) dimension's prompt. A shorter count is always a prefix
 *    of a longer one, so the nudge's prompt is the first prompt of the modal.
 * 3. Within a dimension: no prompt shown in the 12 weeks before `weekKey` is chosen again. The
 *    preferred side is the opposite of the side of the last prompt the person had in that dimension
 *    (personal first for someone who never had one: leadership is personal before organisational).
 *    Among the eligible prompts, the preferred side wins, then library order starting from an offset
 *    given by a hash of seed, week and dimension, so different people do not march in lockstep.
 * 4. If every prompt of a dimension was shown in the last 12 weeks (not possible with one prompt per
 *    dimension a week and 30 per dimension, but history may be odd), the least recently shown
 *    prompt is chosen, with the same side and offset tie-breaks.
 */
import {
  DIMENSIONS,
  type Dimension,
  REFLECTION_PROMPTS,
  type ReflectionPrompt,
  type Side,
} from '#messages/reflection-prompts.ts';
import { isWeekKey, weeksBetween } from '#src/schedule/iso-week.ts';

/** A prompt is not shown again to the same person within this many weeks. */
export const NO_REPEAT_WEEKS = 12;

export type PromptHistoryEntry = {
  /** ISO week, 'YYYY-Www'. */
  weekKey: string;
  /** Prompts the person was shown that week. */
  promptIds: string[];
  /** Dimensions the person actually answered that week. */
  dimensions: Dimension[];
};

const PROMPTS_BY_ID: ReadonlyMap<string, ReflectionPrompt> = new Map(
  REFLECTION_PROMPTS.map((p) => [p.id, p]),
);

const PROMPTS_BY_DIMENSION: Readonly<Record<Dimension, readonly ReflectionPrompt[]>> = {
  soul: REFLECTION_PROMPTS.filter((p) => p.dimension === 'soul'),
  heart: REFLECTION_PROMPTS.filter((p) => p.dimension === 'heart'),
  mind: REFLECTION_PROMPTS.filter((p) => p.dimension === 'mind'),
};

export function findPrompt(id: string): ReflectionPrompt | undefined {
  return PROMPTS_BY_ID.get(id);
}

/** 32-bit FNV-1a: a small, stable string hash (not for security). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

type PastEntry = { ago: number; entry: PromptHistoryEntry };

/** Entries strictly before `weekKey` with a valid key, most recent first (stable for equal weeks). */
function pastEntries(history: readonly PromptHistoryEntry[], weekKey: string): PastEntry[] {
  const past: PastEntry[] = [];
  for (const entry of history) {
    if (!isWeekKey(entry.weekKey)) continue;
    const ago = weeksBetween(entry.weekKey, weekKey);
    if (ago >= 1) past.push({ ago, entry });
  }
  return past.sort((x, y) => x.ago - y.ago);
}

function dimensionOrder(past: readonly PastEntry[], weekKey: string, seed: string): Dimension[] {
  const lastAnswered = (dimension: Dimension): number =>
    past.find(({ entry }) => entry.dimensions.includes(dimension))?.ago ?? Number.POSITIVE_INFINITY;
  const rotation = hash(`${seed}|${weekKey}|order`) % DIMENSIONS.length;
  const tieRank = (dimension: Dimension): number =>
    (DIMENSIONS.indexOf(dimension) - rotation + DIMENSIONS.length) % DIMENSIONS.length;
  return [...DIMENSIONS].sort((a, b) => lastAnswered(b) - lastAnswered(a) || tieRank(a) - tieRank(b));
}

function opposite(side: Side): Side {
  return side === 'personal' ? 'organisational' : 'personal';
}

function pickInDimension(
  dimension: Dimension,
  past: readonly PastEntry[],
  weekKey: string,
  seed: string,
): ReflectionPrompt {
  const pool = PROMPTS_BY_DIMENSION[dimension];
  const lastShown = new Map<string, number>();
  let lastSide: Side | undefined;
  for (const { ago, entry } of past) {
    // `past` is most recent first: the first entry with a prompt of this dimension sets the side.
    lastSide ??= lastSideIn(entry, dimension);
    for (const id of entry.promptIds) {
      if (PROMPTS_BY_ID.get(id)?.dimension === dimension && !lastShown.has(id)) lastShown.set(id, ago);
    }
  }
  const preferred: Side = lastSide ? opposite(lastSide) : 'personal';
  const offset = hash(`${seed}|${weekKey}|${dimension}`) % pool.length;

  const rank = (prompt: ReflectionPrompt, index: number): number[] => {
    const ago = lastShown.get(prompt.id);
    const eligible = ago === undefined || ago > NO_REPEAT_WEEKS;
    return [
      eligible ? 0 : 1,
      eligible ? 0 : -(ago ?? 0), // fallback: the least recently shown first
      prompt.side === preferred ? 0 : 1,
      (index - offset + pool.length) % pool.length,
    ];
  };
  let best: { prompt: ReflectionPrompt; key: number[] } | undefined;
  pool.forEach((prompt, index) => {
    const key = rank(prompt, index);
    if (!best || compareKeys(key, best.key) < 0) best = { prompt, key };
  });
  if (!best) throw new Error(`the prompt library has no ${dimension} prompts`);
  return best.prompt;
}

function lastSideIn(entry: PromptHistoryEntry, dimension: Dimension): Side | undefined {
  for (let i = entry.promptIds.length - 1; i >= 0; i--) {
    const prompt = PROMPTS_BY_ID.get(entry.promptIds[i] ?? '');
    if (prompt?.dimension === dimension) return prompt.side;
  }
  return undefined;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * This week's prompts for one person, favoured (most neglected) dimension first, at most one per
 * dimension. `seed` (e.g. the user id) varies the pick between people; it stays deterministic.
 * Throws a RangeError when `weekKey` is not an ISO week key or `count` is not an integer in 0..3.
 * History entries with a malformed week key are ignored.
 */
export function choosePrompts(
  history: readonly PromptHistoryEntry[],
  weekKey: string,
  count = 3,
  seed = '',
): ReflectionPrompt[] {
  if (!isWeekKey(weekKey)) {
    throw new RangeError(`weekKey must be an ISO week key such as 2026-W05, got ${JSON.stringify(weekKey)}`);
  }
  if (!Number.isInteger(count) || count < 0 || count > DIMENSIONS.length) {
    throw new RangeError(`count must be an integer from 0 to ${DIMENSIONS.length}, got ${count}`);
  }
  const past = pastEntries(history, weekKey);
  return dimensionOrder(past, weekKey, seed)
    .slice(0, count)
    .map((dimension) => pickInDimension(dimension, past, weekKey, seed));
}

/** The single prompt for the weekly DM nudge: the first prompt `choosePrompts` would show. */
export function choosePromptForNudge(
  history: readonly PromptHistoryEntry[],
  weekKey: string,
  seed: string,
): ReflectionPrompt {
  const [prompt] = choosePrompts(history, weekKey, 1, seed);
  if (!prompt) throw new Error('choosePrompts returned no prompt');
  return prompt;
}
