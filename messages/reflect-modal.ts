import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { dimensionHint, dimensionLabel } from './dimension-text.ts';
import { english, type Translator } from './i18n.ts';
import { DIMENSIONS, type Dimension, type Side } from './reflection-prompts.ts';
import { cleanInput, quoteMrkdwn, viewButton } from './safe-text.ts';
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

function ratingOption(value: 0 | 1 | 2 | 3, tr: Translator): PlainTextOption {
  return { text: { type: 'plain_text', text: tr.t(`reflectModal.rating.${value}`) }, value: String(value) };
}

export function buildReflectModal(input: ReflectModalInput, tr: Translator = english()): ModalView {
  const { existing } = input;
  const week = weekLabel(input.weekKey, tr);
  const editing = existing !== undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: tr.t(editing ? 'reflectModal.editingIntro' : 'reflectModal.intro', { week }),
      },
    },
  ];
  if (input.lastIntention) {
    blocks.push({
      type: 'section',
      block_id: 'last_intention',
      text: {
        type: 'mrkdwn',
        text: tr.t('reflectModal.lastIntention', {
          weeksAgo: Math.max(1, input.lastIntention.weeksAgo),
          intention: quoteMrkdwn(input.lastIntention.text, 600),
        }),
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
      hint: { type: 'plain_text', text: dimensionHint(prompt.dimension, prompt.side, tr) },
      element: {
        type: 'plain_text_input',
        action_id: ANSWER_ACTION,
        multiline: true,
        max_length: ANSWER_MAX_CHARS,
        placeholder: { type: 'plain_text', text: tr.t('reflectModal.answerPlaceholder') },
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
      label: { type: 'plain_text', text: tr.t('reflectModal.intentionLabel') },
      hint: { type: 'plain_text', text: tr.t('reflectModal.intentionHint') },
      element: {
        type: 'plain_text_input',
        action_id: INTENTION_ACTION,
        max_length: INTENTION_MAX_CHARS,
        placeholder: { type: 'plain_text', text: tr.t('reflectModal.intentionPlaceholder') },
        ...(existing?.intention ? { initial_value: existing.intention.slice(0, INTENTION_MAX_CHARS) } : {}),
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: tr.t('reflectModal.ratingsTitle') },
    },
  );
  for (const dimension of DIMENSIONS) {
    const current = existing?.ratings[dimension];
    blocks.push({
      type: 'input',
      block_id: ratingBlockId(dimension),
      optional: true,
      label: { type: 'plain_text', text: dimensionLabel(dimension, tr) },
      element: {
        type: 'static_select',
        action_id: RATING_ACTION,
        placeholder: { type: 'plain_text', text: tr.t('reflectModal.choose') },
        options: ([0, 1, 2, 3] as const).map((value) => ratingOption(value, tr)),
        ...(current === 0 || current === 1 || current === 2 || current === 3
          ? { initial_option: ratingOption(current, tr) }
          : {}),
      },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: tr.t('reflectModal.privacy'),
      },
    ],
  });
  return {
    type: 'modal',
    callback_id: REFLECT_MODAL_CALLBACK_ID,
    title: { type: 'plain_text', text: viewButton(tr.t('reflectModal.title')) },
    submit: {
      type: 'plain_text',
      text: viewButton(tr.t(editing ? 'reflectModal.saveChanges' : 'reflectModal.save')),
    },
    close: { type: 'plain_text', text: viewButton(tr.t('reflectModal.cancel')) },
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

/** The form's own errors, and what the person reads when it could not be saved or opened. */
export type ReflectFormError = 'empty' | 'unreadable' | 'forged' | 'saveFailed' | 'didNotOpen';

export function reflectFormErrorText(error: ReflectFormError, tr: Translator = english()): string {
  return tr.t(`reflectModal.${error}`);
}

/** @deprecated English only: use reflectFormErrorText('empty', tr). */
export const EMPTY_REFLECTION_ERROR = reflectFormErrorText('empty');

function tooLong(length: number, max: number, tr: Translator): string {
  return tr.t('reflectModal.tooLong', { length, max });
}

/** Reads `view.state.values` for a modal that showed `promptCount` prompts. */
export function readReflectSubmission(
  values: unknown,
  promptCount: number,
  tr: Translator = english(),
): ReadResult {
  const parsed = stateValuesSchema.safeParse(values);
  if (!parsed.success)
    return { ok: false, errors: { [answerBlockId(0)]: reflectFormErrorText('unreadable', tr) } };
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
      errors[blockId] = tooLong(answer.length, ANSWER_MAX_CHARS, tr);
    answers.push(answer);
  }
  const intention = textOf(INTENTION_BLOCK, INTENTION_ACTION);
  if (intention !== undefined && intention.length > INTENTION_MAX_CHARS) {
    errors[INTENTION_BLOCK] = tooLong(intention.length, INTENTION_MAX_CHARS, tr);
  }
  const ratings: ReflectSubmission['ratings'] = {};
  for (const dimension of DIMENSIONS) {
    const selected = state[ratingBlockId(dimension)]?.[RATING_ACTION]?.selected_option?.value;
    if (selected === undefined) continue;
    if (selected === '0' || selected === '1' || selected === '2' || selected === '3') {
      ratings[dimension] = Number(selected) as 0 | 1 | 2 | 3;
    } else {
      errors[ratingBlockId(dimension)] = tr.t('reflectModal.chooseOption');
    }
  }
  if (answers.every((answer) => answer === undefined) && !errors[answerBlockId(0)]) {
    errors[answerBlockId(0)] = reflectFormErrorText('empty', tr);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { answers, ...(intention !== undefined ? { intention } : {}), ratings } };
}
