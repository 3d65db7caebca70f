import type { KnownBlock } from '@slack/types';

/** `/reflect forget`: the ephemeral confirmation, and what the person sees after choosing. */
export const FORGET_CONFIRM_ACTION = 'reflect_forget_confirm';
export const FORGET_CANCEL_ACTION = 'reflect_forget_cancel';

export interface EphemeralMessage {
  response_type: 'ephemeral';
  text: string;
  blocks: KnownBlock[];
  replace_original?: boolean;
}

export function forgetConfirmMessage(): EphemeralMessage {
  const text =
    '*Delete all of your Throughline data?* This removes every reflection, intention and rating, your ' +
    'nudge schedule and anything scheduled for you, and everything else Throughline keeps about you. ' +
    'It cannot be undone. (`/reflect export` first if you want a copy.)';
  return {
    response_type: 'ephemeral',
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: 'forget_confirm',
        elements: [
          {
            type: 'button',
            action_id: FORGET_CONFIRM_ACTION,
            style: 'danger',
            text: { type: 'plain_text', text: 'Delete everything' },
            value: 'forget',
            confirm: {
              title: { type: 'plain_text', text: 'Delete everything?' },
              text: {
                type: 'plain_text',
                text: 'All of your reflections and settings will be gone for good.',
              },
              confirm: { type: 'plain_text', text: 'Delete' },
              deny: { type: 'plain_text', text: 'Keep my data' },
              style: 'danger',
            },
          },
          {
            type: 'button',
            action_id: FORGET_CANCEL_ACTION,
            text: { type: 'plain_text', text: 'Cancel' },
            value: 'cancel',
          },
        ],
      },
    ],
  };
}

export function forgetDoneMessage(failedSections: readonly string[]): EphemeralMessage {
  const text =
    failedSections.length === 0
      ? 'Done: everything Throughline kept about you is deleted, including anything scheduled for you. If you use it again, it starts fresh.'
      : `Most of your data is deleted, but some could not be removed right now (${failedSections.join(', ')}). Please run \`/reflect forget\` again in a minute.`;
  return {
    response_type: 'ephemeral',
    replace_original: true,
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

export function forgetCancelledMessage(): EphemeralMessage {
  const text = 'Nothing was deleted.';
  return {
    response_type: 'ephemeral',
    replace_original: true,
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
