/**
 * The reflection prompt library: data only. The English text of each prompt lives in
 * messages/locales/en/prompts.json (`reflection.<id>`), the single source the translations follow;
 * this file holds what does not depend on language (id, dimension, side, facet, retired ids).
 *
 * Every prompt belongs to one dimension of leading through (soul, heart, mind) and one side of it
 * (the leader's own, or how the team and its routines work). Soul is doing good and making things
 * better; heart is care, through its four facets (connection, growth, energy, voice); mind is
 * identifying problems and mobilizing people to solve them. Prompts are written in our own words for
 * first-line managers: one question each, about this week, answerable in two or three sentences, and
 * they invite noticing one's own habits of control without blame ("Where did I…").
 *
 * Rules the unit tests hold (test/unit/messages/prompts.test.ts): 15 personal and 15 organisational
 * prompts per dimension; ids are stable and never contain ':' (they end up in job ids and Block Kit
 * action ids); every heart prompt names its facet; and in every language every active id has a text
 * that is one question of at most 150 characters (it is used as an input label), and no two prompts
 * share most of their content words.
 *
 * Never renumber or reuse an id: people's history refers to prompts by id, and a saved reflection
 * keeps the text it was answered with. Retire a prompt by moving its id to RETIRED_REFLECTION_PROMPT_IDS
 * (a retired id in someone's history is simply not a candidate any more); give a prompt whose meaning
 * changes a new id, with the next free number.
 */
import englishPrompts from '#messages/locales/en/prompts.json' with { type: 'json' };

export type Dimension = 'soul' | 'heart' | 'mind';
export const DIMENSIONS = ['soul', 'heart', 'mind'] as const satisfies readonly Dimension[];

export type Side = 'personal' | 'organisational';
export const SIDES = ['personal', 'organisational'] as const satisfies readonly Side[];

/** The heart's four facets (LIVE): love as connection, inspiration as growth, vitality as energy, expression as voice. */
export type HeartFacet = 'connection' | 'growth' | 'energy' | 'voice';
export const HEART_FACETS = [
  'connection',
  'growth',
  'energy',
  'voice',
] as const satisfies readonly HeartFacet[];

export type ReflectionPrompt = {
  /** Stable, e.g. 'soul-p-01'; never contains ':'. */
  id: string;
  dimension: Dimension;
  side: Side;
  /** Heart prompts only: which facet of care the prompt is about. */
  facet?: HeartFacet;
  /** One question, at most 150 characters. */
  text: string;
};

/** A prompt without its text: what stays the same in every language. */
export type ReflectionPromptMetadata = Omit<ReflectionPrompt, 'text'>;

/** Longest allowed prompt text: Block Kit header and input label limits. */
export const REFLECTION_PROMPT_MAX_CHARS = 150;

/** How many prompts each dimension has on each side. */
export const PROMPTS_PER_SIDE = 15;

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  soul: 'Soul · doing good',
  heart: 'Heart · caring for people',
  mind: 'Mind · solving hard problems together',
};

export const DIMENSION_DESCRIPTIONS: Readonly<Record<Dimension, string>> = {
  soul: 'Trying to do good and make things better, in yourself and in how your team works.',
  heart: 'Caring for people so that everyone feels seen, heard and able to grow.',
  mind: 'Bringing people at every level into solving the hard problems together.',
};

/** The start of a prompt's hint in the reflection modal, in plain words. */
const DIMENSION_HINTS: Readonly<Record<Dimension, string>> = {
  soul: 'Soul: doing good and making things better',
  heart: 'Heart: caring for people so they can thrive',
  mind: 'Mind: solving hard problems together',
};

const SIDE_HINTS: Readonly<Record<Side, string>> = {
  personal: 'in how you lead',
  organisational: 'in how your team works',
};

/** "Soul: doing good and making things better, in how you lead." */
export function promptHint(dimension: Dimension, side?: Side): string {
  return `${DIMENSION_HINTS[dimension]}${side ? `, ${SIDE_HINTS[side]}` : ''}.`;
}

/**
 * Ids that were in the library once and are not any more; never reuse them. People's history and
 * saved reflections may still hold them (a saved reflection carries its own text, so it reads as
 * it was answered). Why each went: soul-p-09 and soul-o-05 repeated soul-p-05 (explaining a
 * decision); soul-p-10 and soul-o-08 repeated soul-p-06 (better a year from now); heart-p-05 was
 * about the leader's own energy, not care for others (heart-p-11 asks about others' energy);
 * heart-o-09 repeated heart-o-01 (room for quiet voices in meetings); mind-o-04 ("our middle
 * managers") fitted only senior leaders.
 */
export const RETIRED_REFLECTION_PROMPT_IDS: readonly string[] = [
  'soul-p-09',
  'soul-p-10',
  'soul-o-05',
  'soul-o-08',
  'heart-p-05',
  'heart-o-09',
  'mind-o-04',
];

