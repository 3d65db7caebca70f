/**
 * The reflection prompt library: data only.
 *
 * Every prompt belongs to one dimension of leading through (soul, heart, mind) and one side of it
 * (the leader's own, or how the team and its routines work). Prompts are written in our own words for
 * managers: short, concrete, about this week, answerable in two or three sentences, and they invite
 * noticing one's own habits of control without blame ("Where did I…").
 *
 * Rules the unit tests hold: ids are stable and never contain ':' (they end up in job ids and Block Kit
 * action ids), every text is at most 150 characters (it is used as an input label and a header), no
 * two texts are the same, and every dimension has at least 18 prompts with both sides present.
 * Never renumber or reuse an id: people's history refers to prompts by id. Retire a prompt by deleting
 * it; add new ones with the next free number.
 */

export type Dimension = 'soul' | 'heart' | 'mind';
export const DIMENSIONS = ['soul', 'heart', 'mind'] as const satisfies readonly Dimension[];

export type Side = 'personal' | 'organisational';
export const SIDES = ['personal', 'organisational'] as const satisfies readonly Side[];

export type ReflectionPrompt = {
  /** Stable, e.g. 'soul-p-01'; never contains ':'. */
  id: string;
  dimension: Dimension;
  side: Side;
  /** At most 150 characters. */
  text: string;
};

/** Longest allowed prompt text: Block Kit header and input label limits. */
export const REFLECTION_PROMPT_MAX_CHARS = 150;

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

export const SIDE_LABELS: Readonly<Record<Side, string>> = {
  personal: 'You',
  organisational: 'Your team',
};

