import type { KnownBlock } from '@slack/types';
import { formatScheduleInZone } from '#messages/format-time.ts';
import type { Translator } from '#messages/i18n.ts';
import { nudgeFollowUpMessage, nudgeMessage } from '#messages/nudge-message.ts';
import { choosePromptForNudge } from '#src/reflect/index.ts';
import { MAX_REDELIVERIES, type NudgeJobData } from './nudge-jobs.ts';
import type { SendNudgeDeps } from './nudge-run.ts';
import type { NudgeRecord } from './nudge-store.ts';

export interface NudgeMessage {
  text: string;
  blocks: KnownBlock[];
  promptId: string;
  /** The DM quotes last week's intention, so forget must delete it in Slack. */
  quotesReflection: boolean;
}

/**
 * The nudge DM for this job and person, in their language (`tr`): its prompt, and for a weekly one
 * last week's intention (quoted as they wrote it) and the care radar.
 */
export async function buildNudgeMessage(
  data: NudgeJobData,
  record: NudgeRecord,
  snoozes: number,
  deps: SendNudgeDeps,
  tr: Translator,
): Promise<NudgeMessage> {
  const { teamId, userId, weekKey } = data;
  const weekly = data.kind !== 'follow-up';
  const [history, lastIntention, extraBlocks] = await Promise.all([
    deps.reflections.promptHistory(teamId, userId, weekKey),
    weekly ? deps.reflections.lastIntention(teamId, userId, weekKey) : undefined,
    weekly && deps.extraBlocks
      ? deps.extraBlocks(teamId, userId, tr).catch((error: unknown) => {
          deps.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'extra nudge blocks failed',
          );
          return [];
        })
      : Promise.resolve([]),
  ]);
  const chosen = choosePromptForNudge(history, weekKey, userId);
  // The prompt in the person's language (the catalogue falls back to English for a missing one).
  const prompt = { ...chosen, text: tr.t(`prompts:reflection.${chosen.id}`) };
  if (data.kind === 'follow-up') {
    return { ...nudgeFollowUpMessage({ weekKey, prompt }, tr), promptId: prompt.id, quotesReflection: false };
  }
  const message = nudgeMessage(
    {
      weekKey,
      prompt,
      lastIntention,
      scheduleText: formatScheduleInZone(record.schedule, record.tz, tr),
      canSnooze: snoozes < MAX_REDELIVERIES,
      again: data.kind === 'redelivery',
      extraBlocks,
    },
    tr,
  );
  // The DM quotes last week's intention (nudge-message.ts), so forget must delete it in Slack.
  const quotesReflection = lastIntention !== undefined && lastIntention.trim() !== '';
  return { ...message, promptId: prompt.id, quotesReflection };
}
