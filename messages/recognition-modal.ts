import type { KnownBlock, ModalView, PlainTextOption, View } from '@slack/types';
import { z } from 'zod';
import { dimensionLabel } from '#messages/dimension-text.ts';
import { english, type Translator } from '#messages/i18n.ts';
import { DIMENSIONS, type Dimension } from '#messages/reflection-prompts.ts';
import { truncate, viewButton } from '#messages/safe-text.ts';
// The same limits as `/recognize`: the modal accepts what the command accepts.
import { MAX_RECIPIENTS, MAX_RECOGNITION_CHARS } from '#src/recognition/recognition-limits.ts';

/**
 * The recognition modal and its reader, in one file so block and action ids cannot drift.
 * Opened from `/recognize`, the weekly prompt's "Recognize someone" button, App Home, the care
 * radar's "Recognize" buttons and the "Recognize the author" message shortcut.
 */

export const RECOGNITION_MODAL_CALLBACK = 'recognition_modal';
/** Button that opens the modal (weekly prompt, App Home). `value` is a channel id or ''. */
export const RECOGNITION_OPEN_ACTION = 'recognition_open';
/** Message shortcut in manifest.yml ("Recognize the author"). */
export const RECOGNIZE_AUTHOR_SHORTCUT = 'recognize_author';

export const RECOGNITION_BLOCKS = {
  recipients: 'recognition_recipients',
  words: 'recognition_words',
  dimension: 'recognition_dimension',
  visibility: 'recognition_visibility',
  channel: 'recognition_channel',
} as const;

const ACTION = 'value';

export interface RecognitionModalInput {
  recipients?: readonly string[];
  /** Pre-filled text, raw (not escaped): what the person will see in the input. */
  words?: string;
  dimension?: Dimension;
  /** The channel the post will go to, when known (where the command or button was used). */
  channelId?: string;
}

function dimensionOption(dimension: Dimension, tr: Translator): PlainTextOption {
  return { text: { type: 'plain_text', text: dimensionLabel(dimension, tr) }, value: dimension };
}

/** Slack's limit for an option's text and description. */
const OPTION_MAX = 75;

function visibilityOptions(tr: Translator) {
  return {
    channel: {
      text: { type: 'plain_text', text: tr.t('recognitionModal.postInChannel') },
      description: {
        type: 'plain_text',
        text: truncate(tr.t('recognitionModal.postInChannelDescription'), OPTION_MAX),
      },
      value: 'channel',
    },
    private: {
      text: { type: 'plain_text', text: tr.t('recognitionModal.sendPrivately') },
      description: {
        type: 'plain_text',
        text: truncate(tr.t('recognitionModal.sendPrivatelyDescription'), OPTION_MAX),
      },
      value: 'private',
    },
  } as const satisfies Record<string, PlainTextOption>;
}

export function recognitionModal(input: RecognitionModalInput = {}, tr: Translator = english()): ModalView {
  const recipients = (input.recipients ?? []).slice(0, MAX_RECIPIENTS);
  const visibility = visibilityOptions(tr);
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: RECOGNITION_BLOCKS.recipients,
      label: { type: 'plain_text', text: tr.t('recognitionModal.who') },
      element: {
        type: 'multi_users_select',
        action_id: ACTION,
        max_selected_items: MAX_RECIPIENTS,
        placeholder: {
          type: 'plain_text',
          text: tr.t('recognitionModal.whoPlaceholder', { max: MAX_RECIPIENTS }),
        },
        ...(recipients.length > 0 ? { initial_users: [...recipients] } : {}),
      },
    },
    {
      type: 'input',
      block_id: RECOGNITION_BLOCKS.words,
      label: { type: 'plain_text', text: tr.t('recognitionModal.what') },
      element: {
        type: 'plain_text_input',
        action_id: ACTION,
        multiline: true,
        max_length: MAX_RECOGNITION_CHARS,
        placeholder: { type: 'plain_text', text: tr.t('recognitionModal.whatPlaceholder') },
        ...(input.words ? { initial_value: input.words.slice(0, MAX_RECOGNITION_CHARS) } : {}),
      },
    },
    {
      type: 'input',
      block_id: RECOGNITION_BLOCKS.dimension,
      label: { type: 'plain_text', text: tr.t('recognitionModal.shows') },
      element: {
        type: 'static_select',
        action_id: ACTION,
        options: DIMENSIONS.map((d) => dimensionOption(d, tr)),
        initial_option: dimensionOption(input.dimension ?? 'heart', tr),
      },
    },
    {
      type: 'input',
      block_id: RECOGNITION_BLOCKS.visibility,
      label: { type: 'plain_text', text: tr.t('recognitionModal.where') },
      element: {
        type: 'radio_buttons',
        action_id: ACTION,
        options: [visibility.channel, visibility.private],
        initial_option: visibility.channel,
      },
    },
    {
      type: 'input',
      block_id: RECOGNITION_BLOCKS.channel,
      optional: true,
      label: { type: 'plain_text', text: tr.t('recognitionModal.channel') },
      hint: { type: 'plain_text', text: tr.t('recognitionModal.channelHint') },
      element: {
        type: 'conversations_select',
        action_id: ACTION,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(input.channelId
          ? { initial_conversation: input.channelId }
          : { default_to_current_conversation: true }),
      },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr.t('recognitionModal.careNotContest') }],
    },
  ];
  return {
    type: 'modal',
    callback_id: RECOGNITION_MODAL_CALLBACK,
    title: { type: 'plain_text', text: viewButton(tr.t('recognitionModal.title')) },
    submit: { type: 'plain_text', text: viewButton(tr.t('recognitionModal.send')) },
    close: { type: 'plain_text', text: viewButton(tr.t('recognitionModal.cancel')) },
    blocks,
  };
}

