import type { Button } from '@slack/types';
import { english, type Translator } from './i18n.ts';

/**
 * The "Reflect now" button. Its clicks are handled in one place (src/reflect/listeners/reflect-now.ts),
 * which opens this week's reflection modal with the click's trigger_id. Any surface (App Home, the
 * weekly nudge DM) can render it; do not register a second handler for this action id.
 */
export const REFLECT_NOW_ACTION = 'reflect_now';

export function reflectNowButton(label?: string, value = 'home', tr: Translator = english()): Button {
  return {
    type: 'button',
    action_id: REFLECT_NOW_ACTION,
    style: 'primary',
    text: { type: 'plain_text', text: label ?? tr.t('reflectNowButton.label') },
    value,
  };
}
