import type { KnownBlock } from '@slack/types';
import { listPeople } from '#messages/recognition-modal.ts';
import { DIMENSION_LABELS, type Dimension } from '#messages/reflection-prompts.ts';
import { splitMrkdwn } from '#messages/safe-text.ts';

/**
 * What a recognition looks like in a channel and in each recipient's DM. `words` is already
 * safe Slack mrkdwn (src/recognition/parse-recognition.ts): only named people can be pinged.
 */

export interface RecognitionContent {
  giverId: string;
  recipientIds: readonly string[];
  words: string;
  dimension: Dimension;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Quotes every line so the words read as the giver's own. */
function quote(words: string): string {
  return words
    .split('\n')
    .map((line) => `>${line === '' ? '' : ` ${line}`}`)
    .join('\n');
}

/** Section text limit, less room for the `> ` a continued line gets. */
const SECTION_ROOM = 3000 - 2;

/**
 * The quoted words as one or more sections, each within Slack's 3,000 characters counted after
 * escaping (1,000 typed `&` are 5,000 sent), so a long recognition is shown whole, never refused.
 */
function wordsSections(words: string): KnownBlock[] {
  return splitMrkdwn(quote(words), SECTION_ROOM).map((piece) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: piece.startsWith('>') ? piece : `> ${piece}` },
  }));
}

function dimensionContext(dimension: Dimension, extra?: string): KnownBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `*${DIMENSION_LABELS[dimension]}*${extra ? `  ·  ${extra}` : ''}` }],
  };
}

/** The post in the channel: mentions the recipients, names the giver, quotes the words. */
export function recognitionPost(content: RecognitionContent): SlackMessage {
  const people = listPeople(content.recipientIds);
  return {
    text: `<@${content.giverId}> recognized ${people} (${content.dimension}): ${content.words}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `:sparkles: <@${content.giverId}> recognizes ${people}` },
      },
      ...wordsSections(content.words),
      dimensionContext(content.dimension),
    ],
  };
}

/** The DM each recipient of a channel recognition gets, with a link to the post. */
export function recognitionDm(
  content: RecognitionContent & { channelId: string; permalink?: string },
): SlackMessage {
  const link = content.permalink ? `<${content.permalink}|See the post>` : undefined;
  return {
    text: `<@${content.giverId}> recognized you in <#${content.channelId}>: ${content.words}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:sparkles: <@${content.giverId}> recognized you in <#${content.channelId}>`,
        },
      },
      ...wordsSections(content.words),
      dimensionContext(content.dimension, link),
    ],
  };
}

/** The DM for a private recognition: only the recipients and the giver ever see it. */
export function privateRecognitionDm(content: RecognitionContent & { recipientId: string }): SlackMessage {
  const others = content.recipientIds.filter((id) => id !== content.recipientId).map((id) => `<@${id}>`);
  const names = ['you', ...others, `<@${content.giverId}>`];
  const audience = `Only ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return {
    text: `<@${content.giverId}> sent you a private recognition: ${content.words}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `:sparkles: <@${content.giverId}> sent you a private recognition` },
      },
      ...wordsSections(content.words),
      dimensionContext(content.dimension, `${audience} can see this; it is never posted in a channel.`),
    ],
  };
}
