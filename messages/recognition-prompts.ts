/**
 * Recognition prompts posted into channels (the heart dimension, in public).
 *
 * Each one asks peers to name a specific act and its effect, and several reach past the people who are
 * usually thanked. Recognition is care, not a contest: no points, no rankings, no "best" or "top".
 * Ids are stable and never contain ':'; texts are at most 300 characters (the unit tests hold this).
 */

export type RecognitionPrompt = { id: string; text: string };

/** Longest allowed recognition prompt text. */
export const RECOGNITION_PROMPT_MAX_CHARS = 300;

export const RECOGNITION_PROMPTS: readonly RecognitionPrompt[] = [
  {
    id: 'recog-01',
    text: 'Who helped you this week in a way others might have missed? Name what they did and what it made possible.',
  },
  {
    id: 'recog-02',
    text: 'Think of someone whose work is rarely seen but keeps things running. What did they do this week, and what difference did it make?',
  },
  {
    id: 'recog-03',
    text: 'Who asked a question this week that made the work better? Tell them what changed because of it.',
  },
  { id: 'recog-04', text: 'Who helped a newcomer feel welcome lately? Say what they did and how it helped.' },
  {
    id: 'recog-05',
    text: 'Who took on an unglamorous task this week so others could move faster? Name the task and what it allowed.',
  },
  {
    id: 'recog-06',
    text: 'Who did you learn something from this week? What was it, and how will you use it?',
  },
  {
    id: 'recog-07',
    text: 'Who raised a concern or disagreed in a way that helped? Name the moment and what it changed.',
  },
  {
    id: 'recog-08',
    text: 'Who in another team made your week easier? Tell them what they did and why it mattered to you.',
  },
  {
    id: 'recog-09',
    text: "Who shared credit or made room for someone else's idea this week? What happened because they did?",
  },
  {
    id: 'recog-10',
    text: 'Who fixed something before it became a problem? Say what it was and who it saved from trouble.',
  },
  {
    id: 'recog-11',
    text: 'Who helped a customer or a colleague with real care this week? Describe the moment and its effect.',
  },
  {
    id: 'recog-12',
    text: 'Who stayed calm and steady when things got hard this week? What did that make possible for the rest of us?',
  },
  {
    id: 'recog-13',
    text: 'Whose quiet preparation made a meeting, launch or handover go smoothly? Name the work behind it.',
  },
  {
    id: 'recog-14',
    text: 'Who tried something new this week, whatever the outcome? Say what they tried and what we learned from it.',
  },
  {
    id: 'recog-15',
    text: 'Who made a hard problem clearer for everyone, with a note, a chart or a good question? Say what it unlocked.',
  },
  { id: 'recog-16', text: 'Who spoke up for someone who was not in the room? Tell them what it meant.' },
  {
    id: 'recog-17',
    text: 'Who have you not thanked in a while? Pick one specific thing they did recently and say what it changed for you.',
  },
  {
    id: 'recog-18',
    text: 'Who on the front line noticed something the rest of us missed? Name what they saw and what it changed.',
  },
  {
    id: 'recog-19',
    text: 'Who helped someone else grow this week, by teaching, pairing or giving honest feedback? Describe what they did.',
  },
  {
    id: 'recog-20',
    text: 'Who did the right thing this week when nobody was watching? Tell them you noticed, and what it meant.',
  },
  {
    id: 'recog-21',
    text: 'Who took care of the small things, like notes, follow-ups or a tidy handover, that made work easier for others? Name one.',
  },
  { id: 'recog-22', text: 'Who made you feel heard this week? What did they do, and how did it help?' },
  {
    id: 'recog-23',
    text: 'Who kept a promise that would have been easy to let slip? Say what it was and who it helped.',
  },
  {
    id: 'recog-24',
    text: 'Who brought energy or kindness to a tough week? Name the moment and what it did for the people around them.',
  },
  {
    id: 'recog-25',
    text: 'Who passed on what they knew so someone else could act without waiting? What did that allow?',
  },
  {
    id: 'recog-26',
    text: 'Look beyond the people who usually get thanked. Whose contribution this week deserves a word? Be specific about what they did.',
  },
  {
    id: 'recog-27',
    text: 'Who checked in on a teammate who was having a hard time? You need not share details; say what their care made possible.',
  },
  {
    id: 'recog-28',
    text: 'Who took the time to explain something twice, patiently, so nobody was left behind? Tell them what it helped you do.',
  },
];
