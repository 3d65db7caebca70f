import type { WebClient } from '@slack/web-api';
import { UnrecoverableError } from 'bullmq';
import { classifySlackError } from '#src/slack/slack-error.ts';
import type { NudgeOutcome, NudgeRun } from './nudge-run.ts';
import type { NudgeRecord } from './nudge-store.ts';

/**
 * A Slack call of a nudge failed (users.info or chat.postMessage): pause the workspace for a 429,
 * stop it when its token is gone, unenrol a person who cannot get DMs, give up on a refusal, or let
 * BullMQ retry an unknown outcome; next week is armed whenever this job will not come back.
 */
export async function nudgeSlackFailure(
  run: NudgeRun,
  client: WebClient,
  record: NudgeRecord,
  error: unknown,
  method: string,
): Promise<NudgeOutcome> {
  const { deps, context, count } = run;
  const { teamId } = run.data;
  const failure = classifySlackError(error);
  switch (failure.kind) {
    case 'rate-limited':
      deps.metrics.slackRateLimited.inc({ method });
      await deps.gate.pauseFor(teamId, failure.retryAfterMs);
      count('delayed_rate_limited');
      // A new slot, after the pause and the reservations it moved (they keep their order).
      return {
        status: 'delay',
        ms: Math.max(await deps.gate.reserveSlot(teamId, context.jobId), failure.retryAfterMs),
        reason: 'slack-pause',
      };
    case 'workspace-gone':
      return stopWorkspace(run, record, failure.code);
    case 'token-suspect': {
      // account_inactive: is it the bot token (the workspace) or this person?
      const tokenWorks = await client.auth.test().then(
        () => true,
        () => false,
      );
      if (!tokenWorks) return stopWorkspace(run, record, failure.code);
      return personGone(run, failure.code);
    }
    case 'person-gone':
      return personGone(run, failure.code);
    case 'channel-gone':
    case 'not-in-channel':
    case 'permanent':
      count(`failed_${failure.code}`);
      await run.armNextWeek(record);
      throw new UnrecoverableError(`slack refused the nudge: ${failure.code}`);
    case 'transient': {
      const last = context.attemptsMade + 1 >= context.maxAttempts;
      count(last ? 'failed_transient' : 'retried_transient');
      // After the last attempt the chain must go on: next week is armed now.
      if (last) await run.armNextWeek(record);
      throw error instanceof Error ? error : new Error(`slack call failed: ${failure.code}`);
    }
  }
}

async function stopWorkspace(run: NudgeRun, record: NudgeRecord, code: string): Promise<NudgeOutcome> {
  const { teamId } = run.data;
  if (await run.deps.gate.stop(teamId, code)) {
    run.deps.logger.error(
      { teamId, code },
      'the bot token for this workspace no longer works; background sends stopped until it is reinstalled',
    );
  }
  return run.skip('workspace_stopped', record);
}

/** The person can no longer get DMs: unenrolled, and the job fails without a retry. */
export async function personGone(run: NudgeRun, code: string): Promise<never> {
  await run.deps.store.unenrol(run.data.teamId, run.data.userId);
  run.count(`unenrolled_${code}`);
  throw new UnrecoverableError(`person can no longer get DMs (${code}); unenrolled`);
}