export const REFLECTION_PROMPTS: readonly ReflectionPrompt[] = [
  // Soul, personal: purpose, values, integrity, what "better" means.
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
    text: 'Where did I drift from what I believe this week, even a little? What pulled me away?',
  },
  {
    id: 'soul-p-04',
    dimension: 'soul',
    side: 'personal',
    text: 'When did I pick the quick answer over the right one this week? What would the right one have been?',
  },
  {
    id: 'soul-p-05',
    dimension: 'soul',
    side: 'personal',
    text: 'Think of one decision I made this week. Who did it leave better off, and who worse off?',
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
    text: 'Which promise did I keep this week that would have been easy to drop? Did I let one slip?',
  },
  {
    id: 'soul-p-08',
    dimension: 'soul',
    side: 'personal',
    text: 'Where did I lean on my position to get my way this week, instead of making the case?',
  },
  {
    id: 'soul-p-09',
    dimension: 'soul',
    side: 'personal',
    text: 'Is there a choice from this week I would find hard to explain to the people it affected? What would I change?',
  },
  {
    id: 'soul-p-10',
    dimension: 'soul',
    side: 'personal',
    text: 'In one sentence, what does "better" mean in my work right now? What did I do toward it this week?',
  },

  // Soul, organisational: the team's purpose and the practices that help or harm.
  {
    id: 'soul-o-01',
    dimension: 'soul',
    side: 'organisational',
    text: "Could everyone on my team say why this week's work matters? How do I know?",
  },
  {
    id: 'soul-o-02',
    dimension: 'soul',
    side: 'organisational',
    text: "Which of our routines quietly wastes people's time or talent? What did it cost us this week?",
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
    id: 'soul-o-05',
    dimension: 'soul',
    side: 'organisational',
    text: 'Which of our decisions this week would we be glad to explain to the people who rely on us?',
  },
  {
    id: 'soul-o-06',
    dimension: 'soul',
    side: 'organisational',
    text: 'Where did we choose speed over care this week? Was it the right call?',
  },
  {
    id: 'soul-o-07',
    dimension: 'soul',
    side: 'organisational',
    text: 'What is one thing our team does that causes more harm than good? What would it take to stop?',
  },
  {
    id: 'soul-o-08',
    dimension: 'soul',
    side: 'organisational',
    text: 'If our team were clearly better a year from now, what would be different? What moved us toward it this week?',
  },
  {
    id: 'soul-o-09',
    dimension: 'soul',
    side: 'organisational',
    text: 'Did anyone on my team raise a concern about doing the right thing this week? How was it received?',
  },
  {
    id: 'soul-o-10',
    dimension: 'soul',
    side: 'organisational',
    text: 'Where did a target or number pull us away from what we really care about this week?',
  },

  // Heart, personal: connection, growth, energy, voice, in the leader's own conduct.
  {
    id: 'heart-p-01',
    dimension: 'heart',
    side: 'personal',
    text: 'Whom did I really listen to this week, without rushing to fix or reply?',
  },
  {
    id: 'heart-p-02',
    dimension: 'heart',
    side: 'personal',
    text: 'Who on my team did I not check in with this week? What might they need from me?',
  },
  {
    id: 'heart-p-03',
    dimension: 'heart',
    side: 'personal',
    text: 'Where did I help someone learn or grow this week, rather than doing it for them?',
  },
  {
    id: 'heart-p-04',
    dimension: 'heart',
    side: 'personal',
    text: 'Who could use some encouragement from me right now? What would I say to them?',
  },
  {
    id: 'heart-p-05',
    dimension: 'heart',
    side: 'personal',
    text: 'How is my own energy this week? What is draining it, and what gives it back?',
  },
  {
    id: 'heart-p-06',
    dimension: 'heart',
    side: 'personal',
    text: 'When did I cut someone off or talk over them this week? What were they trying to say?',
  },
  {
    id: 'heart-p-07',
    dimension: 'heart',
    side: 'personal',
    text: 'What did someone do this week that I noticed but did not thank them for? How can I tell them?',
  },
  {
    id: 'heart-p-08',
    dimension: 'heart',
    side: 'personal',
    text: 'Whose idea did I build on this week? Did I make sure people knew it was theirs?',
  },
  {
    id: 'heart-p-09',
    dimension: 'heart',
    side: 'personal',
    text: 'Who looks tired or stretched thin lately? What could I take off their plate?',
  },
  {
    id: 'heart-p-10',
    dimension: 'heart',
    side: 'personal',
    text: 'Where did my mood set the tone for others this week, for better or worse?',
  },

  // Heart, organisational: whether care, growth and voice reach everyone.
  {
    id: 'heart-o-01',
    dimension: 'heart',
    side: 'organisational',
    text: 'Who on the team has not been heard in meetings lately? How could we make room for them?',
  },
  {
    id: 'heart-o-02',
    dimension: 'heart',
    side: 'organisational',
    text: 'Does thanks on our team reach everyone, or mostly the same few people? Who is missing?',
  },
  {
    id: 'heart-o-03',
    dimension: 'heart',
    side: 'organisational',
    text: 'Who on the team is learning something new right now? Who has not had that chance in a while?',
  },
  {
    id: 'heart-o-04',
    dimension: 'heart',
    side: 'organisational',
    text: 'Did anyone feel left out of something this week, like a meeting, a decision or a joke? What could change?',
  },
  {
    id: 'heart-o-05',
    dimension: 'heart',
    side: 'organisational',
    text: 'How heavy is the workload this week? Is anyone carrying more than their share?',
  },
  {
    id: 'heart-o-06',
    dimension: 'heart',
    side: 'organisational',
    text: 'When did someone disagree openly this week? Did it feel safe for them to do so?',
  },
  {
    id: 'heart-o-07',
    dimension: 'heart',
    side: 'organisational',
    text: 'Whose work is rarely seen but keeps things running? How would the rest of the team know?',
  },
  {
    id: 'heart-o-08',
    dimension: 'heart',
    side: 'organisational',
    text: 'What would help the newest person on the team feel they belong here?',
  },
  {
    id: 'heart-o-09',
    dimension: 'heart',
    side: 'organisational',
    text: 'Do our meetings leave room for quieter voices? What is one change we could try next week?',
  },
  {
    id: 'heart-o-10',
    dimension: 'heart',
    side: 'organisational',
    text: 'Where did our pace this week crowd out rest? What would a sustainable week look like?',
  },

  // Mind, personal: hard problems, delegation, enabling instead of deciding.
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
    text: 'What did I hold on to this week that I could have handed off? What stopped me?',
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
    text: 'What is the toughest problem on my plate right now, in one sentence? Who else sees it?',
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
    text: 'What did I learn this week from someone on the front line? How did it change my view?',
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
    text: 'Which problem have I been avoiding naming? What is one small step to put it on the table?',
  },

  // Mind, organisational: who owns improvement, middle managers, front line, visible information.
  {
    id: 'mind-o-01',
    dimension: 'mind',
    side: 'organisational',
    text: 'Who is closest to our toughest problem, and are they part of solving it?',
  },
  {
    id: 'mind-o-02',
    dimension: 'mind',
    side: 'organisational',
    text: 'What information does the team lack to act without asking me first?',
  },
  {
    id: 'mind-o-03',
    dimension: 'mind',
    side: 'organisational',
    text: 'Which decision this week waited on me or another manager when it did not need to?',
  },
  {
    id: 'mind-o-04',
    dimension: 'mind',
    side: 'organisational',
    text: 'How are our middle managers helping to solve our biggest problem, beyond passing messages along?',
  },
  {
    id: 'mind-o-05',
    dimension: 'mind',
    side: 'organisational',
    text: 'Where did a good idea from the front line get stuck this week? What stopped it?',
  },
  {
    id: 'mind-o-06',
    dimension: 'mind',
    side: 'organisational',
    text: 'What problem do people talk about in the corridor but not in our meetings?',
  },
  {
    id: 'mind-o-07',
    dimension: 'mind',
    side: 'organisational',
    text: 'Which facts or numbers could we make visible to everyone, so people spot problems early?',
  },
  {
    id: 'mind-o-08',
    dimension: 'mind',
    side: 'organisational',
    text: 'Who outside our team should we work with on a problem we cannot solve alone?',
  },
  {
    id: 'mind-o-09',
    dimension: 'mind',
    side: 'organisational',
    text: 'Where did approvals or sign-offs slow the team down this week? Which could we drop?',
  },
  {
    id: 'mind-o-10',
    dimension: 'mind',
    side: 'organisational',
    text: 'Did someone on the team spot a problem before I did this week? How did we respond?',
  },
];
