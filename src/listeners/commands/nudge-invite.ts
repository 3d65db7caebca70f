import { INVITE_USAGE, readInviteTarget } from '#messages/nudge-invitation.ts';
import type { AppDeps } from '#src/deps.ts';
import { describeWait } from '#src/limits/action-limit.ts';
import { expandInviteTarget, inviteMembers, isWorkspaceAdmin } from '#src/nudges/invitations.ts';
import type { NudgeFeature } from '#src/nudges/nudge-feature.ts';
import { classifySlackError } from '#src/slack/slack-error.ts';
import type { ReflectSubcommand } from './reflect-command.ts';

const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });

/**
 * `/reflect invite @group` or `#channel` (admins): acks at once, expands the members (which may
 * take several Slack calls), queues one invitation DM each, and reports back.
 */
export function inviteSubcommand(
  deps: Pick<AppDeps, 'config' | 'logger' | 'limits'>,
  nudges: NudgeFeature,
): ReflectSubcommand {
  return async ({ ack, command, client, args, respond, context }) => {
    const target = readInviteTarget(args);
    if (!target) {
      await ack(ephemeral(INVITE_USAGE));
      return;
    }
    if (!(await isWorkspaceAdmin(client, command.user_id, deps.config.adminUserIds))) {
      await ack(
        ephemeral('Only workspace admins and owners (or people in ADMIN_USER_IDS) can send invitations.'),
      );
      return;
    }
    const decision = await deps.limits.limiter.consume(
      command.team_id,
      command.user_id,
      'invite',
      deps.limits.invite,
    );
    if (!decision.allowed) {
      await ack(
        ephemeral(
          `You've sent ${deps.limits.invite.max} rounds of invitations today, the most one person can send in a day, so nobody was invited this time. Please try again ${describeWait(decision.retryAfterSeconds)}.`,
        ),
      );
      return;
    }
    await ack(ephemeral('Looking up who to invite…'));
    try {
      const members = await expandInviteTarget(client, target);
      const report = await inviteMembers(
        { queue: nudges.invitationQueue, store: nudges.store },
        {
          teamId: command.team_id,
          inviterId: command.user_id,
          members,
          skip: [command.user_id, context.botUserId ?? ''],
        },
      );
      const skipped = report.alreadyEnrolled + report.alreadyInvited;
      await respond(
        ephemeral(
          `Inviting ${report.queued} ${report.queued === 1 ? 'person' : 'people'}: each gets one DM offering weekly nudges, ` +
            `and nobody is enrolled without saying yes.${skipped > 0 ? ` Left out: ${report.alreadyEnrolled} already get nudges, ${report.alreadyInvited} were invited before.` : ''}`,
        ),
      );
    } catch (error) {
      const failure = classifySlackError(error);
      deps.logger.warn({ teamId: command.team_id, code: failure.code }, 'invite failed');
      const text =
        failure.kind === 'not-in-channel'
          ? 'I am not in that channel, so I cannot see its members. Invite me first (or use a user group).'
          : 'Sorry, I could not read the members of that group or channel just now. Nothing was sent.';
      await respond(ephemeral(text));
    }
  };
}
