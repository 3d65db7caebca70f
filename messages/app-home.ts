import type { HomeView, KnownBlock } from '@slack/types';
import { dimensionDescription, dimensionLabel } from './dimension-text.ts';
import { english, type Translator } from './i18n.ts';
import { reflectNowButton } from './reflect-now-button.ts';
import { DIMENSIONS, type Dimension } from './reflection-prompts.ts';
import { reflectionBlocks, type ShownReflection } from './reflection-view.ts';
import { escapeWithin } from './safe-text.ts';
import { weekLabel } from './week-label.ts';

/**
 * The App Home tab of one person: their streak, this week's status with a "Reflect now" button, the
 * soul/heart/mind balance, their own recent reflections, then sections other features add
 * (schedule controls, care radar). Always inside Slack's 100-block limit: extra sections that do
 * not fit are left out with a note.
 */
export const HOME_MAX_BLOCKS = 100;
export const HOME_RECENT_COUNT = 3;
const HOME_ANSWER_CHARS = 280;

export interface HomeModel {
  weekKey: string;
  reflectedThisWeek: boolean;
  /** Weeks reflected in a row (paused weeks skipped). */
  streak: number;
  /** Weeks (of the last `balanceWeeks`) in which each dimension was answered. */
  balance: Record<Dimension, number>;
  balanceWeeks: number;
  /** Weeks the person reflected in all. */
  totalWeeks: number;
  recent: readonly ShownReflection[];
  lastIntention?: { text: string; weeksAgo: number };
}

function bar(count: number, of: number): string {
  const filled = Math.max(0, Math.min(of, count));
  return `${'●'.repeat(filled)}${'○'.repeat(of - filled)}`;
}

function statusBlocks(model: HomeModel, tr: Translator): KnownBlock[] {
  const week = weekLabel(model.weekKey, tr);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'this_week',
      text: {
        type: 'mrkdwn',
        text: tr.t(model.reflectedThisWeek ? 'appHome.reflectedThisWeek' : 'appHome.notReflectedThisWeek', {
          week,
        }),
      },
      accessory: reflectNowButton(
        tr.t(model.reflectedThisWeek ? 'appHome.editThisWeek' : 'appHome.reflectNow'),
        'home',
      ),
    },
  ];
  if (model.lastIntention && !model.reflectedThisWeek) {
    const text = tr.t('appHome.lastIntentionLead', {
      weeksAgo: Math.max(1, model.lastIntention.weeksAgo),
      intention: escapeWithin(model.lastIntention.text, 300),
    });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  const streakText =
    model.streak === 0
      ? model.totalWeeks === 0
        ? tr.t('appHome.streakNoneYet')
        : tr.t('appHome.streakNoneNow')
      : tr.t('appHome.streak', { count: model.streak });
  blocks.push(
    { type: 'section', block_id: 'streak', text: { type: 'mrkdwn', text: streakText } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr.t('appHome.streakPauseNote') }],
    },
  );
  return blocks;
}

function balanceBlocks(model: HomeModel, tr: Translator): KnownBlock[] {
  if (model.totalWeeks === 0) {
    const lines = DIMENSIONS.map((d) =>
      tr.t('appHome.dimensionLine', {
        label: dimensionLabel(d, tr),
        description: dimensionDescription(d, tr),
      }),
    ).join('\n');
    return [
      {
        type: 'section',
        block_id: 'balance',
        text: { type: 'mrkdwn', text: `${tr.t('appHome.dimensionsIntro')}\n${lines}` },
      },
    ];
  }
  const lines = DIMENSIONS.map((d) =>
    tr.t('appHome.balanceLine', {
      bar: `\`${bar(model.balance[d], model.balanceWeeks)}\``,
      label: dimensionLabel(d, tr),
      count: model.balance[d],
      weeks: model.balanceWeeks,
    }),
  ).join('\n');
  return [
    {
      type: 'section',
      block_id: 'balance',
      text: {
        type: 'mrkdwn',
        text: `${tr.t('appHome.balanceTitle', { weeks: model.balanceWeeks })}\n${lines}`,
      },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr.t('appHome.balanceNote') }],
    },
  ];
}

function recentBlocks(model: HomeModel, tr: Translator): KnownBlock[] {
  if (model.recent.length === 0) return [];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: tr.t('appHome.recentHeader') } },
  ];
  for (const reflection of model.recent.slice(0, HOME_RECENT_COUNT)) {
    blocks.push(...reflectionBlocks(reflection, HOME_ANSWER_CHARS, tr));
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: tr.t('appHome.recentNote') }],
  });
  return blocks;
}

function footer(tr: Translator): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: tr.t('appHome.footer') }] };
}

export function buildAppHome(
  model: HomeModel,
  extraSections: readonly (readonly KnownBlock[])[] = [],
  tr: Translator = english(),
): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: tr.t('appHome.header') } },
    ...statusBlocks(model, tr),
    { type: 'divider' },
    ...balanceBlocks(model, tr),
  ];
  const recent = recentBlocks(model, tr);
  if (recent.length > 0) blocks.push({ type: 'divider' }, ...recent);

  // Room left after the footer (divider + context) and the note that something was left out.
  const room = HOME_MAX_BLOCKS - blocks.length - 3;
  let used = 0;
  let leftOut = false;
  for (const section of extraSections) {
    if (section.length === 0) continue;
    if (used + section.length + 1 > room) {
      leftOut = true;
      continue;
    }
    blocks.push({ type: 'divider' }, ...section);
    used += section.length + 1;
  }
  if (leftOut) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr.t('appHome.leftOut') }],
    });
  }
  blocks.push({ type: 'divider' }, footer(tr));
  return { type: 'home', blocks: blocks.slice(0, HOME_MAX_BLOCKS) };
}