/** Every active prompt, in the order of the library; the English text is added below. */
export const REFLECTION_PROMPT_METADATA: readonly ReflectionPromptMetadata[] = [
  // Soul, personal: doing good, values, integrity, what "better" means, leaning on position.
  { id: 'soul-p-01', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-02', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-03', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-04', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-05', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-06', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-07', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-08', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-11', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-12', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-13', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-14', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-15', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-16', dimension: 'soul', side: 'personal' },
  { id: 'soul-p-17', dimension: 'soul', side: 'personal' },

  // Soul, organisational: the team's purpose and the practices that help or quietly harm.
  { id: 'soul-o-01', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-02', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-03', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-04', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-06', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-07', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-09', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-10', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-11', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-12', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-13', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-14', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-15', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-16', dimension: 'soul', side: 'organisational' },
  { id: 'soul-o-17', dimension: 'soul', side: 'organisational' },

  // Heart, personal: connection, growth, energy and voice, in how the leader cares for others.
  { id: 'heart-p-01', dimension: 'heart', side: 'personal', facet: 'voice' },
  { id: 'heart-p-02', dimension: 'heart', side: 'personal', facet: 'connection' },
  { id: 'heart-p-03', dimension: 'heart', side: 'personal', facet: 'growth' },
  { id: 'heart-p-04', dimension: 'heart', side: 'personal', facet: 'growth' },
  { id: 'heart-p-06', dimension: 'heart', side: 'personal', facet: 'voice' },
  { id: 'heart-p-07', dimension: 'heart', side: 'personal', facet: 'connection' },
  { id: 'heart-p-08', dimension: 'heart', side: 'personal', facet: 'voice' },
  { id: 'heart-p-09', dimension: 'heart', side: 'personal', facet: 'energy' },
  { id: 'heart-p-10', dimension: 'heart', side: 'personal', facet: 'energy' },
  { id: 'heart-p-11', dimension: 'heart', side: 'personal', facet: 'energy' },
  { id: 'heart-p-12', dimension: 'heart', side: 'personal', facet: 'connection' },
  { id: 'heart-p-13', dimension: 'heart', side: 'personal', facet: 'growth' },
  { id: 'heart-p-14', dimension: 'heart', side: 'personal', facet: 'voice' },
  { id: 'heart-p-15', dimension: 'heart', side: 'personal', facet: 'connection' },
  { id: 'heart-p-16', dimension: 'heart', side: 'personal', facet: 'growth' },

  // Heart, organisational: whether care, growth, rest and voice reach everyone on the team.
  { id: 'heart-o-01', dimension: 'heart', side: 'organisational', facet: 'voice' },
  { id: 'heart-o-02', dimension: 'heart', side: 'organisational', facet: 'connection' },
  { id: 'heart-o-03', dimension: 'heart', side: 'organisational', facet: 'growth' },
  { id: 'heart-o-04', dimension: 'heart', side: 'organisational', facet: 'connection' },
  { id: 'heart-o-05', dimension: 'heart', side: 'organisational', facet: 'energy' },
  { id: 'heart-o-06', dimension: 'heart', side: 'organisational', facet: 'voice' },
  { id: 'heart-o-07', dimension: 'heart', side: 'organisational', facet: 'connection' },
  { id: 'heart-o-08', dimension: 'heart', side: 'organisational', facet: 'connection' },
  { id: 'heart-o-10', dimension: 'heart', side: 'organisational', facet: 'energy' },
  { id: 'heart-o-11', dimension: 'heart', side: 'organisational', facet: 'growth' },
  { id: 'heart-o-12', dimension: 'heart', side: 'organisational', facet: 'voice' },
  { id: 'heart-o-13', dimension: 'heart', side: 'organisational', facet: 'energy' },
  { id: 'heart-o-14', dimension: 'heart', side: 'organisational', facet: 'connection' },
  { id: 'heart-o-15', dimension: 'heart', side: 'organisational', facet: 'growth' },
  { id: 'heart-o-16', dimension: 'heart', side: 'organisational', facet: 'voice' },

  // Mind, personal: naming hard problems, handing off, enabling instead of deciding.
  { id: 'mind-p-01', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-02', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-03', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-04', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-05', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-06', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-07', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-08', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-09', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-10', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-11', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-12', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-13', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-14', dimension: 'mind', side: 'personal' },
  { id: 'mind-p-15', dimension: 'mind', side: 'personal' },

  // Mind, organisational: who owns improvement, who is closest to the problem, visible information.
  { id: 'mind-o-01', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-02', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-03', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-05', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-06', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-07', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-08', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-09', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-10', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-11', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-12', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-13', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-14', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-15', dimension: 'mind', side: 'organisational' },
  { id: 'mind-o-16', dimension: 'mind', side: 'organisational' },
];

const ENGLISH_TEXTS: Readonly<Record<string, string>> = englishPrompts.reflection;

/** Every active prompt with its English text (callers that need another language use the catalogues). */
export const REFLECTION_PROMPTS: readonly ReflectionPrompt[] = REFLECTION_PROMPT_METADATA.map((prompt) => {
  const text = ENGLISH_TEXTS[prompt.id];
  // Fails at start, not when a person first sees an empty label.
  if (text === undefined) throw new Error(`messages/locales/en/prompts.json has no reflection.${prompt.id}`);
  return { ...prompt, text };
});
