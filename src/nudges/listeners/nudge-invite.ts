import {
  inviteLimitText,
  inviteReplyText,
  invitingText,
  readInviteTarget,
} from '#messages/nudge-invitation.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
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
    const tr = translatorOf(context);
    const target = readInviteTarget(args);
    if (!target) {
      await ack(ephemeral(inviteReplyText('usage', tr)));
      return;
    }
    if (!(await isWorkspaceAdmin(client, command.user_id, deps.config.adminUserIds))) {
      await ack(ephemeral(inviteReplyText('adminsOnly', tr)));
      return;
    }
    const decision = await deps.limits.limiter.consume(
      command.team_id,
      command.user_id,
      'invite',
      deps.limits.invite,
    );
    if (!decision.allowed) {
      await ack(ephemeral(inviteLimitText(deps.limits.invite.max, decision.retryAfterSeconds, tr)));
      return;
    }
    await ack(ephemeral(inviteReplyText('lookingUp', tr)));
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
      await respond(ephemeral(invitingText(report, tr)));
    } catch (error) {
      const failure = classifySlackError(error);
      deps.logger.warn({ teamId: command.team_id, code: failure.code }, 'invite failed');
      const text = inviteReplyText(
        failure.kind === 'not-in-channel' ? 'notInChannel' : 'membersUnreadable',
        tr,
      );
      await respond(ephemeral(text));
    }
  };
}