/** What a submitted recognition modal says, read from `view.state.values`. */
export interface RecognitionForm {
  recipients: string[];
  /** Raw text as typed (not escaped). */
  words: string;
  dimension: Dimension;
  visibility: 'channel' | 'private';
  channelId: string | undefined;
}

const stateSchema = z.object({
  [RECOGNITION_BLOCKS.recipients]: z
    .object({ [ACTION]: z.object({ selected_users: z.array(z.string()).nullish() }) })
    .optional(),
  [RECOGNITION_BLOCKS.words]: z.object({ [ACTION]: z.object({ value: z.string().nullish() }) }).optional(),
  [RECOGNITION_BLOCKS.dimension]: z
    .object({ [ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) })
    .optional(),
  [RECOGNITION_BLOCKS.visibility]: z
    .object({ [ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) })
    .optional(),
  [RECOGNITION_BLOCKS.channel]: z
    .object({ [ACTION]: z.object({ selected_conversation: z.string().nullish() }) })
    .optional(),
});

/**
 * Reads the submitted state. Values that are missing or malformed come back empty or as
 * defaults; semantic checks (self, bots, length, channel) belong to the caller.
 */
export function readRecognitionModal(values: unknown): RecognitionForm {
  const parsed = stateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const users = state[RECOGNITION_BLOCKS.recipients]?.[ACTION].selected_users ?? [];
  const dimension = state[RECOGNITION_BLOCKS.dimension]?.[ACTION].selected_option?.value;
  const visibility = state[RECOGNITION_BLOCKS.visibility]?.[ACTION].selected_option?.value;
  const channel = state[RECOGNITION_BLOCKS.channel]?.[ACTION].selected_conversation ?? undefined;
  return {
    recipients: [...new Set(users.filter((id) => /^[UW][A-Z0-9]{1,20}$/.test(id)))],
    words: (state[RECOGNITION_BLOCKS.words]?.[ACTION].value ?? '').trim(),
    dimension: (DIMENSIONS as readonly string[]).includes(dimension ?? '')
      ? (dimension as Dimension)
      : 'heart',
    visibility: visibility === 'private' ? 'private' : 'channel',
    channelId: channel && /^[CG][A-Z0-9]{1,20}$/.test(channel) ? channel : undefined,
  };
}

/** Inline errors of the form's own fields (before anything is asked of Slack). */
export type RecognitionFormError = 'noOne' | 'noWords' | 'noChannel';

export function recognitionFormErrorText(error: RecognitionFormError, tr: Translator = english()): string {
  return tr.t(`recognitionModal.${error}`);
}

/** Something failed on our side: shown in the modal, or by DM once it is closed. */
export function recognitionNotSentText(tr: Translator = english()): string {
  return tr.t('recognitionModal.notSent');
}

/** What the modal shows once the recognition is on its way. */
export function recognitionSentView(
  outcome: { visibility: 'channel' | 'private'; recipients: readonly string[]; channelId?: string },
  tr: Translator = english(),
): View {
  const people = listPeople(outcome.recipients, tr);
  const text =
    outcome.visibility === 'private'
      ? tr.t('recognitionModal.sentPrivately', { people })
      : tr.t('recognitionModal.posting', { people, channel: `<#${outcome.channelId}>` });
  return resultView(tr.t('recognitionModal.thankYou'), text, tr);
}

/** What the modal shows when the recognition could not be delivered. */
export function recognitionProblemView(message: string, tr: Translator = english()): View {
  return resultView(tr.t('recognitionModal.notSentTitle'), message, tr);
}

function resultView(title: string, text: string, tr: Translator): View {
  return {
    type: 'modal',
    callback_id: `${RECOGNITION_MODAL_CALLBACK}_result`,
    title: { type: 'plain_text', text: viewButton(title) },
    close: { type: 'plain_text', text: viewButton(tr.t('recognitionModal.done')) },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** "<@U1>", "<@U1> and <@U2>", "<@U1>, <@U2> and <@U3>". */
export function listPeople(ids: readonly string[], tr: Translator = english()): string {
  const mentions = ids.map((id) => `<@${id}>`);
  return tr.listFormat({ style: 'long', type: 'conjunction' }).format(mentions);
}
