import type { WebClient } from '@slack/web-api';
import { classifySlackError } from '#src/slack/slack-error.ts';
import { findNudgeCopies, type NudgeCopies } from './find-delivered-nudge.ts';
import {
  type Claim,
  IN_FLIGHT_MS,
  type SentMarkers,
  STALE_CLAIM_MS,
  UNANSWERED_WAIT_MS,
} from './sent-marker.ts';

/** What to do about an unconfirmed claim met before posting. */
export type Settlement =
  /** Another job's young claim: its post is in flight; leave the DM to it. */
  | { action: 'leave' }
  /** Too young to look: a post that left just before a crash may still be landing. */
  | { action: 'wait'; ms: number }
  /** The DM is in the person's DM with the app: confirm the marker, do not post. */
  | { action: 'delivered'; copies: NudgeCopies }
  /**
   * This attempt holds the claim (`value`): post under it. `recovered`: taken over from a dead
   * attempt; `unanswered`: that attempt's post got no answer, so it may still land (check after).
   */
  | { action: 'post'; value: string; recovered: boolean; unanswered?: boolean }
  /** Slack could not say (missing scope, 429, network): the caller decides. */
  | { action: 'unknown'; error: unknown };

/**
 * Decides what an attempt does with the claim it met: a fresh claim is simply its own to post under.
 * Settles a claim a crash (or a post with an unknown outcome) left unconfirmed, for any DM that
 * carries the marker's week and kind as message metadata (nudge-metadata.ts): our own job's claim,
 * or another job's once older than STALE_CLAIM_MS, is looked up in Slack no sooner than
 * IN_FLIGHT_MS after it was made, and no sooner than UNANSWERED_WAIT_MS after a post Slack did not
 * answer; if the DM is not there the claim is taken over with a compare-and-set, so of two
 * processes settling the same claim only one posts.
 */
export async function settleClaim(input: {
  claim: Exclude<Claim, { result: 'sent' }>;
  nowMs: number;
  client: WebClient;
  markers: SentMarkers;
  marker: { teamId: string; userId: string; weekKey: string; kind: string };
  owner: string;
}): Promise<Settlement> {
  const { claim, marker } = input;
  if (claim.result === 'claimed') return { action: 'post', value: claim.value, recovered: false };
  const age = claim.claimedAt === undefined ? Number.POSITIVE_INFINITY : input.nowMs - claim.claimedAt;
  if (claim.result === 'pending-other' && age < STALE_CLAIM_MS) return { action: 'leave' };
  if (age < IN_FLIGHT_MS) return { action: 'wait', ms: IN_FLIGHT_MS - age };
  if (claim.unansweredAt !== undefined) {
    const since = input.nowMs - claim.unansweredAt;
    if (since < UNANSWERED_WAIT_MS) return { action: 'wait', ms: UNANSWERED_WAIT_MS - since };
  }
  try {
    const copies = await findNudgeCopies(input.client, marker.userId, marker.weekKey, marker.kind);
    if (copies.ts.length > 0) return { action: 'delivered', copies };
  } catch (error) {
    return { action: 'unknown', error };
  }
  const { teamId, userId, weekKey, kind } = marker;
  const taken = await input.markers.takeOver(teamId, userId, weekKey, kind, claim.value, input.owner);
  // Another process took it over between our read and now: it posts, not us.
  if (taken === undefined) return { action: 'leave' };
  return { action: 'post', value: taken, recovered: true, unanswered: claim.unansweredAt !== undefined };
}

/**
 * When Slack could not answer the lookup: a 429 delays only this job (the conversations.* methods
 * have limits of their own, so the workspace's sends go on); a transient failure is retried while
 * attempts remain; otherwise the job gives up without posting (at most once).
 */
export function afterFailedLookup(
  error: unknown,
  attempt: { attemptsMade: number; maxAttempts: number },
): { next: 'delay'; ms: number } | { next: 'retry'; error: Error } | { next: 'give-up'; code: string } {
  const failure = classifySlackError(error);
  if (failure.kind === 'rate-limited') return { next: 'delay', ms: failure.retryAfterMs };
  if (failure.kind === 'transient' && attempt.attemptsMade + 1 < attempt.maxAttempts) {
    return {
      next: 'retry',
      error: error instanceof Error ? error : new Error(`slack call failed: ${failure.code}`),
    };
  }
  return { next: 'give-up', code: failure.code };
}
