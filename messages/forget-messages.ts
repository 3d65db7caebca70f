import type { KnownBlock } from '@slack/types';
import { english, type Translator } from './i18n.ts';

/** `/reflect forget`: the ephemeral confirmation, and what the person sees after choosing. */
export const FORGET_CONFIRM_ACTION = 'reflect_forget_confirm';
export const FORGET_CANCEL_ACTION = 'reflect_forget_cancel';

export interface EphemeralMessage {
  response_type: 'ephemeral';
  text: string;
  blocks: KnownBlock[];
  replace_original?: boolean;
}

export function forgetConfirmMessage(tr: Translator = english()): EphemeralMessage {
  const text = tr.t('forgetMessages.confirm');
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
            text: { type: 'plain_text', text: tr.t('forgetMessages.deleteEverything') },
            value: 'forget',
            confirm: {
              title: { type: 'plain_text', text: tr.t('forgetMessages.confirmTitle') },
              text: { type: 'plain_text', text: tr.t('forgetMessages.confirmText') },
              confirm: { type: 'plain_text', text: tr.t('forgetMessages.confirmButton') },
              deny: { type: 'plain_text', text: tr.t('forgetMessages.deny') },
              style: 'danger',
            },
          },
          {
            type: 'button',
            action_id: FORGET_CANCEL_ACTION,
            text: { type: 'plain_text', text: tr.t('forgetMessages.cancel') },
            value: 'cancel',
          },
        ],
      },
    ],
  };
}

export function forgetDoneMessage(
  failedSections: readonly string[],
  tr: Translator = english(),
): EphemeralMessage {
  const text =
    failedSections.length === 0
      ? tr.t('forgetMessages.done')
      : tr.t('forgetMessages.partlyDone', { sections: failedSections.join(', ') });
  return {
    response_type: 'ephemeral',
    replace_original: true,
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

export function forgetCancelledMessage(tr: Translator = english()): EphemeralMessage {
  const text = tr.t('forgetMessages.cancelled');
  return {
    response_type: 'ephemeral',
    replace_original: true,
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
