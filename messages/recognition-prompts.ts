/**
 * Recognition prompts posted into channels each week: the heart of the model in public, asking
 * peers to name a specific act and its effect, and reaching past the people who are usually thanked.
 *
 * Each prompt is tagged with the dimension of what it asks about (heart prompts also with their
 * facet), so the post can suggest the matching `#soul`, `#heart` or `#mind` tag. Rules the unit tests
 * hold (test/unit/messages/prompts.test.ts): at least 8 prompts per dimension, in varied forms; each
 * text is one question of at most 300 characters; no two prompts share most of their content words;
 * no points, rankings, "best" or "top". Ids are stable and never contain ':'; retired ids
 * (recog-17 repeated recog-26, recog-21 repeated recog-13) are never reused.
 */
import type { Dimension, HeartFacet } from '#messages/reflection-prompts.ts';

export type RecognitionPrompt = { id: string; text: string } & (
  | { dimension: Exclude<Dimension, 'heart'>; facet?: undefined }
  | { dimension: 'heart'; facet: HeartFacet }
);

/** Longest allowed recognition prompt text. */
export const RECOGNITION_PROMPT_MAX_CHARS = 300;

export const RECOGNITION_PROMPTS: readonly RecognitionPrompt[] = [
  {
    id: 'recog-07',
    dimension: 'soul',
    text: 'Who spoke up this week about something that was not right, and what changed because they did?',
  },
  {
    id: 'recog-10',
    dimension: 'soul',
    text: 'Who fixed something this week before it turned into a problem for others?',
  },
  {
    id: 'recog-11',
    dimension: 'soul',
    text: 'Who went the extra mile for a customer or the people we serve this week, and what came of it?',
  },
  {
    id: 'recog-16',
    dimension: 'soul',
    text: 'Who made sure someone who was not in the room was treated fairly?',
  },
  {
    id: 'recog-20',
    dimension: 'soul',
    text: 'Who did the right thing this week when nobody was watching, and what did it protect?',
  },
  {
    id: 'recog-23',
    dimension: 'soul',
    text: 'Who kept a promise lately that would have been easy to let slip, and who did it help?',
  },
  {
    id: 'recog-29',
    dimension: 'soul',
    text: 'Which improvement, however small, did a colleague make this week that leaves things better for everyone?',
  },
  {
    id: 'recog-30',
    dimension: 'soul',
    text: 'Who owned up to a mistake this week in a way that helped us all learn?',
  },
  { id: 'recog-31', dimension: 'soul', text: 'Whose effort this week reminded you why our work matters?' },
  {
    id: 'recog-01',
    dimension: 'heart',
    facet: 'connection',
    text: 'Who helped you this week in a way others might have missed, and what did it make possible?',
  },
  {
    id: 'recog-02',
    dimension: 'heart',
    facet: 'connection',
    text: 'Think of work that only gets noticed when it stops: who did it this week?',
  },
  {
    id: 'recog-04',
    dimension: 'heart',
    facet: 'connection',
    text: 'Who helped a newcomer feel at home lately, and what exactly did they do?',
  },
  {
    id: 'recog-26',
    dimension: 'heart',
    facet: 'connection',
    text: 'Looking beyond the people who usually get thanked, whose contribution this week deserves a word?',
  },
  {
    id: 'recog-27',
    dimension: 'heart',
    facet: 'connection',
    text: 'Without sharing any details, who looked out for a teammate who was having a hard time?',
  },
  {
    id: 'recog-06',
    dimension: 'heart',
    facet: 'growth',
    text: 'What did you learn from a colleague this week, and from whom?',
  },
  {
    id: 'recog-19',
    dimension: 'heart',
    facet: 'growth',
    text: 'Who helped someone else grow this week, by teaching, pairing or giving honest feedback?',
  },
  {
    id: 'recog-28',
    dimension: 'heart',
    facet: 'growth',
    text: 'Who patiently explained something twice so that nobody was left behind?',
  },
  {
    id: 'recog-12',
    dimension: 'heart',
    facet: 'energy',
    text: 'Who stayed calm and steady when things got hard this week, and what did that make possible for the rest of us?',
  },
  {
    id: 'recog-24',
    dimension: 'heart',
    facet: 'energy',
    text: 'Who brought warmth or a laugh to a tough week, and what did it do for the people around them?',
  },
  {
    id: 'recog-09',
    dimension: 'heart',
    facet: 'voice',
    text: "Who made room for someone else's idea this week, and what came of it?",
  },
  {
    id: 'recog-22',
    dimension: 'heart',
    facet: 'voice',
    text: 'When did someone make you feel heard this week, and how did they do it?',
  },
  {
    id: 'recog-03',
    dimension: 'mind',
    text: 'Which question from a colleague this week made the work better, and what changed because of it?',
  },
  {
    id: 'recog-05',
    dimension: 'mind',
    text: 'Who took on an unglamorous task this week so that others could move faster?',
  },
  {
    id: 'recog-08',
    dimension: 'mind',
    text: 'Who in another team made your week easier, and what did they do?',
  },
  {
    id: 'recog-13',
    dimension: 'mind',
    text: 'Whose quiet preparation made a meeting, launch or handover go smoothly?',
  },
  {
    id: 'recog-14',
    dimension: 'mind',
    text: 'What new thing did someone try this week, whatever the outcome, and what did we learn from it?',
  },
  {
    id: 'recog-15',
    dimension: 'mind',
    text: 'Who made a hard problem clearer for everyone this week, with a note, a sketch or a chart?',
  },
  {
    id: 'recog-18',
    dimension: 'mind',
    text: 'Who noticed something this week that the rest of us missed, and what did it change?',
  },
  {
    id: 'recog-25',
    dimension: 'mind',
    text: 'Who passed on what they knew so someone else could act without waiting?',
  },
  {
    id: 'recog-32',
    dimension: 'mind',
    text: 'Who brought people from different teams together to untangle a problem this week?',
  },
];
