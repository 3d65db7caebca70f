import { MAX_RECIPIENTS, MAX_RECOGNITION_CHARS } from '#src/recognition/recognition-limits.ts';
import { describeWait } from './wait-text.ts';

/**
 * What the giver of a recognition is told when it cannot go out as asked (from `/recognize` or the
 * modal): kind refusals, the channel's problems, the limit. Nothing was posted in any of them.
 */

const USAGE = 'Try `/recognize @someone what they did #heart` (or `#soul`, `#mind`).';

export const REFUSALS = {
  broadcast:
    "Recognitions can't ping a whole channel or everyone at once (`@here`, `@channel`, `@everyone`). Name the people you want to thank instead, e.g. `/recognize @someone what they did`.",
  group:
    'Please name the people themselves rather than a user group: recognition lands best when it is personal. You can mention up to 10 people.',
  tooMany: `That's more than ${MAX_RECIPIENTS} people. Recognition lands best when it is specific: pick up to ${MAX_RECIPIENTS} and say what each of them did.`,
  self: "You can't recognize yourself here, though it's good to notice your own progress (`/reflect` is the place for that). Is there someone who helped you along the way?",
  bot: "Bots don't need thanks, but the people behind the work do. Who built or ran it? Recognize them instead.",
  empty: `Who would you like to recognize, and for what? ${USAGE}`,
} as const;

export function tooLongMessage(length: number): string {
  return `That's ${length.toLocaleString('en-US')} characters. Please keep a recognition under ${MAX_RECOGNITION_CHARS.toLocaleString('en-US')} characters: a few specific sentences land best.`;
}

export function unknownNameMessage(name: string): string {
  return `I couldn't find \`${name.replace(/[`<>&*_~]/g, '').slice(0, 40)}\` in this workspace. Type @ and pick the person from Slack's list, e.g. \`/recognize @someone what they did\`.`;
}

export function unknownPersonMessage(id: string): string {
  return `I couldn't find one of the people you named (\`${id}\`) in this workspace. Type @ and pick them from Slack's list, e.g. \`/recognize @someone what they did\`.`;
}

export function inactivePersonMessage(id: string): string {
  return `<@${id}> is no longer active in this workspace, so I can't tell them. Is there someone else you'd like to recognize?`;
}

export const PEOPLE_UNCHECKED =
  'Sorry, I could not check these people with Slack just now. Please try again in a minute.';

/** Why the chosen channel cannot take the giver's recognition (checked before posting). */
export const CHANNEL_REFUSALS = {
  giverNotIn:
    "You're not a member of that channel, so I can't post there for you. Pick a channel you're in, or choose \"Send privately\".",
  botNotInPrivate:
    'I\'m not a member of that channel. Type `/invite @Throughline` in it first, pick another channel, or choose "Send privately".',
  archived:
    'That channel is archived, so nothing can be posted there. Pick another channel, or send it privately.',
  unchecked:
    'Sorry, I could not check that channel with Slack just now. Please try again in a minute, or choose "Send privately".',
} as const;

/** What the giver is told when Slack refused the post with `code`, or undefined for other codes. */
export function channelProblemMessage(code: string, channelId: string): string | undefined {
  switch (code) {
    case 'not_in_channel':
      return `I'm not a member of <#${channelId}> yet, so nothing was posted. Type \`/invite @Throughline\` in that channel, then try again (or choose "Send privately").`;
    case 'channel_not_found':
      return "I can't see that channel: it may be private or a conversation I'm not part of, so nothing was posted. Type `/invite @Throughline` in the channel first, or send your recognition privately.";
    case 'is_archived':
      return 'That channel is archived, so nothing can be posted there. Pick another channel, or send your recognition privately.';
    default:
      return undefined;
  }
}

export const NO_CHANNEL_MESSAGE = 'Pick a channel to post in.';

export function recognitionLimitMessage(max: number, retryAfterSeconds: number): string {
  return `Thank you for noticing so many people! You've shared ${max} recognitions in a short time, which is the most one person can send for now. Nothing was posted; please try again ${describeWait(retryAfterSeconds)}.`;
}

/** `/recognize` could not say it all in text, so the form opens; this says why. */
export function formOpenedHint(why: 'no-channel' | 'no-words' | 'no-one'): string {
  if (why === 'no-channel')
    return "Recognitions are posted in channels, so I've opened the form: pick a channel, or send it privately.";
  if (why === 'no-words')
    return "What did they do? I've opened the form so you can say it (or type `/recognize @someone what they did`).";
  return `${REFUSALS.empty} I've opened the form for you.`;
}

export const FORM_DID_NOT_OPEN = `Sorry, the form didn't open. ${REFUSALS.empty}`;

/** Posted in the channel, but some recipients could not get their DM. */
export function undeliveredMessage(ids: readonly string[]): string {
  return `Posted. I couldn't reach ${ids.map((id) => `<@${id}>`).join(', ')} by DM, but the post mentions them.`;
}
