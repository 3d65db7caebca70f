import type { KnownBlock } from '@slack/types';
import { formatScheduleInZone } from '#messages/format-time.ts';
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

/** The nudge DM for this job and person: its prompt, and for a weekly one last week's intention. */
export async function buildNudgeMessage(
  data: NudgeJobData,
  record: NudgeRecord,
  snoozes: number,
  deps: SendNudgeDeps,
): Promise<NudgeMessage> {
  const { teamId, userId, weekKey } = data;
  const weekly = data.kind !== 'follow-up';
  const [history, lastIntention, extraBlocks] = await Promise.all([
    deps.reflections.promptHistory(teamId, userId, weekKey),
    weekly ? deps.reflections.lastIntention(teamId, userId, weekKey) : undefined,
    weekly && deps.extraBlocks
      ? deps.extraBlocks(teamId, userId).catch((error: unknown) => {
          deps.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'extra nudge blocks failed',
          );
          return [];
        })
      : Promise.resolve([]),
  ]);
  const prompt = choosePromptForNudge(history, weekKey, userId);
  if (data.kind === 'follow-up') {
    return { ...nudgeFollowUpMessage({ weekKey, prompt }), promptId: prompt.id, quotesReflection: false };
  }
  const message = nudgeMessage({
    weekKey,
    prompt,
    lastIntention,
    scheduleText: formatScheduleInZone(record.schedule, record.tz),
    canSnooze: snoozes < MAX_REDELIVERIES,
    again: data.kind === 'redelivery',
    extraBlocks,
  });
  // The DM quotes last week's intention (nudge-message.ts), so forget must delete it in Slack.
  const quotesReflection = lastIntention !== undefined && lastIntention.trim() !== '';
  return { ...message, promptId: prompt.id, quotesReflection };
}
