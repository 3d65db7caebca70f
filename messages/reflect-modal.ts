import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension, promptHint, type Side } from './reflection-prompts.ts';
import { cleanInput, quoteMrkdwn } from './safe-text.ts';
import { weekLabel } from './week-label.ts';

/**
 * The weekly reflection modal, and the reader of what it submits. Builder and reader share the
 * ids below so they cannot drift. The reader never trusts the payload's shape: it validates with
 * zod and answers inline errors keyed by block id (Slack's `response_action: 'errors'`).
 */

export const REFLECT_MODAL_CALLBACK_ID = 'reflect_modal';
/** Answer blocks are `answer_0`, `answer_1`, … in prompt order (the prompts come from the server). */
export const ANSWER_BLOCK_PREFIX = 'answer_';
export const ANSWER_ACTION = 'answer';
export const INTENTION_BLOCK = 'intention';
export const INTENTION_ACTION = 'intention';
/** Rating blocks are `rating_soul`, `rating_heart`, `rating_mind`. */
export const RATING_BLOCK_PREFIX = 'rating_';
export const RATING_ACTION = 'rating';

/** Slack's limit for a plain_text_input. */
export const ANSWER_MAX_CHARS = 3000;
export const INTENTION_MAX_CHARS = 500;
export const MODAL_TITLE = 'Weekly reflection';

export const RATING_LABELS: Readonly<Record<0 | 1 | 2 | 3, string>> = {
  0: 'Not at all',
  1: 'A little',
  2: 'Quite a bit',
  3: 'A lot',
};

export interface ModalPrompt {
  id: string;
  dimension: Dimension;
  side?: Side;
  text: string;
}

export interface ReflectModalInput {
  weekKey: string;
  prompts: readonly ModalPrompt[];
  /** This week's saved entry, to pre-fill (editing). */
  existing?: {
    answers: Readonly<Record<string, string>>;
    intention?: string;
    ratings: Partial<Record<Dimension, number>>;
  };
  /** The intention of the person's previous reflection, quoted back. */
  lastIntention?: { text: string; weeksAgo: number };
  /** An opaque nonce the server checks on submit (never data the server trusts). */
  privateMetadata: string;
}

export const answerBlockId = (index: number) => `${ANSWER_BLOCK_PREFIX}${index}`;
export const ratingBlockId = (dimension: Dimension) => `${RATING_BLOCK_PREFIX}${dimension}`;

function ratingOption(value: 0 | 1 | 2 | 3): PlainTextOption {
  return { text: { type: 'plain_text', text: RATING_LABELS[value] }, value: String(value) };
}

function lastIntentionLead(weeksAgo: number): string {
  if (weeksAgo <= 1) return 'Last week you meant to';
  return `${weeksAgo} weeks ago you meant to`;
}

