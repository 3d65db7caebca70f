import type { WebClient } from '@slack/web-api';
import { afterDelivery } from './after-delivery.ts';
import type { NudgeMessage } from './build-nudge-message.ts';
import { giveWayToPause } from './give-way-to-pause.ts';
import type { NudgeOutcome, NudgeRun, Step } from './nudge-run.ts';
import type { NudgeRecord } from './nudge-store.ts';
import { afterFailedLookup, settleClaim } from './settle-claim.ts';

/** This attempt holds the sent-marker (`held`); see settle-claim.ts for `recovered` and `unanswered`. */
export type HeldClaim = { held: string; recovered: boolean; unanswered?: boolean };

/**
 * Step 5, first half: claim the sent-marker (with the refreshed time-zone cache and the workspace's
 * pause read in the same round trip). A claim left unconfirmed by a crash is settled by asking Slack
 * whether its DM landed (settle-claim.ts); a Slack pause that began after this job's slot came gives
 * the claim back and waits for a slot after the pause, rather than post inside it.
 */
export async function claimNudge(
  run: NudgeRun,
  client: WebClient,
  record: NudgeRecord,
  message: NudgeMessage,
  cacheTz: string | undefined,
  cacheLocale?: string,
): Promise<Step<HeldClaim>> {
  const { data, context, deps, count, skip, markerKind } = run;
  const { teamId, userId, weekKey } = data;
  const [claim, , pausedMs] = await Promise.all([
    deps.markers.claim(teamId, userId, weekKey, markerKind, context.jobId),
    cacheTz !== undefined ? deps.rememberTimeZone(teamId, userId, cacheTz, cacheLocale) : undefined,
    deps.gate.pausedForMs(teamId),
  ]);
  if (claim.result === 'sent') return { done: await skip('duplicate', record) };
  const settled = await settleClaim({
    claim,
    nowMs: run.now().getTime(),
    client,
    markers: deps.markers,
    marker: { teamId, userId, weekKey, kind: markerKind },
    owner: context.jobId,
  });
  switch (settled.action) {
    case 'leave':
      return { done: await skip('duplicate', record) };
    case 'wait':
      count('delayed_claim_in_flight');
      return { done: { status: 'delay', ms: settled.ms, reason: 'claim-in-flight' } };
    case 'unknown':
      return { done: await lookupFailed(run, settled.error, record) };
    case 'delivered': {
      count('recovered_delivered');
      const [first] = settled.copies.ts;
      await afterDelivery(
        run,
        record,
        message,
        first ? { channel: settled.copies.channel, ts: first } : undefined,
      );
      return { done: { status: 'sent' } };
    }
  }
  // Only 'post' is left: this attempt holds the claim.
  if (pausedMs > 0) {
    count('delayed_slack_pause');
    const marker = { teamId, userId, weekKey, kind: markerKind };
    return { done: await giveWayToPause(deps, marker, settled.value, context.jobId, pausedMs) };
  }
  return { held: settled.value, recovered: settled.recovered, unanswered: settled.unanswered };
}

/** Spreads jobs released together after a pause so they do not arrive in one burst. */
function jitter(ms: number): number {
  return ms + Math.floor(Math.random() * 250);
}

/** The lookup of an earlier attempt's DM failed: wait, retry, or give up without resending. */
async function lookupFailed(run: NudgeRun, error: unknown, record: NudgeRecord): Promise<NudgeOutcome> {
  const then = afterFailedLookup(error, run.context);
  if (then.next === 'delay') {
    run.count('delayed_recovery_rate_limited');
    return { status: 'delay', ms: jitter(then.ms), reason: 'slack-pause' };
  }
  if (then.next === 'retry') {
    run.count('retried_transient');
    throw then.error;
  }
  const { teamId, kind, weekKey } = run.data;
  run.deps.logger.warn(
    { teamId, kind, weekKey, code: then.code },
    'an earlier attempt of this nudge stopped between claiming and confirming, and Slack could not say whether its DM landed; not resending (at most once)',
  );
  return run.skip('uncertain', record);
}
