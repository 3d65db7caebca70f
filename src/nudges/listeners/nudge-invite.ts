import {
  INVITE_ADMINS_ONLY_TEXT,
  INVITE_LOOKING_UP_TEXT,
  INVITE_MEMBERS_UNREADABLE_TEXT,
  INVITE_NOT_IN_CHANNEL_TEXT,
  INVITE_USAGE,
  inviteLimitText,
  invitingText,
  readInviteTarget,
} from '#messages/nudge-invitation.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';
import { classifySlackError } from '#src/slack/slack-error.ts';
import { expandInviteTarget, inviteMembers, isWorkspaceAdmin } from '../invitations.ts';
import type { NudgeFeature } from '../nudge-feature.ts';
import type { NudgeListenerDeps } from '../nudge-listener-deps.ts';

const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });

/**
 * `/reflect invite @group` or `#channel` (admins): acks at once, expands the members (which may
 * take several Slack calls), queues one invitation DM each, and reports back.
 */
export function inviteSubcommand(
  deps: Pick<NudgeListenerDeps, 'config' | 'logger' | 'limits'>,
  nudges: NudgeFeature,
): ReflectSubcommand {
  return async ({ ack, command, client, args, respond, context }) => {
    const target = readInviteTarget(args);
    if (!target) {
      await ack(ephemeral(INVITE_USAGE));
      return;
    }
    if (!(await isWorkspaceAdmin(client, command.user_id, deps.config.adminUserIds))) {
      await ack(ephemeral(INVITE_ADMINS_ONLY_TEXT));
      return;
    }
    const decision = await deps.limits.limiter.consume(
      command.team_id,
      command.user_id,
      'invite',
      deps.limits.invite,
    );
    if (!decision.allowed) {
      await ack(ephemeral(inviteLimitText(deps.limits.invite.max, decision.retryAfterSeconds)));
      return;
    }
    await ack(ephemeral(INVITE_LOOKING_UP_TEXT));
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
      await respond(ephemeral(invitingText(report)));
    } catch (error) {
      const failure = classifySlackError(error);
      deps.logger.warn({ teamId: command.team_id, code: failure.code }, 'invite failed');
      const text =
        failure.kind === 'not-in-channel' ? INVITE_NOT_IN_CHANNEL_TEXT : INVITE_MEMBERS_UNREADABLE_TEXT;
      await respond(ephemeral(text));
    }
  };
}
