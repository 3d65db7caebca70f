import type { WebClient } from '@slack/web-api';
import { afterDelivery } from './after-delivery.ts';
import type { NudgeMessage } from './build-nudge-message.ts';
import type { HeldClaim } from './claim-nudge.ts';
import { deleteNewerCopies } from './delete-newer-copies.ts';
import { nudgeMetadata } from './nudge-metadata.ts';
import type { NudgeOutcome, NudgeRun } from './nudge-run.ts';
import { nudgeSlackFailure } from './nudge-slack-failure.ts';
import type { NudgeRecord } from './nudge-store.ts';
import { releaseFailedPost } from './release-failed-post.ts';

/**
 * Step 5, second half: post under the held claim (with metadata naming the week and kind, so a
 * later attempt can find it), then confirm and arm what comes next. A failed post releases or keeps
 * the claim (release-failed-post.ts) before the failure is handled.
 */
export async function postNudge(
  run: NudgeRun,
  client: WebClient,
  record: NudgeRecord,
  message: NudgeMessage,
  claim: HeldClaim,
): Promise<NudgeOutcome> {
  const { data, deps, markerKind } = run;
  const { teamId, userId, weekKey } = data;
  const sentOutcome = claim.recovered ? 'recovered_resent' : 'sent';
  let posted: { channel?: string; ts?: string };
  try {
    posted = await client.chat.postMessage({
      channel: userId,
      text: message.text,
      blocks: message.blocks,
      metadata: nudgeMetadata(weekKey, markerKind),
    });
  } catch (error) {
    await releaseFailedPost(deps.markers, { teamId, userId, weekKey, kind: markerKind }, claim.held, error);
    return nudgeSlackFailure(run, client, record, error, 'chat.postMessage');
  }
  run.count(sentOutcome);
  // The earlier post went unanswered and was not found: if it lands after all, keep one copy.
  const kept = claim.unanswered ? await deleteNewerCopies(run, client) : undefined;
  const channel = kept?.channel ?? posted.channel;
  const ts = kept?.ts ?? posted.ts;
  await afterDelivery(run, record, message, channel && ts ? { channel, ts } : undefined);
  return { status: 'sent' };
}
