import type { KnownBlock } from '@slack/types';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension } from './reflection-prompts.ts';
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

const RATING_WORDS = ['not at all', 'a little', 'quite a bit', 'a lot'];
export const UNREADABLE_NOTE = '_(encrypted with a key this server no longer has)_';

export function ratingsLine(ratings: ShownReflection['ratings']): string | undefined {
  const parts = DIMENSIONS.filter((d) => ratings[d] !== undefined).map(
    (d) => `${DIMENSION_LABELS[d].split(' · ')[0]}: ${RATING_WORDS[ratings[d] ?? 0] ?? ratings[d]}`,
  );
  return parts.length > 0 ? `How much each showed up: ${parts.join(' · ')}` : undefined;
}

/**
 * Blocks for one reflection: a title, one section per answered prompt, the intention and the
 * ratings. `maxAnswerChars` bounds each answer so a surface stays inside Slack's limits.
 */
export function reflectionBlocks(reflection: ShownReflection, maxAnswerChars: number): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${weekLabel(reflection.weekKey)}*` } },
  ];
  reflection.prompts.forEach((prompt, index) => {
    const unreadable = reflection.unreadable.some((field) => field.startsWith('answer:')) && !prompt.answer;
    if (!prompt.answer && !unreadable) return;
    const body = prompt.answer ? quoteMrkdwn(prompt.answer, maxAnswerChars) : `>${UNREADABLE_NOTE}`;
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
      : UNREADABLE_NOTE;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Intention:* ${intention}` } });
  }
  const ratings = ratingsLine(reflection.ratings);
  if (ratings) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: ratings }] });
  return blocks;
}
