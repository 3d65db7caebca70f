import { ErrorCode } from '@slack/web-api';
import { classifySlackError } from '#src/slack/slack-error.ts';
import type { SentMarkers } from './sent-marker.ts';

/**
 * A post under a held claim failed. An answer that refuses the post (an error code, a 429) proves
 * nothing was posted: release, so a retry can post. A 5xx, `internal_error`, a timeout or a broken
 * connection proves nothing either way (Slack may have posted before failing): keep the claim, and
 * the retry, finding its own unconfirmed claim, asks Slack whether the DM landed before posting again.
 * Shared by nudges and invitations.
 */
export async function releaseFailedPost(
  markers: SentMarkers,
  marker: { teamId: string; userId: string; weekKey: string; kind: string },
  held: string,
  error: unknown,
): Promise<void> {
  const { teamId, userId, weekKey, kind } = marker;
  if (classifySlackError(error).kind !== 'transient') {
    await markers.release(teamId, userId, weekKey, kind, held);
  } else if ((error as { code?: unknown }).code === ErrorCode.RequestError) {
    // No answer at all (the client's timeout, a dropped connection): Slack may still post it, so
    // nobody looks for it before UNANSWERED_WAIT_MS (sent-marker.ts).
    await markers.markUnanswered(teamId, userId, weekKey, kind, held);
  }
}
