import type { NudgeRun, Step } from './nudge-run.ts';
import type { NudgeRecord } from './nudge-store.ts';

/**
 * Steps 1 and 2 of a nudge: still enrolled, job not stale, workspace not stopped; still wanted (not
 * paused, skipped, reflected, acted on for a follow-up, or already sent). Everything is read at once
 * (ioredis writes the commands together: one round trip).
 */
export async function checkStillWanted(
  run: NudgeRun,
): Promise<Step<{ record: NudgeRecord; snoozes: number; slackPausedMs: number }>> {
  const { data, context, deps, skip } = run;
  const { teamId, userId, weekKey, kind } = data;
  const [record, stopped, week, reflected, pausedWeek, alreadySent, slackPausedMs] = await Promise.all([
    deps.store.get(teamId, userId),
    deps.gate.isStopped(teamId),
    deps.store.week(teamId, userId, weekKey),
    deps.reflections.hasReflected(teamId, userId, weekKey),
    deps.store.isPaused(teamId, userId, weekKey),
    deps.markers.state(teamId, userId, weekKey, run.markerKind),
    // A job with a booked slot sends without asking the gate, unless a Slack pause is running.
    data.slotAt !== undefined ? deps.gate.pausedForMs(teamId) : 0,
  ]);

  // 1. Still enrolled, still current, workspace able to send.
  if (!record?.enrolled) return { done: await skip('not_enrolled') };
  if (kind === 'weekly' && record.version !== data.version) {
    if (record.jobId === context.jobId && record.dueAt !== undefined) {
      // This job is the armed one but the record changed while it could not be replaced.
      const dueAt = record.dueAt;
      return { done: { status: 'reschedule', dueAt, data: { ...data, version: record.version, dueAt } } };
    }
    await deps.scheduler.ensureArmed(teamId, userId, record);
    return { done: await skip('stale') };
  }
  // The chain goes on while a workspace is stopped, so nudges resume by themselves once its token
  // works again (the reconciliation pass checks with auth.test and lifts the stop).
  // A Slack pause is the send slot's business (step 3).
  if (stopped) return { done: await skip('workspace_stopped', record) };

  // 2. Still wanted?
  if (pausedWeek) return { done: await skip('paused', record) };
  if (week.skipped) return { done: await skip('skip_this_week', record) };
  if (reflected) return { done: await skip('reflected', record) };
  if (kind === 'follow-up' && week.acted) return { done: await skip('acted') };
  // A pending claim goes on to the claim step, which tells "in flight elsewhere" from "ours, lost".
  if (alreadySent === 'sent') return { done: await skip('duplicate', record) };
  return { record, snoozes: week.snoozes, slackPausedMs };
}
