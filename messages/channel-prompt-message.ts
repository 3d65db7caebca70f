import type { KnownBlock } from '@slack/types';
import { english, type Translator } from '#messages/i18n.ts';
import { RECOGNITION_OPEN_ACTION } from '#messages/recognition-modal.ts';
import type { SlackMessage } from '#messages/recognition-post.ts';
import type { RecognitionPrompt } from '#messages/recognition-prompts.ts';
import { DIMENSIONS, type Dimension } from '#messages/reflection-prompts.ts';
import type { DigestSummary } from '#src/recognition/digest.ts';

/** Most names the digest lists before "and N more". */
const DIGEST_MAX_NAMES = 40;

/** What each dimension of a recognition was for, in the digest's words. */
function dimensionFor(dimension: Dimension, tr: Translator): string {
  return tr.t(`channelPromptMessage.dimensionFor.${dimension}`);
}

/** "a", "a and b", "a, b and c", in the translator's language. */
export function andList(items: readonly string[], tr: Translator = english()): string {
  return tr.listFormat({ style: 'long', type: 'conjunction' }).format(items);
}

/** The digest's first line, and the start of the post's notification text. */
export function digestThanks(tr: Translator = english()): string {
  return tr.t('channelPromptMessage.digestThanks');
}

/**
 * The digest: thanks, and the names of the people recognized here last week (only them). It reads
 * as thanks, not a score: no counts of recognitions or people, no tally per dimension, only which
 * kinds of good were recognized.
 */
export function digestBlocks(summary: DigestSummary, tr: Translator = english()): KnownBlock[] {
  const kinds = DIMENSIONS.filter((d) => summary.mix[d] > 0).map((d) => dimensionFor(d, tr));
  const shown = summary.people.slice(0, DIGEST_MAX_NAMES).map((id) => `<@${id}>`);
  const more = summary.people.length - shown.length;
  const names =
    more > 0
      ? tr.t('channelPromptMessage.digestNamesMore', { names: shown.join(', '), count: more })
      : andList(shown, tr);
  const thanks = digestThanks(tr);
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          kinds.length > 0
            ? tr.t('channelPromptMessage.digestRecognizedFor', { thanks, kinds: andList(kinds, tr), names })
            : tr.t('channelPromptMessage.digestRecognized', { thanks, names }),
      },
    },
  ];
}

/** The prompt's text in the channel's language (its own text when the catalogue lacks the id). */
function promptText(prompt: RecognitionPrompt, tr: Translator): string {
  const key = `prompts:recognition.${prompt.id}`;
  const text = tr.t(key);
  return text === key || text === `recognition.${prompt.id}` ? prompt.text : text;
}

/**
 * The weekly recognition prompt posted in a channel, with the "Recognize someone" button and the
 * `/recognize` tag that fits the prompt. When the channel has the digest on and last week had
 * public recognitions, it leads the post. "Recognition is care, not a contest" is said in the form
 * and the help, not on every post.
 */
export function channelPromptMessage(
  input: {
    prompt: RecognitionPrompt;
    channelId: string;
    digest?: DigestSummary;
  },
  tr: Translator = english(),
): SlackMessage {
  const digest = input.digest && input.digest.count > 0 ? input.digest : undefined;
  const prompt = promptText(input.prompt, tr);
  const blocks: KnownBlock[] = [
    ...(digest ? digestBlocks(digest, tr) : []),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: tr.t('channelPromptMessage.prompt', { prompt }) },
    },
    {
      type: 'actions',
      block_id: 'recognition_prompt',
      elements: [
        {
          type: 'button',
          action_id: RECOGNITION_OPEN_ACTION,
          text: { type: 'plain_text', text: tr.t('channelPromptMessage.recognizeSomeone') },
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
          text: tr.t('channelPromptMessage.orType', { dimension: input.prompt.dimension }),
        },
      ],
    },
  ];
  const text = digest
    ? tr.t('channelPromptMessage.notificationWithDigest', {
        thanks: digestThanks(tr),
        prompt,
      })
    : prompt;
  return { text, blocks };
}

/** The DM the scheduling admin gets (once) when the bot cannot post the prompt in a channel. */
export function inviteBotNotice(channelId: string, tr: Translator = english()): SlackMessage {
  const text = tr.t('channelPromptMessage.inviteBotNotice', { channel: `<#${channelId}>` });
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
