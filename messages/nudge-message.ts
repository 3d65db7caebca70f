import type { KnownBlock } from '@slack/types';
import { weekKeySchema } from '#src/schedule/iso-week.ts';
import { dimensionLabel } from './dimension-text.ts';
import { english, type Translator } from './i18n.ts';
import type { ReflectionPrompt } from './reflection-prompts.ts';
import { escapeMrkdwn, quoteMrkdwn } from './safe-text.ts';

/**
 * The weekly nudge DM, its one follow-up, and what replaces them once a button was pressed.
 * The action ids are created here and read here (`readNudgeAction`), so they cannot drift apart.
 * Every button carries the ISO week it belongs to, so a click on an old nudge acts on its own week.
 */
export const NUDGE_ACTIONS = {
  reflectNow: 'nudge_reflect_now',
  snooze: 'nudge_snooze',
  tomorrow: 'nudge_tomorrow',
  skipWeek: 'nudge_skip_week',
} as const;

export type NudgeActionId = (typeof NUDGE_ACTIONS)[keyof typeof NUDGE_ACTIONS];
export const NUDGE_ACTION_IDS: readonly NudgeActionId[] = Object.values(NUDGE_ACTIONS);

/** How long "Snooze" waits. */
export const SNOOZE_HOURS = 2;

/** Blocks another feature may add to the nudge (e.g. the care radar); kept to a few. */
export type ExtraBlocks = readonly KnownBlock[];

export interface NudgeMessageInput {
  weekKey: string;
  prompt: ReflectionPrompt;
  /** Last week's intention, as the person wrote it (escaped and shortened here). */
  lastIntention?: string;
  /** "Fridays at 16:00 (Europe/Berlin)", shown small at the bottom. */
  scheduleText: string;
  /** Whether Snooze / Tomorrow are still offered this week. */
  canSnooze: boolean;
  /** This is a redelivery after Snooze or Tomorrow. */
  again?: boolean;
  extraBlocks?: ExtraBlocks;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const MAX_INTENTION_CHARS = 500;
const MAX_EXTRA_BLOCKS = 10;

function button(text: string, actionId: NudgeActionId, weekKey: string, primary = false) {
  return {
    type: 'button' as const,
    text: { type: 'plain_text' as const, text, emoji: true },
    action_id: actionId,
    value: weekKey,
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

export function nudgeMessage(input: NudgeMessageInput, tr: Translator = english()): SlackMessage {
  const intro = tr.t(input.again ? 'nudgeMessage.introAgain' : 'nudgeMessage.intro');
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: intro } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${tr.t('nudgeMessage.promptTitle', { dimension: dimensionLabel(input.prompt.dimension, tr) })}\n${escapeMrkdwn(input.prompt.text)}`,
      },
    },
  ];
  if (input.lastIntention && input.lastIntention.trim() !== '') {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: tr.t('nudgeMessage.lastIntention', {
          intention: quoteMrkdwn(input.lastIntention.trim(), MAX_INTENTION_CHARS),
        }),
      },
    });
  }
  blocks.push(...(input.extraBlocks ?? []).slice(0, MAX_EXTRA_BLOCKS));
  const buttons = [button(tr.t('nudgeMessage.reflectNow'), NUDGE_ACTIONS.reflectNow, input.weekKey, true)];
  if (input.canSnooze) {
    buttons.push(
      button(tr.t('nudgeMessage.snooze', { hours: SNOOZE_HOURS }), NUDGE_ACTIONS.snooze, input.weekKey),
    );
    buttons.push(button(tr.t('nudgeMessage.tomorrow'), NUDGE_ACTIONS.tomorrow, input.weekKey));
  }
  buttons.push(button(tr.t('nudgeMessage.skipWeek'), NUDGE_ACTIONS.skipWeek, input.weekKey));
  blocks.push({ type: 'actions', block_id: 'nudge_actions', elements: buttons });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: tr.t('nudgeMessage.scheduleNote', { schedule: input.scheduleText }),
      },
    ],
  });
  return { text: tr.t('nudgeMessage.notification', { intro, prompt: input.prompt.text }), blocks };
}

/** The one gentle follow-up, sent only if the nudge was not acted on. */
export function nudgeFollowUpMessage(
  input: { weekKey: string; prompt: ReflectionPrompt },
  tr: Translator = english(),
): SlackMessage {
  const text = tr.t('nudgeMessage.followUp');
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `_${escapeMrkdwn(input.prompt.text)}_` }] },
      {
        type: 'actions',
        block_id: 'nudge_actions',
        elements: [
          button(tr.t('nudgeMessage.reflectNow'), NUDGE_ACTIONS.reflectNow, input.weekKey, true),
          button(tr.t('nudgeMessage.skipWeek'), NUDGE_ACTIONS.skipWeek, input.weekKey),
        ],
      },
    ],
  };
}

/** What the nudge turns into after a button press (replaces the original message). */
export function nudgeAcknowledgement(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export type NudgeAction = { action: NudgeActionId; weekKey: string };

/** Reads a clicked nudge button; undefined for anything this file did not build. */
export function readNudgeAction(actionId: string, value: unknown): NudgeAction | undefined {
  if (!(NUDGE_ACTION_IDS as readonly string[]).includes(actionId)) return undefined;
  const weekKey = weekKeySchema.safeParse(value);
  if (!weekKey.success) return undefined;
  return { action: actionId as NudgeActionId, weekKey: weekKey.data };
}
