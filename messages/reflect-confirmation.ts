import type { KnownBlock } from '@slack/types';
import { english, type Translator } from './i18n.ts';
import { weekLabel } from './week-label.ts';

/**
 * The private confirmation sent after a reflection is saved (a DM from the app).
 *
 * The "Nudge me weekly" button belongs to the nudge feature: its action id is
 * `NUDGE_OPT_IN_ACTION`, and the nudge feature registers the handler (the button's `value` says
 * where it was clicked).
 */
export const NUDGE_OPT_IN_ACTION = 'nudge_opt_in';

export interface SavedMessage {
  text: string;
  blocks: KnownBlock[];
}

export function reflectionSavedMessage(
  input: {
    weekKey: string;
    created: boolean;
    offerNudge: boolean;
    streak?: number;
  },
  tr: Translator = english(),
): SavedMessage {
  const week = weekLabel(input.weekKey, tr);
  const what = tr.t(input.created ? 'reflectConfirmation.saved' : 'reflectConfirmation.updated', { week });
  const streak =
    input.streak && input.streak > 1 ? tr.t('reflectConfirmation.streak', { count: input.streak }) : '';
  const text = `${what}${streak}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: tr.t('reflectConfirmation.savedLine', { text }) } },
  ];
  if (input.offerNudge) {
    blocks.push(
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: tr.t('reflectConfirmation.offer'),
        },
      },
      {
        type: 'actions',
        block_id: 'nudge_offer',
        elements: [
          {
            type: 'button',
            action_id: NUDGE_OPT_IN_ACTION,
            text: { type: 'plain_text', text: tr.t('reflectConfirmation.nudgeMe') },
            value: 'reflection_saved',
          },
        ],
      },
    );
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: tr.t('reflectConfirmation.note'),
      },
    ],
  });
  return { text, blocks };
}
