import type { TrailItem } from '#src/privacy/index.ts';
import type { NudgeMessage } from './build-nudge-message.ts';
import { followUpAt } from './follow-up-time.ts';
import type { NudgeRun } from './nudge-run.ts';
import type { NudgeRecord } from './nudge-store.ts';

/**
 * The DM is in the person's DM (posted now, or found there): confirm, remember the prompt, arm what
 * comes next, and remember a DM that quotes the person's intention (`dm`: where it is) for forget.
 */
export async function afterDelivery(
  run: NudgeRun,
  sent: NudgeRecord,
  message: NudgeMessage,
  dm: { channel: string; ts: string } | undefined,
): Promise<void> {
  await Promise.all([
    confirmAndArm(run, sent, message.promptId),
    message.quotesReflection && dm
      ? rememberInSlack(run, [{ kind: 'message', channel: dm.channel, ts: dm.ts }])
      : undefined,
  ]);
}

/** Confirms the sent-marker, records the prompt, arms the one follow-up and next week's nudge. */
async function confirmAndArm(run: NudgeRun, sent: NudgeRecord, promptId: string): Promise<void> {
  const { data, deps } = run;
  const { teamId, userId, weekKey } = data;
  const followUp =
    data.kind === 'weekly'
      ? followUpAt(deps.followUp, new Date(Math.max(run.now().getTime(), data.dueAt)), sent.tz)
      : undefined;
  await Promise.all([
    deps.markers.confirm(teamId, userId, weekKey, run.markerKind),
    deps.reflections.recordNudgePrompt(teamId, userId, weekKey, promptId).catch((error: unknown) => {
      deps.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'could not record the nudge prompt',
      );
    }),
    followUp
      ? deps.scheduler.addFollowUp({
          teamId,
          userId,
          weekKey,
          version: sent.version,
          dueAt: followUp.getTime(),
        })
      : undefined,
    run.armNextWeek(sent),
  ]);
}

/** Best effort: the DM is delivered either way; a miss only means forget cannot delete it. */
async function rememberInSlack(run: NudgeRun, items: TrailItem[]): Promise<void> {
  const { deps } = run;
  const { teamId, userId } = run.data;
  await deps.rememberInSlack?.(teamId, userId, items).catch((error: unknown) => {
    deps.logger.warn(
      { teamId, err: error instanceof Error ? error.message : String(error) },
      'could not remember a nudge DM for forget',
    );
  });
}
