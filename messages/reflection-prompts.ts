/**
 * The reflection prompt library: data only.
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
 * action ids); every text is one question of at most 150 characters (it is used as an input label);
 * no two prompts share most of their content words; every heart prompt names its facet.
 *
 * Never renumber or reuse an id: people's history refers to prompts by id, and a saved reflection
 * keeps the text it was answered with. Retire a prompt by moving its id to RETIRED_REFLECTION_PROMPT_IDS
 * (a retired id in someone's history is simply not a candidate any more); give a prompt whose meaning
 * changes a new id, with the next free number.
 */

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

export const REFLECTION_PROMPTS: readonly ReflectionPrompt[] = [
  // Soul, personal: doing good, values, integrity, what "better" means, leaning on position.
  {
    id: 'soul-p-01',
    dimension: 'soul',
    side: 'personal',
    text: 'What is one good thing I tried to do this week, and for whom?',
  },
  {
    id: 'soul-p-02',
    dimension: 'soul',
    side: 'personal',
    text: 'Where did I act on my values this week, even though it cost me something?',
  },
  {
    id: 'soul-p-03',
    dimension: 'soul',
    side: 'personal',
    text: 'What pulled me away from what I believe this week, even a little?',
  },
  {
    id: 'soul-p-04',
    dimension: 'soul',
    side: 'personal',
    text: 'Where did I pick the quick answer over the right one this week?',
  },
  {
    id: 'soul-p-05',
    dimension: 'soul',
    side: 'personal',
    text: 'Who did one of my decisions this week leave better off, and who worse off?',
  },
  {
    id: 'soul-p-06',
    dimension: 'soul',
    side: 'personal',
    text: 'A year from now, what would be better because of how I worked this week?',
  },
  {
    id: 'soul-p-07',
    dimension: 'soul',
    side: 'personal',
    text: 'Which promise did I keep this week that would have been easy to drop?',
  },
  {
    id: 'soul-p-08',
    dimension: 'soul',
    side: 'personal',
    text: 'Where did I lean on my position to get my way this week, instead of making the case?',
  },
  {
    id: 'soul-p-11',
    dimension: 'soul',
    side: 'personal',
    text: 'What did I see this week that was not right, and did I say something?',
  },
  {
    id: 'soul-p-12',
    dimension: 'soul',
    side: 'personal',
    text: 'Which small thing did I leave in better shape than I found it this week?',
  },
  {
    id: 'soul-p-13',
    dimension: 'soul',
    side: 'personal',
    text: 'When did I put my own comfort or image ahead of what was right this week?',
  },
  {
    id: 'soul-p-14',
    dimension: 'soul',
    side: 'personal',
    text: 'What did I do this week that I would be proud to see my team copy?',
  },
  {
    id: 'soul-p-15',
    dimension: 'soul',
    side: 'personal',
    text: 'Which mistake of mine did I own openly this week, and which did I keep quiet about?',
  },
  {
    id: 'soul-p-16',
    dimension: 'soul',
    side: 'personal',
    text: 'What did I do this week only because it was expected, not because it mattered?',
  },
  {
    id: 'soul-p-17',
    dimension: 'soul',
    side: 'personal',
    text: 'What gave my work meaning this week, even on a hard day?',
  },

  // Soul, organisational: the team's purpose and the practices that help or quietly harm.
  {
    id: 'soul-o-01',
    dimension: 'soul',
    side: 'organisational',
    text: "Could everyone on my team say why this week's work matters, and how do I know?",
  },
  {
    id: 'soul-o-02',
    dimension: 'soul',
    side: 'organisational',
    text: "Which of our routines quietly wasted people's time or talent this week?",
  },
  {
    id: 'soul-o-03',
    dimension: 'soul',
    side: 'organisational',
    text: 'Where did a rule or process get in the way of doing the right thing this week?',
  },
  {
    id: 'soul-o-04',
    dimension: 'soul',
    side: 'organisational',
    text: 'What did our team do this week that made things better for someone outside the team?',
  },
  {
    id: 'soul-o-06',
    dimension: 'soul',
    side: 'organisational',
    text: 'Where did we choose speed over care this week, and was it the right call?',
  },
  {
    id: 'soul-o-07',
    dimension: 'soul',
    side: 'organisational',
    text: 'What is one habit of our team that did more harm than good this week?',
  },
  {
    id: 'soul-o-09',
    dimension: 'soul',
    side: 'organisational',
    text: 'If someone on my team raised a worry about doing the right thing this week, how was it received?',
  },
  {
    id: 'soul-o-10',
    dimension: 'soul',
    side: 'organisational',
    text: 'Where did a target or number pull us away from what we really care about this week?',
  },
  {
    id: 'soul-o-11',
    dimension: 'soul',
    side: 'organisational',
    text: 'What did we learn this week about the people our work is for?',
  },
  {
    id: 'soul-o-12',
    dimension: 'soul',
    side: 'organisational',
    text: 'Which shortcut did we take this week that is turning into a habit?',
  },
  {
    id: 'soul-o-13',
    dimension: 'soul',
    side: 'organisational',
    text: 'What about how we work would seem unfair to a new joiner who watched us this week?',
  },
  {
    id: 'soul-o-14',
    dimension: 'soul',
    side: 'organisational',
    text: 'Where did our team keep a commitment this week when keeping it was hard?',
  },
  {
    id: 'soul-o-15',
    dimension: 'soul',
    side: 'organisational',
    text: 'What did we fix this week that will make life easier for those who come after us?',
  },
  {
    id: 'soul-o-16',
    dimension: 'soul',
    side: 'organisational',
    text: 'What good did our team do this week that nobody asked us to do?',
  },
  {
    id: 'soul-o-17',
    dimension: 'soul',
    side: 'organisational',
    text: 'Where could we have been more candid this week, with a customer, a partner or each other?',
  },

  // Heart, personal: connection, growth, energy and voice, in how the leader cares for others.
  {
    id: 'heart-p-01',
    dimension: 'heart',
    side: 'personal',
    facet: 'voice',
    text: 'Whom did I really listen to this week, without rushing to fix or reply?',
  },
  {
    id: 'heart-p-02',
    dimension: 'heart',
    side: 'personal',
    facet: 'connection',
    text: 'Who on my team did I not really check in with this week, and what might they need?',
  },
  {
    id: 'heart-p-03',
    dimension: 'heart',
    side: 'personal',
    facet: 'growth',
    text: 'Where did I help someone learn or grow this week, rather than doing it for them?',
  },
  {
    id: 'heart-p-04',
    dimension: 'heart',
    side: 'personal',
    facet: 'growth',
    text: 'Who could use a word of encouragement from me after this week, and what would I say?',
  },
  {
    id: 'heart-p-06',
    dimension: 'heart',
    side: 'personal',
    facet: 'voice',
    text: 'When did I talk over someone this week, and what were they trying to say?',
  },
  {
    id: 'heart-p-07',
    dimension: 'heart',
    side: 'personal',
    facet: 'connection',
    text: 'What did someone do this week that I noticed but never thanked them for?',
  },
  {
    id: 'heart-p-08',
    dimension: 'heart',
    side: 'personal',
    facet: 'voice',
    text: 'Whose idea did I build on this week, and did people know it was theirs?',
  },
  {
    id: 'heart-p-09',
    dimension: 'heart',
    side: 'personal',
    facet: 'energy',
    text: 'Who looked tired or stretched thin this week, and what could I take off their plate?',
  },
  {
    id: 'heart-p-10',
    dimension: 'heart',
    side: 'personal',
    facet: 'energy',
    text: 'Where did my mood set the tone for others this week, for better or worse?',
  },
  {
    id: 'heart-p-11',
    dimension: 'heart',
    side: 'personal',
    facet: 'energy',
    text: 'What gave someone on my team energy this week, and how could I make room for more of it?',
  },
  {
    id: 'heart-p-12',
    dimension: 'heart',
    side: 'personal',
    facet: 'connection',
    text: 'Who did I get to know a little better this week, beyond their work?',
  },
  {
    id: 'heart-p-13',
    dimension: 'heart',
    side: 'personal',
    facet: 'growth',
    text: 'What feedback did I give this week that helped someone grow, and what did I hold back?',
  },
  {
    id: 'heart-p-14',
    dimension: 'heart',
    side: 'personal',
    facet: 'voice',
    text: 'What did I change this week because someone on my team spoke up?',
  },
  {
    id: 'heart-p-15',
    dimension: 'heart',
    side: 'personal',
    facet: 'connection',
    text: 'Who did I treat as a task to get done this week rather than as a person?',
  },
  {
    id: 'heart-p-16',
    dimension: 'heart',
    side: 'personal',
    facet: 'growth',
    text: 'What stretch could I offer someone next, given what I saw them do this week?',
  },

  // Heart, organisational: whether care, growth, rest and voice reach everyone on the team.
  {
    id: 'heart-o-01',
    dimension: 'heart',
    side: 'organisational',
    facet: 'voice',
    text: 'Who on the team was not heard in a meeting this week, and how could we make room for them?',
  },
  {
    id: 'heart-o-02',
    dimension: 'heart',
    side: 'organisational',
    facet: 'connection',
    text: 'Did thanks on our team this week reach everyone, or mostly the same few people?',
  },
  {
    id: 'heart-o-03',
    dimension: 'heart',
    side: 'organisational',
    facet: 'growth',
    text: 'Who on the team learned something new this week, and who has not had that chance in a while?',
  },
  {
    id: 'heart-o-04',
    dimension: 'heart',
    side: 'organisational',
    facet: 'connection',
    text: 'Did anyone feel left out of a meeting, a decision or a joke this week?',
  },
  {
    id: 'heart-o-05',
    dimension: 'heart',
    side: 'organisational',
    facet: 'energy',
    text: 'Is anyone on the team carrying more than their share of the work this week?',
  },
  {
    id: 'heart-o-06',
    dimension: 'heart',
    side: 'organisational',
    facet: 'voice',
    text: 'When someone disagreed openly this week, did it feel safe for them?',
  },
  {
    id: 'heart-o-07',
    dimension: 'heart',
    side: 'organisational',
    facet: 'connection',
    text: 'Whose rarely seen work kept things running this week, and does the rest of the team know?',
  },
  {
    id: 'heart-o-08',
    dimension: 'heart',
    side: 'organisational',
    facet: 'connection',
    text: 'What did we do this week to help the newest person on the team feel they belong?',
  },
  {
    id: 'heart-o-10',
    dimension: 'heart',
    side: 'organisational',
    facet: 'energy',
    text: 'Where did our pace this week crowd out rest and recovery?',
  },
  {
    id: 'heart-o-11',
    dimension: 'heart',
    side: 'organisational',
    facet: 'growth',
    text: 'Where did someone experienced on the team pass on what they know this week?',
  },
  {
    id: 'heart-o-12',
    dimension: 'heart',
    side: 'organisational',
    facet: 'voice',
    text: 'Who on the team got to use their strengths this week, and who did not?',
  },
  {
    id: 'heart-o-13',
    dimension: 'heart',
    side: 'organisational',
    facet: 'energy',
    text: "What drained the team's energy this week that we could change?",
  },
  {
    id: 'heart-o-14',
    dimension: 'heart',
    side: 'organisational',
    facet: 'connection',
    text: 'Who on the team works mostly alone, and how connected did they feel this week?',
  },
  {
    id: 'heart-o-15',
    dimension: 'heart',
    side: 'organisational',
    facet: 'growth',
    text: 'What did we learn together this week, from a mistake or a success?',
  },
  {
    id: 'heart-o-16',
    dimension: 'heart',
    side: 'organisational',
    facet: 'voice',
    text: 'Where did people on the team get to shape a decision this week, rather than just hear about it?',
  },

  // Mind, personal: naming hard problems, handing off, enabling instead of deciding.
  {
    id: 'mind-p-01',
    dimension: 'mind',
    side: 'personal',
    text: 'Which hard problem did I try to solve alone this week that others could have helped with?',
  },
  {
    id: 'mind-p-02',
    dimension: 'mind',
    side: 'personal',
    text: 'Where did I make a decision this week that someone closer to the work could have made?',
  },
  {
    id: 'mind-p-03',
    dimension: 'mind',
    side: 'personal',
    text: 'What did I hold on to this week that I could have handed off?',
  },
  {
    id: 'mind-p-04',
    dimension: 'mind',
    side: 'personal',
    text: 'When someone brought me a problem this week, did I give the answer or ask what they thought?',
  },
  {
    id: 'mind-p-05',
    dimension: 'mind',
    side: 'personal',
    text: 'What is the toughest problem on my plate this week, and who else sees it?',
  },
  {
    id: 'mind-p-06',
    dimension: 'mind',
    side: 'personal',
    text: 'Where did I ask for a status update this week when I could have asked what would help?',
  },
  {
    id: 'mind-p-07',
    dimension: 'mind',
    side: 'personal',
    text: 'What did I check or sign off this week where trust would have been enough?',
  },
  {
    id: 'mind-p-08',
    dimension: 'mind',
    side: 'personal',
    text: 'What did someone on my team teach me this week about the work itself?',
  },
  {
    id: 'mind-p-09',
    dimension: 'mind',
    side: 'personal',
    text: 'Where did I slow an idea down this week mostly because it was not mine?',
  },
  {
    id: 'mind-p-10',
    dimension: 'mind',
    side: 'personal',
    text: 'Which problem did I avoid putting on the table this week?',
  },
  {
    id: 'mind-p-11',
    dimension: 'mind',
    side: 'personal',
    text: 'What did I keep to myself this week that would have helped others act without me?',
  },
  {
    id: 'mind-p-12',
    dimension: 'mind',
    side: 'personal',
    text: 'Where did I jump to a solution this week before I understood the problem?',
  },
  {
    id: 'mind-p-13',
    dimension: 'mind',
    side: 'personal',
    text: 'When did people in a meeting this week wait for my view before offering theirs?',
  },
  {
    id: 'mind-p-14',
    dimension: 'mind',
    side: 'personal',
    text: 'Which small experiment did I encourage this week instead of asking for a full plan?',
  },
  {
    id: 'mind-p-15',
    dimension: 'mind',
    side: 'personal',
    text: 'Which opportunity did I notice this week, and who could run with it?',
  },

  // Mind, organisational: who owns improvement, who is closest to the problem, visible information.
  {
    id: 'mind-o-01',
    dimension: 'mind',
    side: 'organisational',
    text: 'Who is closest to our toughest problem this week, and are they part of solving it?',
  },
  {
    id: 'mind-o-02',
    dimension: 'mind',
    side: 'organisational',
    text: 'What information did the team lack this week to act without asking me first?',
  },
  {
    id: 'mind-o-03',
    dimension: 'mind',
    side: 'organisational',
    text: 'Which decision this week waited on me or another manager when it did not need to?',
  },
  {
    id: 'mind-o-05',
    dimension: 'mind',
    side: 'organisational',
    text: 'Where did a good idea from the team get stuck this week, and what stopped it?',
  },
  {
    id: 'mind-o-06',
    dimension: 'mind',
    side: 'organisational',
    text: 'What problem did people talk about in the corridor this week but not in our meetings?',
  },
  {
    id: 'mind-o-07',
    dimension: 'mind',
    side: 'organisational',
    text: 'Which problem this week would we have spotted sooner if the right numbers were visible to everyone?',
  },
  {
    id: 'mind-o-08',
    dimension: 'mind',
    side: 'organisational',
    text: 'Which problem this week needed help from outside our team, and did we ask for it?',
  },
  {
    id: 'mind-o-09',
    dimension: 'mind',
    side: 'organisational',
    text: 'Which approval or sign-off slowed the team down this week, and could we drop it?',
  },
  {
    id: 'mind-o-10',
    dimension: 'mind',
    side: 'organisational',
    text: 'When someone on the team spotted a problem before I did this week, how did we respond?',
  },
  {
    id: 'mind-o-11',
    dimension: 'mind',
    side: 'organisational',
    text: 'Who besides me improved how the team works this week?',
  },
  {
    id: 'mind-o-12',
    dimension: 'mind',
    side: 'organisational',
    text: 'Where did people with different roles work together on a hard problem this week?',
  },
  {
    id: 'mind-o-13',
    dimension: 'mind',
    side: 'organisational',
    text: 'What did we fix by hand again this week that we could solve for good?',
  },
  {
    id: 'mind-o-14',
    dimension: 'mind',
    side: 'organisational',
    text: 'Which of our meetings this week turned into me handing out tasks instead of solving problems together?',
  },
  {
    id: 'mind-o-15',
    dimension: 'mind',
    side: 'organisational',
    text: 'Where did a handover between people or teams lose something important this week?',
  },
  {
    id: 'mind-o-16',
    dimension: 'mind',
    side: 'organisational',
    text: 'Where was the team unsure this week what problem we were really solving?',
  },
];
