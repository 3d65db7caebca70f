import type { HomeView, KnownBlock } from '@slack/types';
import { reflectNowButton } from './reflect-now-button.ts';
import {
  DIMENSION_DESCRIPTIONS,
  DIMENSION_LABELS,
  DIMENSIONS,
  type Dimension,
} from './reflection-prompts.ts';
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

function statusBlocks(model: HomeModel): KnownBlock[] {
  const week = weekLabel(model.weekKey);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'this_week',
      text: {
        type: 'mrkdwn',
        text: model.reflectedThisWeek
          ? `:white_check_mark: *You reflected this week* (${week}). You can still change it.`
          : `*This week* (${week}): not reflected yet. Five quiet minutes is enough.`,
      },
      accessory: reflectNowButton(model.reflectedThisWeek ? 'Edit this week' : 'Reflect now', 'home'),
    },
  ];
  if (model.lastIntention && !model.reflectedThisWeek) {
    const lead =
      model.lastIntention.weeksAgo <= 1
        ? 'Last week you meant to'
        : `${model.lastIntention.weeksAgo} weeks ago you meant to`;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${lead}: _${escapeWithin(model.lastIntention.text, 300)}_` }],
    });
  }
  const streakText =
    model.streak === 0
      ? model.totalWeeks === 0
        ? '*Streak:* none yet. Your first reflection starts it.'
        : '*Streak:* none right now. Reflect this week to start a new one.'
      : `*Streak:* ${model.streak} ${model.streak === 1 ? 'week' : 'weeks'} in a row`;
  blocks.push(
    { type: 'section', block_id: 'streak', text: { type: 'mrkdwn', text: streakText } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Weeks you pause nudges (holidays) do not break a streak.' }],
    },
  );
  return blocks;
}

function balanceBlocks(model: HomeModel): KnownBlock[] {
  if (model.totalWeeks === 0) {
    const lines = DIMENSIONS.map((d) => `*${DIMENSION_LABELS[d]}*: ${DIMENSION_DESCRIPTIONS[d]}`).join('\n');
    return [
      {
        type: 'section',
        block_id: 'balance',
        text: { type: 'mrkdwn', text: `*Leading through, in three dimensions*\n${lines}` },
      },
    ];
  }
  const lines = DIMENSIONS.map(
    (d) =>
      `\`${bar(model.balance[d], model.balanceWeeks)}\` ${DIMENSION_LABELS[d]}: ${model.balance[d]} of ${model.balanceWeeks} weeks`,
  ).join('\n');
  return [
    {
      type: 'section',
      block_id: 'balance',
      text: {
        type: 'mrkdwn',
        text: `*Soul, heart and mind over the last ${model.balanceWeeks} weeks*\n${lines}`,
      },
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Your prompts lean towards the dimension you have practiced least.' },
      ],
    },
  ];
}

function recentBlocks(model: HomeModel): KnownBlock[] {
  if (model.recent.length === 0) return [];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your recent reflections' } },
  ];
  for (const reflection of model.recent.slice(0, HOME_RECENT_COUNT)) {
    blocks.push(...reflectionBlocks(reflection, HOME_ANSWER_CHARS));
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Only you can see this. `/reflect history` shows more.' }],
  });
  return blocks;
}

const FOOTER: KnownBlock = {
  type: 'context',
  elements: [
    {
      type: 'mrkdwn',
      text: ':lock: Your reflections are private: only you can read them. `/reflect export` sends you all of your data; `/reflect forget` deletes it.',
    },
  ],
};

export function buildAppHome(
  model: HomeModel,
  extraSections: readonly (readonly KnownBlock[])[] = [],
): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your weekly reflection' } },
    ...statusBlocks(model),
    { type: 'divider' },
    ...balanceBlocks(model),
  ];
  const recent = recentBlocks(model);
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
      elements: [{ type: 'mrkdwn', text: 'Some sections were left out to fit on this page.' }],
    });
  }
  blocks.push({ type: 'divider' }, FOOTER);
  return { type: 'home', blocks: blocks.slice(0, HOME_MAX_BLOCKS) };
}
