import type { SentMarkers } from './sent-marker.ts';
import type { WorkspaceGate } from './workspace-gate.ts';

/**
 * A Slack pause (a 429 to another job of the workspace) began after this job's send slot came and
 * it holds the claim: give the claim back and wait for a slot past the pause, rather than post
 * inside it. Shared by nudges and invitations.
 */
export async function giveWayToPause(
  deps: { markers: SentMarkers; gate: WorkspaceGate },
  marker: { teamId: string; userId: string; weekKey: string; kind: string },
  held: string,
  jobId: string,
  pausedMs: number,
): Promise<{ status: 'delay'; ms: number; reason: 'slack-pause' }> {
  const { teamId, userId, weekKey, kind } = marker;
  await deps.markers.release(teamId, userId, weekKey, kind, held);
  const slot = await deps.gate.reserveSlot(teamId, jobId);
  return { status: 'delay', ms: Math.max(slot, pausedMs), reason: 'slack-pause' };
}
