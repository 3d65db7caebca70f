import type { KnownBlock } from '@slack/types';
import { RECOGNITION_OPEN_ACTION } from '#messages/recognition-modal.ts';
import type { SlackMessage } from '#messages/recognition-post.ts';
import type { RecognitionPrompt } from '#messages/recognition-prompts.ts';
import { DIMENSIONS } from '#messages/reflection-prompts.ts';
import type { DigestSummary } from '#src/recognition/digest.ts';

/** Most names the digest lists before "and N more". */
const DIGEST_MAX_NAMES = 40;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Last week: 12 recognitions for 9 people". */
export function digestHeadline(summary: DigestSummary): string {
  return `Last week: ${plural(summary.count, 'recognition', 'recognitions')} for ${plural(summary.people.length, 'person', 'people')}`;
}

/** The digest blocks: count, the dimension mix, and the names of people recognised (only them). */
export function digestBlocks(summary: DigestSummary): KnownBlock[] {
  const mix = DIMENSIONS.filter((d) => summary.mix[d] > 0)
    .map((d) => `${d} ${summary.mix[d]}`)
    .join(' · ');
  const shown = summary.people.slice(0, DIGEST_MAX_NAMES).map((id) => `<@${id}>`);
  const more = summary.people.length - shown.length;
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${digestHeadline(summary)}*${mix ? `  (${mix})` : ''}` },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Recognised: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}. Thank you all for noticing each other.`,
        },
      ],
    },
  ];
}

/**
 * The weekly recognition prompt posted in a channel, with the "Recognize someone" button.
 * When the channel has the digest on and last week had public recognitions, it leads the post.
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
          text: 'Or type `/recognize @someone what they did #heart`. Recognition is care, not a contest: no points, no rankings.',
        },
      ],
    },
  ];
  const text = digest ? `${digestHeadline(digest)}. ${input.prompt.text}` : input.prompt.text;
  return { text, blocks };
}

/** The DM the scheduling admin gets (once) when the bot cannot post the prompt in a channel. */
export function inviteBotNotice(channelId: string): SlackMessage {
  const text = `I couldn't post this week's recognition prompt in <#${channelId}> because I'm not a member. To fix it, open <#${channelId}> and type \`/invite @Throughline\`. The schedule is kept; \`/recognize schedule off\` there removes it.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
