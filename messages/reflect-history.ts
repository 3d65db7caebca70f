import type { KnownBlock } from '@slack/types';
import { english, type Translator } from './i18n.ts';
import { reflectionBlocks, type ShownReflection } from './reflection-view.ts';

/** `/reflect history`: the caller's own recent reflections, newest first, as an ephemeral reply. */
export const HISTORY_LIMIT = 5;
/** Keeps the reply well inside a message's 50 blocks and Slack's message size. */
const HISTORY_ANSWER_CHARS = 1500;

export interface HistoryMessage {
  response_type: 'ephemeral';
  text: string;
  blocks: KnownBlock[];
}

export function reflectHistoryMessage(
  reflections: readonly ShownReflection[],
  totalWeeks: number,
  tr: Translator = english(),
): HistoryMessage {
  if (reflections.length === 0) {
    const text = tr.t('reflectHistory.none');
    return {
      response_type: 'ephemeral',
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    };
  }
  const shown = reflections.slice(0, HISTORY_LIMIT);
  const intro =
    totalWeeks > shown.length
      ? tr.t('reflectHistory.someOf', { shown: shown.length, total: totalWeeks })
      : tr.t('reflectHistory.all');
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: intro } }];
  for (const reflection of shown) {
    blocks.push({ type: 'divider' }, ...reflectionBlocks(reflection, HISTORY_ANSWER_CHARS, tr));
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: tr.t('reflectHistory.shortened') }],
  });
  return { response_type: 'ephemeral', text: intro, blocks };
}
