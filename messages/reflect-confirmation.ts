import type { KnownBlock } from '@slack/types';
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

export function reflectionSavedMessage(input: {
  weekKey: string;
  created: boolean;
  offerNudge: boolean;
  streak?: number;
}): SavedMessage {
  const what = input.created ? 'Saved your reflection' : 'Updated your reflection';
  const streak = input.streak && input.streak > 1 ? ` That makes ${input.streak} weeks in a row.` : '';
  const text = `${what} for the ${weekLabel(input.weekKey)}. Only you can read it.${streak}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: ${text}` } },
  ];
  if (input.offerNudge) {
    blocks.push(
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Want a gentle reminder once a week, at a time you choose, in your own time zone?',
        },
      },
      {
        type: 'actions',
        block_id: 'nudge_offer',
        elements: [
          {
            type: 'button',
            action_id: NUDGE_OPT_IN_ACTION,
            text: { type: 'plain_text', text: 'Nudge me weekly' },
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
        text: '`/reflect history` shows your recent reflections; `/reflect` edits this week.',
      },
    ],
  });
  return { text, blocks };
}
