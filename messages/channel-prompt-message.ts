import type { KnownBlock } from '@slack/types';
import { RECOGNITION_OPEN_ACTION } from '#messages/recognition-modal.ts';
import type { SlackMessage } from '#messages/recognition-post.ts';
import type { RecognitionPrompt } from '#messages/recognition-prompts.ts';
import { DIMENSIONS, type Dimension } from '#messages/reflection-prompts.ts';
import type { DigestSummary } from '#src/recognition/digest.ts';

/** Most names the digest lists before "and N more". */
const DIGEST_MAX_NAMES = 40;

/** What each dimension of a recognition was for, in the digest's words. */
const DIMENSION_FOR: Readonly<Record<Dimension, string>> = {
  soul: 'doing good',
  heart: 'caring for people',
  mind: 'solving problems together',
};

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The digest's first line, and the start of the post's notification text. */
export const DIGEST_THANKS = 'Thank you for noticing each other last week';

/**
 * The digest: thanks, and the names of the people recognized here last week (only them). It reads
 * as thanks, not a score: no counts of recognitions or people, no tally per dimension, only which
 * kinds of good were recognized.
 */
export function digestBlocks(summary: DigestSummary): KnownBlock[] {
  const kinds = DIMENSIONS.filter((d) => summary.mix[d] > 0).map((d) => DIMENSION_FOR[d]);
  const shown = summary.people.slice(0, DIGEST_MAX_NAMES).map((id) => `<@${id}>`);
  const more = summary.people.length - shown.length;
  const names = more > 0 ? `${shown.join(', ')} and ${more} more` : andList(shown);
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${DIGEST_THANKS}.*\nRecognized here${kinds.length > 0 ? ` for ${andList(kinds)}` : ''}: ${names}.`,
      },
    },
  ];
}

/**
 * The weekly recognition prompt posted in a channel, with the "Recognize someone" button and the
 * `/recognize` tag that fits the prompt. When the channel has the digest on and last week had
 * public recognitions, it leads the post. "Recognition is care, not a contest" is said in the form
 * and the help, not on every post.
 */
export function channelPromptMessage(input: {
  prompt: RecognitionPrompt;
  channelId: string;
  digest?: DigestSummary;
}): SlackMessage {
  const digest = input.digest && input.digest.count > 0 ? input.digest : undefined;
  const blocks: KnownBlock[] = [
    ...(digest ? digestBlocks(digest) : []),
    { type: 'section', text: { type: 'mrkdwn', text: `:seedling: *${input.prompt.text}*` } },
    {
      type: 'actions',
      block_id: 'recognition_prompt',
      elements: [
        {
          type: 'button',
          action_id: RECOGNITION_OPEN_ACTION,
          text: { type: 'plain_text', text: 'Recognize someone' },
          style: 'primary',
          value: input.channelId,
        },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Or type \`/recognize @someone what they did #${input.prompt.dimension}\`.`,
        },
      ],
    },
  ];
  const text = digest ? `${DIGEST_THANKS}. ${input.prompt.text}` : input.prompt.text;
  return { text, blocks };
}

/** The DM the scheduling admin gets (once) when the bot cannot post the prompt in a channel. */
export function inviteBotNotice(channelId: string): SlackMessage {
  const text = `I couldn't post this week's recognition prompt in <#${channelId}> because I'm not a member. To fix it, open <#${channelId}> and type \`/invite @Throughline\`. The schedule is kept; \`/recognize schedule off\` there removes it.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
