import type { KnownBlock } from '@slack/types';
import { dimensionName } from './dimension-text.ts';
import { english, type Translator } from './i18n.ts';
import { DIMENSIONS, type Dimension } from './reflection-prompts.ts';
import { escapeWithin, quoteMrkdwn } from './safe-text.ts';
import { weekLabel } from './week-label.ts';

/**
 * How one of a person's own reflections is shown back to them (history, App Home). Every piece of
 * their text is escaped, so mention syntax they typed shows as text and never pings anyone.
 */
export interface ShownReflection {
  weekKey: string;
  prompts: readonly { dimension: Dimension; text: string; answer?: string }[];
  intention?: string;
  ratings: Partial<Record<Dimension, number>>;
  /** Fields that could not be decrypted. */
  unreadable: readonly string[];
}

/** Shown where a field could not be decrypted. */
export function unreadableNote(tr: Translator = english()): string {
  return tr.t('reflectionView.unreadable');
}

function ratingWord(rating: number, tr: Translator): string {
  return rating === 0 || rating === 1 || rating === 2 || rating === 3
    ? tr.t(`reflectionView.rating.${rating}`)
    : String(rating);
}

export function ratingsLine(
  ratings: ShownReflection['ratings'],
  tr: Translator = english(),
): string | undefined {
  const parts = DIMENSIONS.filter((d) => ratings[d] !== undefined).map((d) =>
    tr.t('reflectionView.ratingPart', {
      dimension: dimensionName(d, tr),
      rating: ratingWord(ratings[d] ?? 0, tr),
    }),
  );
  return parts.length > 0 ? tr.t('reflectionView.ratings', { parts: parts.join(' · ') }) : undefined;
}

/**
 * Blocks for one reflection: a title, one section per answered prompt, the intention and the
 * ratings. `maxAnswerChars` bounds each answer so a surface stays inside Slack's limits.
 */
export function reflectionBlocks(
  reflection: ShownReflection,
  maxAnswerChars: number,
  tr: Translator = english(),
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${weekLabel(reflection.weekKey, tr)}*` } },
  ];
  reflection.prompts.forEach((prompt, index) => {
    const unreadable = reflection.unreadable.some((field) => field.startsWith('answer:')) && !prompt.answer;
    if (!prompt.answer && !unreadable) return;
    const body = prompt.answer ? quoteMrkdwn(prompt.answer, maxAnswerChars) : `>${unreadableNote(tr)}`;
    blocks.push({
      type: 'section',
      block_id: `${reflection.weekKey}-answer-${index}`,
      text: { type: 'mrkdwn', text: `_${escapeWithin(prompt.text, 200)}_\n${body}` },
    });
  });
  if (reflection.intention || reflection.unreadable.includes('intention')) {
    const intention = reflection.intention
      ? // A whole intention (500 typed characters, at most 2,500 once escaped) fits a section.
        escapeWithin(reflection.intention, 2500)
      : unreadableNote(tr);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: tr.t('reflectionView.intention', { intention }) },
    });
  }
  const ratings = ratingsLine(reflection.ratings, tr);
  if (ratings) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: ratings }] });
  return blocks;
}