export function buildReflectModal(input: ReflectModalInput): ModalView {
  const { existing } = input;
  const editing = existing !== undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: editing
          ? `*Your reflection for the ${weekLabel(input.weekKey)}.* Change anything you like; saving replaces this week's entry.`
          : `*The ${weekLabel(input.weekKey)}.* Take a few minutes on how you led this week. One answer is enough; all three is better.`,
      },
    },
  ];
  if (input.lastIntention) {
    blocks.push({
      type: 'section',
      block_id: 'last_intention',
      text: {
        type: 'mrkdwn',
        text: `${lastIntentionLead(input.lastIntention.weeksAgo)}:\n${quoteMrkdwn(input.lastIntention.text, 600)}\n*How did it go?*`,
      },
    });
  }
  input.prompts.forEach((prompt, index) => {
    const initial = existing?.answers[prompt.id];
    const block: InputBlock = {
      type: 'input',
      block_id: answerBlockId(index),
      optional: true,
      label: { type: 'plain_text', text: prompt.text },
      hint: { type: 'plain_text', text: promptHint(prompt.dimension, prompt.side) },
      element: {
        type: 'plain_text_input',
        action_id: ANSWER_ACTION,
        multiline: true,
        max_length: ANSWER_MAX_CHARS,
        placeholder: { type: 'plain_text', text: 'A few honest sentences' },
        ...(initial ? { initial_value: initial.slice(0, ANSWER_MAX_CHARS) } : {}),
      },
    };
    blocks.push(block);
  });
  blocks.push(
    { type: 'divider' },
    {
      type: 'input',
      block_id: INTENTION_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: 'One intention for next week' },
      hint: { type: 'plain_text', text: "Next week's reflection will ask how it went." },
      element: {
        type: 'plain_text_input',
        action_id: INTENTION_ACTION,
        max_length: INTENTION_MAX_CHARS,
        placeholder: { type: 'plain_text', text: 'e.g. ask Sam what gets in the way of their work' },
        ...(existing?.intention ? { initial_value: existing.intention.slice(0, INTENTION_MAX_CHARS) } : {}),
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*How much did each show up in how you led this week?* (optional)' },
    },
  );
  for (const dimension of DIMENSIONS) {
    const current = existing?.ratings[dimension];
    blocks.push({
      type: 'input',
      block_id: ratingBlockId(dimension),
      optional: true,
      label: { type: 'plain_text', text: DIMENSION_LABELS[dimension] },
      element: {
        type: 'static_select',
        action_id: RATING_ACTION,
        placeholder: { type: 'plain_text', text: 'Choose' },
        options: ([0, 1, 2, 3] as const).map(ratingOption),
        ...(current === 0 || current === 1 || current === 2 || current === 3
          ? { initial_option: ratingOption(current) }
          : {}),
      },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: ':lock: Private: only you can ever read your reflections. `/reflect export` and `/reflect forget` are yours too.',
      },
    ],
  });
  return {
    type: 'modal',
    callback_id: REFLECT_MODAL_CALLBACK_ID,
    title: { type: 'plain_text', text: MODAL_TITLE },
    submit: { type: 'plain_text', text: editing ? 'Save changes' : 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: input.privateMetadata,
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a submission
// ---------------------------------------------------------------------------------------------

export interface ReflectSubmission {
  /** One entry per prompt, in prompt order; undefined when left empty. */
  answers: (string | undefined)[];
  intention?: string;
  ratings: Partial<Record<Dimension, 0 | 1 | 2 | 3>>;
}

export type ReadResult =
  | { ok: true; value: ReflectSubmission }
  | { ok: false; errors: Record<string, string> };

const stateValueSchema = z.looseObject({
  type: z.string().optional(),
  value: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
});
const stateValuesSchema = z.record(z.string(), z.record(z.string(), stateValueSchema));

export const EMPTY_REFLECTION_ERROR =
  'Write something for at least one prompt before saving (a sentence is enough).';
export const UNREADABLE_FORM_ERROR =
  'This form could not be read. Nothing was saved; please close it and type /reflect again.';
export const FORGED_VIEW_ERROR =
  'This form was not opened for you by Throughline, or it has expired. Nothing was saved: copy your text, close this and type /reflect again.';
export const SAVE_FAILED_ERROR =
  'Saving failed on our side; your text is still here. Please press Save again in a minute.';

/** The ephemeral reply when `/reflect` (or a "Reflect now" button) could not open the modal. */
export const MODAL_DID_NOT_OPEN_TEXT =
  'Sorry, the reflection window could not open just now, and nothing was changed. Please try `/reflect` again in a moment.';

function tooLong(length: number, max: number): string {
  return `This is ${length.toLocaleString('en-US')} characters; the limit is ${max.toLocaleString('en-US')}. Please shorten it.`;
}

/** Reads `view.state.values` for a modal that showed `promptCount` prompts. */
export function readReflectSubmission(values: unknown, promptCount: number): ReadResult {
  const parsed = stateValuesSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [answerBlockId(0)]: UNREADABLE_FORM_ERROR } };
  const state = parsed.data;
  const errors: Record<string, string> = {};
  const textOf = (blockId: string, actionId: string): string | undefined => {
    const raw = state[blockId]?.[actionId]?.value;
    if (typeof raw !== 'string') return undefined;
    const cleaned = cleanInput(raw);
    return cleaned === '' ? undefined : cleaned;
  };

  const answers: (string | undefined)[] = [];
  for (let index = 0; index < promptCount; index++) {
    const blockId = answerBlockId(index);
    const answer = textOf(blockId, ANSWER_ACTION);
    if (answer !== undefined && answer.length > ANSWER_MAX_CHARS)
      errors[blockId] = tooLong(answer.length, ANSWER_MAX_CHARS);
    answers.push(answer);
  }
  const intention = textOf(INTENTION_BLOCK, INTENTION_ACTION);
  if (intention !== undefined && intention.length > INTENTION_MAX_CHARS) {
    errors[INTENTION_BLOCK] = tooLong(intention.length, INTENTION_MAX_CHARS);
  }
  const ratings: ReflectSubmission['ratings'] = {};
  for (const dimension of DIMENSIONS) {
    const selected = state[ratingBlockId(dimension)]?.[RATING_ACTION]?.selected_option?.value;
    if (selected === undefined) continue;
    if (selected === '0' || selected === '1' || selected === '2' || selected === '3') {
      ratings[dimension] = Number(selected) as 0 | 1 | 2 | 3;
    } else {
      errors[ratingBlockId(dimension)] = 'Please choose one of the options.';
    }
  }
  if (answers.every((answer) => answer === undefined) && !errors[answerBlockId(0)]) {
    errors[answerBlockId(0)] = EMPTY_REFLECTION_ERROR;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { answers, ...(intention !== undefined ? { intention } : {}), ratings } };
}
