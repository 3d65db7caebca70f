import { describe, expect, it } from 'vitest';
import { nudgeHomeSection } from '#messages/nudge-home-section.ts';
import { inviteReplyText, nudgeInvitationMessage, readInviteTarget } from '#messages/nudge-invitation.ts';
import {
  NUDGE_ACTIONS,
  nudgeAcknowledgement,
  nudgeFollowUpMessage,
  nudgeMessage,
  readNudgeAction,
} from '#messages/nudge-message.ts';
import { nudgeScheduleModal, readNudgeScheduleSubmission } from '#messages/nudge-schedule-modal.ts';
import { REFLECTION_PROMPTS } from '#messages/reflection-prompts.ts';
import { collectBlockKitViolations } from '#src/sandbox/block-kit-limits.ts';

const PROMPT = REFLECTION_PROMPTS[0] ?? { id: 'x', dimension: 'soul', side: 'personal', text: 'A prompt' };

function actionIds(blocks: unknown): string[] {
  return [...JSON.stringify(blocks).matchAll(/"action_id":"([a-z_]+)"/g)].map((m) => m[1] ?? '');
}

describe('the nudge DM', () => {
  it("carries this week's prompt, last week's intention (escaped), and the four buttons with the week", () => {
    const message = nudgeMessage({
      weekKey: '2026-W49',
      prompt: PROMPT,
      lastIntention: 'Ask <!channel> & <@U2> for help\nthen listen',
      scheduleText: 'Fridays at 16:00 (Europe/Berlin)',
      canSnooze: true,
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(PROMPT.text.replace(/"/g, '\\"'));
    expect(text).toContain('Last week you meant to');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U2&gt;');
    expect(text).not.toContain('<!channel>');
    expect(actionIds(message.blocks)).toEqual([
      NUDGE_ACTIONS.reflectNow,
      NUDGE_ACTIONS.snooze,
      NUDGE_ACTIONS.tomorrow,
      NUDGE_ACTIONS.skipWeek,
    ]);
    expect(text.match(/"value":"2026-W49"/g)).toHaveLength(4);
    expect(message.text.length).toBeGreaterThan(0);
    expect(collectBlockKitViolations('message', message.blocks)).toEqual([]);
  });

  it('leaves Snooze and Tomorrow out once a week has had its redeliveries, and caps extra blocks', () => {
    const extra = Array.from({ length: 30 }, () => ({ type: 'divider' as const }));
    const message = nudgeMessage({
      weekKey: '2026-W49',
      prompt: PROMPT,
      scheduleText: 'Fridays at 16:00 (UTC)',
      canSnooze: false,
      again: true,
      extraBlocks: extra,
    });
    expect(actionIds(message.blocks)).toEqual([NUDGE_ACTIONS.reflectNow, NUDGE_ACTIONS.skipWeek]);
    expect(message.blocks.length).toBeLessThanOrEqual(16);
    expect(collectBlockKitViolations('message', message.blocks)).toEqual([]);
  });

  it('a 10,000-character intention still fits Slack limits', () => {
    const message = nudgeMessage({
      weekKey: '2026-W49',
      prompt: PROMPT,
      lastIntention: 'x'.repeat(10_000),
      scheduleText: 'Fridays at 16:00 (UTC)',
      canSnooze: true,
    });
    expect(collectBlockKitViolations('message', message.blocks)).toEqual([]);
  });

  it('the follow-up and the acknowledgement fit too', () => {
    const followUp = nudgeFollowUpMessage({ weekKey: '2026-W49', prompt: PROMPT });
    expect(actionIds(followUp.blocks)).toEqual([NUDGE_ACTIONS.reflectNow, NUDGE_ACTIONS.skipWeek]);
    expect(collectBlockKitViolations('message', followUp.blocks)).toEqual([]);
    expect(collectBlockKitViolations('message', nudgeAcknowledgement('Skipped').blocks)).toEqual([]);
  });

  it('reads only the buttons it built, with a well-formed week', () => {
    expect(readNudgeAction('nudge_snooze', '2026-W49')).toEqual({
      action: 'nudge_snooze',
      weekKey: '2026-W49',
    });
    expect(readNudgeAction('nudge_snooze', '2026-W49:x')).toBeUndefined();
    expect(readNudgeAction('nudge_snooze', undefined)).toBeUndefined();
    expect(readNudgeAction('other_action', '2026-W49')).toBeUndefined();
    // The week must exist: 2026 has 53 ISO weeks, 2027 only 52.
    expect(readNudgeAction('nudge_snooze', '2026-W53')?.weekKey).toBe('2026-W53');
    expect(readNudgeAction('nudge_snooze', '2027-W53')).toBeUndefined();
    expect(readNudgeAction('nudge_snooze', '2026-W00')).toBeUndefined();
  });
});

describe('invitations, the schedule modal and the App Home section', () => {
  it('reads a user group or a channel as Slack escapes them, and nothing else', () => {
    expect(readInviteTarget('<!subteam^S0123ABC|@team-leads>')).toEqual({
      kind: 'usergroup',
      id: 'S0123ABC',
    });
    expect(readInviteTarget('<#C0123ABC|managers>')).toEqual({ kind: 'channel', id: 'C0123ABC' });
    expect(readInviteTarget('<#C0123ABC>')).toEqual({ kind: 'channel', id: 'C0123ABC' });
    for (const bad of ['', '@team-leads', '<@U123>', '<!channel>', '<#C1|a> <#C2|b>']) {
      expect(readInviteTarget(bad)).toBeUndefined();
    }
    expect(inviteReplyText('usage')).toContain('/reflect invite @team-leads');
    const invitation = nudgeInvitationMessage({ inviterId: 'UADMIN' });
    expect(actionIds(invitation.blocks)).toEqual([
      'nudge_invite_accept',
      'nudge_choose_schedule',
      'nudge_invite_decline',
    ]);
    expect(collectBlockKitViolations('message', invitation.blocks)).toEqual([]);
  });

  it('the schedule modal round-trips a day and a time, and refuses malformed submissions', () => {
    const modal = nudgeScheduleModal({
      current: { weekday: 3, hour: 9, minute: 5 },
      timeZone: 'Asia/Kathmandu',
    });
    expect(collectBlockKitViolations('modal', modal)).toEqual([]);
    expect(JSON.stringify(modal)).toContain('"initial_time":"09:05"');
    const values = {
      nudge_day: { day: { type: 'static_select', selected_option: { value: '3' } } },
      nudge_time: { time: { type: 'timepicker', selected_time: '09:05' } },
    };
    expect(readNudgeScheduleSubmission(values)).toEqual({
      ok: true,
      schedule: { weekday: 3, hour: 9, minute: 5 },
    });
    expect(readNudgeScheduleSubmission({}).ok).toBe(false);
    expect(
      readNudgeScheduleSubmission({ ...values, nudge_time: { time: { selected_time: '31:99' } } }).ok,
    ).toBe(false);
    expect(
      readNudgeScheduleSubmission({ ...values, nudge_day: { day: { selected_option: { value: '8' } } } }).ok,
    ).toBe(false);
  });

  it('the App Home section shows the schedule, the next nudge and the right controls', () => {
    const enrolled = nudgeHomeSection({
      enrolled: true,
      schedule: { weekday: 5, hour: 16, minute: 0 },
      tz: 'Europe/Berlin',
      nextAt: new Date('2026-12-04T15:00:00Z'),
      upcomingPaused: [],
    });
    const text = JSON.stringify(enrolled);
    expect(text).toContain('every Friday at 16:00 (Europe/Berlin)');
    expect(text).toContain('Friday, 4 December 2026 at 16:00');
    expect(actionIds(enrolled)).toEqual(['nudge_choose_schedule', 'nudge_home_pause', 'nudge_home_stop']);
    const paused = nudgeHomeSection({
      enrolled: true,
      schedule: { weekday: 5, hour: 16, minute: 0 },
      tz: 'Europe/Berlin',
      upcomingPaused: ['2026-W49'],
    });
    expect(actionIds(paused)).toContain('nudge_home_resume');
    const newcomer = nudgeHomeSection({ enrolled: false, upcomingPaused: [] });
    expect(actionIds(newcomer)).toEqual(['nudge_home_opt_in', 'nudge_choose_schedule']);
    for (const blocks of [enrolled, paused, newcomer])
      expect(collectBlockKitViolations('home', { type: 'home', blocks })).toEqual([]);
  });
});
