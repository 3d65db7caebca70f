import type { WebClient } from '@slack/web-api';
import type { Queue } from 'bullmq';
import type { InviteTarget } from '#messages/nudge-invitation.ts';
import {
  INVITATION_JOB,
  type InvitationJobData,
  invitationJobId,
  NUDGE_JOB_OPTIONS,
} from '#src/nudges/nudge-jobs.ts';
import type { NudgeStore } from './nudge-store.ts';

/**
 * `/reflect invite @group|#channel` (admins only): expands the group or channel to its members and
 * queues one invitation DM per person who is neither enrolled nor invited before. The DMs go out
 * through the paced background path (jobs), never from the listener. Nobody is enrolled by this.
 */

/** Members beyond this are not invited in one go (a workspace-wide channel is not a team). */
export const MAX_INVITEES = 5000;

/** ADMIN_USER_IDS, or a workspace admin or owner according to users.info. */
export async function isWorkspaceAdmin(
  client: WebClient,
  userId: string,
  adminUserIds: readonly string[],
): Promise<boolean> {
  if (adminUserIds.includes(userId)) return true;
  const { user } = await client.users.info({ user: userId });
  return user?.is_admin === true || user?.is_owner === true;
}

/** The member ids of a user group (one call) or a channel (paginated). */
export async function expandInviteTarget(client: WebClient, target: InviteTarget): Promise<string[]> {
  if (target.kind === 'usergroup') {
    const result = await client.usergroups.users.list({ usergroup: target.id });
    return (result.users ?? []).slice(0, MAX_INVITEES);
  }
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: target.id, limit: 200, cursor });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor && members.length < MAX_INVITEES);
  return members.slice(0, MAX_INVITEES);
}

export interface InviteReport {
  queued: number;
  alreadyEnrolled: number;
  alreadyInvited: number;
}

export async function inviteMembers(
  deps: { queue: Queue<InvitationJobData, unknown, string>; store: NudgeStore },
  input: { teamId: string; inviterId: string; members: readonly string[]; skip: readonly string[] },
): Promise<InviteReport> {
  const report: InviteReport = { queued: 0, alreadyEnrolled: 0, alreadyInvited: 0 };
  const people = [...new Set(input.members)].filter(
    (id) => /^[UW][A-Z0-9]+$/.test(id) && !input.skip.includes(id),
  );
  const jobs: { name: string; data: InvitationJobData; opts: typeof NUDGE_JOB_OPTIONS }[] = [];
  for (const userId of people) {
    if ((await deps.store.get(input.teamId, userId))?.enrolled) {
      report.alreadyEnrolled += 1;
      continue;
    }
    // Claimed once per person, ever: a repeated invite (or another group) does not DM them again.
    if (!(await deps.store.markInvited(input.teamId, userId))) {
      report.alreadyInvited += 1;
      continue;
    }
    jobs.push({
      name: INVITATION_JOB,
      data: { teamId: input.teamId, userId, inviterId: input.inviterId },
      opts: { ...NUDGE_JOB_OPTIONS, jobId: invitationJobId(input.teamId, userId) },
    });
  }
  for (let i = 0; i < jobs.length; i += 500) await deps.queue.addBulk(jobs.slice(i, i + 500));
  report.queued = jobs.length;
  return report;
}
