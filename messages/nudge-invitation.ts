import type { KnownBlock } from '@slack/types';
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

export function nudgeInvitationMessage(input: { inviterId: string }): { text: string; blocks: KnownBlock[] } {
  const text =
    `<@${input.inviterId}> invited you to a weekly reflection habit: one private DM a week, at a time you choose, ` +
    'with a question about how you led (soul, heart, mind). Your reflections are private: only you can read them.';
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
            text: { type: 'plain_text', text: 'Yes, Fridays at 16:00' },
            style: 'primary',
            value: 'accept',
          },
          chooseScheduleButton('Choose day and time', 'invitation'),
          {
            type: 'button',
            action_id: NUDGE_INVITE_ACTIONS.decline,
            text: { type: 'plain_text', text: 'No thanks' },
            value: 'decline',
          },
        ],
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Nothing happens unless you say yes. You will not be asked again.' },
        ],
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

export const INVITE_USAGE =
  'Name one user group or channel: `/reflect invite @team-leads` or `/reflect invite #managers`. ' +
  'Each person gets one DM offering weekly nudges; nobody is enrolled without saying yes.';

export const INVITE_ADMINS_ONLY_TEXT =
  'Only workspace admins and owners (or people in ADMIN_USER_IDS) can send invitations.';

export function inviteLimitText(max: number, retryAfterSeconds: number): string {
  return `You've sent ${max} rounds of invitations today, the most one person can send in a day, so nobody was invited this time. Please try again ${describeWait(retryAfterSeconds)}.`;
}

export const INVITE_LOOKING_UP_TEXT = 'Looking up who to invite…';

/** The inviter's report once the invitations are queued. */
export function invitingText(report: {
  queued: number;
  alreadyEnrolled: number;
  alreadyInvited: number;
}): string {
  const skipped = report.alreadyEnrolled + report.alreadyInvited;
  return (
    `Inviting ${report.queued} ${report.queued === 1 ? 'person' : 'people'}: each gets one DM offering weekly nudges, ` +
    `and nobody is enrolled without saying yes.${skipped > 0 ? ` Left out: ${report.alreadyEnrolled} already get nudges, ${report.alreadyInvited} were invited before.` : ''}`
  );
}

export const INVITE_NOT_IN_CHANNEL_TEXT =
  'I am not in that channel, so I cannot see its members. Invite me first (or use a user group).';
export const INVITE_MEMBERS_UNREADABLE_TEXT =
  'Sorry, I could not read the members of that group or channel just now. Nothing was sent.';
