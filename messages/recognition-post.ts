import type { KnownBlock } from '@slack/types';
import { dimensionLabel, dimensionName } from '#messages/dimension-text.ts';
import { english, type Translator } from '#messages/i18n.ts';
import { listPeople } from '#messages/recognition-modal.ts';
import type { Dimension } from '#messages/reflection-prompts.ts';
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

function dimensionContext(dimension: Dimension, tr: Translator, extra?: string): KnownBlock {
  const label = dimensionLabel(dimension, tr);
  return {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: extra
          ? tr.t('recognitionPost.dimensionContextWith', { label, extra })
          : tr.t('recognitionPost.dimensionContext', { label }),
      },
    ],
  };
}

/** The post in the channel: mentions the recipients, names the giver, quotes the words. */
export function recognitionPost(content: RecognitionContent, tr: Translator = english()): SlackMessage {
  const people = listPeople(content.recipientIds, tr);
  const giver = `<@${content.giverId}>`;
  return {
    text: tr.t('recognitionPost.notification', {
      giver,
      people,
      dimension: dimensionName(content.dimension, tr),
      words: content.words,
    }),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: tr.t('recognitionPost.recognizes', { giver, people }) },
      },
      ...wordsSections(content.words),
      dimensionContext(content.dimension, tr),
    ],
  };
}

/** The DM each recipient of a channel recognition gets, with a link to the post. */
export function recognitionDm(
  content: RecognitionContent & { channelId: string; permalink?: string },
  tr: Translator = english(),
): SlackMessage {
  const link = content.permalink ? `<${content.permalink}|${tr.t('recognitionPost.seeThePost')}>` : undefined;
  const giver = `<@${content.giverId}>`;
  const channel = `<#${content.channelId}>`;
  return {
    text: tr.t('recognitionPost.dmNotification', { giver, channel, words: content.words }),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: tr.t('recognitionPost.dmTitle', { giver, channel }) },
      },
      ...wordsSections(content.words),
      dimensionContext(content.dimension, tr, link),
    ],
  };
}

/** The DM for a private recognition: only the recipients and the giver ever see it. */
export function privateRecognitionDm(
  content: RecognitionContent & { recipientId: string },
  tr: Translator = english(),
): SlackMessage {
  const others = content.recipientIds.filter((id) => id !== content.recipientId).map((id) => `<@${id}>`);
  const giver = `<@${content.giverId}>`;
  const names = tr
    .listFormat({ style: 'long', type: 'conjunction' })
    .format([tr.t('recognitionPost.you'), ...others, giver]);
  return {
    text: tr.t('recognitionPost.privateNotification', { giver, words: content.words }),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: tr.t('recognitionPost.privateTitle', { giver }) },
      },
      ...wordsSections(content.words),
      dimensionContext(content.dimension, tr, tr.t('recognitionPost.privateAudience', { names })),
    ],
  };
}
