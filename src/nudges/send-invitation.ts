import type { WebClient } from '@slack/web-api';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { english, type Translator } from '#messages/i18n.ts';
import { nudgeInvitationMessage } from '#messages/nudge-invitation.ts';
import type { Clock } from '#src/clock.ts';
import type { Metrics } from '#src/metrics.ts';
import { giveWayToPause } from '#src/nudges/give-way-to-pause.ts';
import { nudgeMetadata } from '#src/nudges/nudge-metadata.ts';
import type { NudgeStore } from '#src/nudges/nudge-store.ts';
import type { SentMarkers } from '#src/nudges/sent-marker.ts';
import { afterFailedLookup, settleClaim } from '#src/nudges/settle-claim.ts';
import type { WorkspaceGate } from '#src/nudges/workspace-gate.ts';
import { classifySlackError } from '#src/slack/slack-error.ts';
import type { TeamClients } from '#src/workspaces/index.ts';
import type { InvitationJobData } from './nudge-jobs.ts';
import type { JobContext, NudgeOutcome } from './nudge-run.ts';
import { releaseFailedPost } from './release-failed-post.ts';

/**
 * Sends one admin invitation DM, through the same per-workspace pacing, 429 pause and sent-marker
 * as nudges (an invite to a whole channel can be hundreds of DMs), and the same settling of a claim
 * a crash left unconfirmed (src/nudges/settle-claim.ts). The DM only offers: the person is enrolled
 * only if they press a button.
 */
export const INVITATION_MARKER = { week: 'invite', kind: 'i' } as const;

export async function sendInvitation(
  data: InvitationJobData,
  context: JobContext,
  deps: {
    store: NudgeStore;
    markers: SentMarkers;
    gate: WorkspaceGate;
    teamClients: TeamClients;
    metrics: Metrics;
    logger: Logger;
    clock: Clock;
    /** The invitee's language: their cached profile, else users.info with their locale (not cached). */
    inviteeTranslator?(client: WebClient, teamId: string, userId: string): Promise<Translator>;
  },
): Promise<NudgeOutcome> {
  const { teamId, userId } = data;
  const { gate, markers } = deps;
  const count = (outcome: string) => deps.metrics.nudges.inc({ kind: 'invitation', outcome });
  if (await gate.isStopped(teamId)) {
    count('skipped_workspace_stopped');
    return { status: 'skipped', reason: 'workspace_stopped' };
  }
  if ((await deps.store.get(teamId, userId))?.enrolled) {
    count('skipped_already_enrolled');
    return { status: 'skipped', reason: 'already_enrolled' };
  }
  // The workspace's send slot, shared with nudges and channel prompts (a Slack pause moves it).
  const wait = await gate.reserveSlot(teamId, context.jobId);
  if (wait > 0) return { status: 'delay', ms: wait, reason: 'paced' };

  const client = await deps.teamClients.forTeam(teamId);
  // Looked up before the claim, so the post follows the claim at once.
  const tr = deps.inviteeTranslator ? await deps.inviteeTranslator(client, teamId, userId) : english();
  const marker = { teamId, userId, weekKey: INVITATION_MARKER.week, kind: INVITATION_MARKER.kind };
  const claim = await markers.claim(teamId, userId, marker.weekKey, marker.kind, context.jobId);
  if (claim.result === 'sent') {
    count('skipped_duplicate');
    return { status: 'skipped', reason: 'duplicate' };
  }
  // A fresh claim posts; one a crash (or a post of unknown outcome) left is settled as for nudges.
  const settled = await settleClaim({
    claim,
    nowMs: deps.clock.now().getTime(),
    client,
    markers,
    marker,
    owner: context.jobId,
  });
  switch (settled.action) {
    case 'leave':
      count('skipped_duplicate');
      return { status: 'skipped', reason: 'duplicate' };
    case 'wait':
      return { status: 'delay', ms: settled.ms, reason: 'claim-in-flight' };
    case 'delivered':
      await markers.confirm(teamId, userId, marker.weekKey, marker.kind);
      count('recovered_delivered');
      return { status: 'sent' };
    case 'unknown': {
      const then = afterFailedLookup(settled.error, context);
      if (then.next === 'delay') return { status: 'delay', ms: then.ms, reason: 'slack-pause' };
      if (then.next === 'retry') throw then.error;
      deps.logger.warn(
        { teamId, code: then.code },
        'an earlier attempt of this invitation stopped before confirming, and Slack could not say whether it landed; not resending',
      );
      count('skipped_uncertain');
      return { status: 'skipped', reason: 'uncertain' };
    }
  }
  // Only 'post' is left: this attempt holds the claim. A Slack pause that began after this job's
  // slot came (a 429 to another job meanwhile) gives the claim back and waits past it, as nudges do.
  const pausedMs = await gate.pausedForMs(teamId);
  if (pausedMs > 0) {
    count('delayed_slack_pause');
    return giveWayToPause(deps, marker, settled.value, context.jobId, pausedMs);
  }
  const held = settled.value;
  const sentOutcome = settled.recovered ? 'recovered_resent' : 'sent';
  try {
    const message = nudgeInvitationMessage({ inviterId: data.inviterId }, tr);
    await client.chat.postMessage({
      channel: userId,
      text: message.text,
      blocks: message.blocks,
      metadata: nudgeMetadata(marker.weekKey, marker.kind),
    });
  } catch (error) {
    const failure = classifySlackError(error);
    // As for nudges: only an answer that refuses the post proves nothing was posted.
    await releaseFailedPost(markers, marker, held, error);
    if (failure.kind === 'rate-limited') {
      deps.metrics.slackRateLimited.inc({ method: 'chat.postMessage' });
      await gate.pauseFor(teamId, failure.retryAfterMs);
      const slot = await gate.reserveSlot(teamId, context.jobId);
      return { status: 'delay', ms: Math.max(slot, failure.retryAfterMs), reason: 'slack-pause' };
    }
    if (failure.kind === 'workspace-gone') {
      if (await gate.stop(teamId, failure.code)) {
        deps.logger.error(
          { teamId, code: failure.code },
          'bot token no longer works; background sends stopped',
        );
      }
      count('skipped_workspace_stopped');
      return { status: 'skipped', reason: 'workspace_stopped' };
    }
    if (failure.kind === 'transient') {
      count('retried_transient');
      throw error instanceof Error ? error : new Error(failure.code);
    }
    count(`failed_${failure.code}`);
    throw new UnrecoverableError(`invitation not delivered: ${failure.code}`);
  }
  await markers.confirm(teamId, userId, marker.weekKey, marker.kind);
  count(sentOutcome);
  return { status: 'sent' };
}
