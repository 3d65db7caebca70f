import type { KnownBlock } from '@slack/types';
import { english, type Translator } from './i18n.ts';
import { chooseScheduleButton } from './nudge-schedule-modal.ts';
import { describeWait } from './wait-text.ts';

/**
 * The one invitation DM an admin's `/reflect invite @group` (or `#channel`) sends each person. It
 * only offers: nobody is enrolled until they press a button. Action ids are created and read here.
 */
export const NUDGE_INVITE_ACTIONS = {
  accept: 'nudge_invite_accept',
  decline: 'nudge_invite_decline',
} as const;

export function nudgeInvitationMessage(
  input: { inviterId: string },
  tr: Translator = english(),
): { text: string; blocks: KnownBlock[] } {
  const text = tr.t('nudgeInvitation.text', { inviter: `<@${input.inviterId}>` });
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: 'nudge_invitation',
        elements: [
          {
            type: 'button',
            action_id: NUDGE_INVITE_ACTIONS.accept,
            text: { type: 'plain_text', text: tr.t('nudgeInvitation.accept') },
            style: 'primary',
            value: 'accept',
          },
          chooseScheduleButton(tr.t('nudgeInvitation.choose'), 'invitation', tr),
          {
            type: 'button',
            action_id: NUDGE_INVITE_ACTIONS.decline,
            text: { type: 'plain_text', text: tr.t('nudgeInvitation.decline') },
            value: 'decline',
          },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: tr.t('nudgeInvitation.note') }],
      },
    ],
  };
}

/** Where an invite goes: a user group (`<!subteam^S123|@group>`) or a channel (`<#C123|name>`). */
export type InviteTarget = { kind: 'usergroup'; id: string } | { kind: 'channel'; id: string };

/** Reads `/reflect invite` arguments as Slack escapes them (the command has should_escape: true). */
export function readInviteTarget(text: string): InviteTarget | undefined {
  const trimmed = text.trim();
  const group = /^<!subteam\^([A-Z0-9]{2,30})(?:\|[^>]*)?>$/.exec(trimmed);
  if (group?.[1]) return { kind: 'usergroup', id: group[1] };
  const channel = /^<#([CG][A-Z0-9]{2,30})(?:\|[^>]*)?>$/.exec(trimmed);
  if (channel?.[1]) return { kind: 'channel', id: channel[1] };
  return undefined;
}

/** The fixed replies of `/reflect invite`. */
export type InviteReply = 'usage' | 'adminsOnly' | 'lookingUp' | 'notInChannel' | 'membersUnreadable';

export function inviteReplyText(reply: InviteReply, tr: Translator = english()): string {
  return tr.t(`nudgeInvitation.${reply}`);
}

export function inviteLimitText(max: number, retryAfterSeconds: number, tr: Translator = english()): string {
  return tr.t('nudgeInvitation.limit', { max, wait: describeWait(retryAfterSeconds, tr) });
}

/** The inviter's report once the invitations are queued. */
export function invitingText(
  report: { queued: number; alreadyEnrolled: number; alreadyInvited: number },
  tr: Translator = english(),
): string {
  const skipped = report.alreadyEnrolled + report.alreadyInvited;
  const leftOut =
    skipped > 0
      ? tr.t('nudgeInvitation.leftOut', { enrolled: report.alreadyEnrolled, invited: report.alreadyInvited })
      : '';
  return `${tr.t('nudgeInvitation.inviting', { count: report.queued })}${leftOut}`;
}
