import { describe, expect, it } from 'vitest';
import { useTestApp } from '#test/support/test-app.ts';

describe('abuse limit on /reflect invite', () => {
  const t = useTestApp(
    {
      now: new Date('2026-11-30T09:00:00Z'),
      env: { ADMIN_USER_IDS: 'UADMIN', INVITES_PER_DAY: '1' },
    },
    () => {
      for (const id of ['UADMIN', 'U1', 'U2']) t.slack.addUser({ id, tz: 'Europe/Berlin' });
      t.slack.addUsergroup({ id: 'S1', handle: 'leads', users: ['U1'] });
      t.slack.addUsergroup({ id: 'S2', handle: 'ops', users: ['U2'] });
    },
  );

  const invitationsTo = (userId: string) =>
    t.slack
      .callsTo('chat.postMessage')
      .filter(
        (call) =>
          call.ok &&
          call.params.channel === userId &&
          JSON.stringify(call.params.blocks).includes('nudge_invite_accept'),
      );

  it('allows the configured rounds per day, then refuses kindly and invites nobody', async () => {
    const first = await t.command({ text: 'invite <!subteam^S1|@leads>', userId: 'UADMIN' });
    expect(first.status).toBe(200);
    await expect.poll(() => invitationsTo('U1').length).toBe(1);

    const second = await t.command({ text: 'invite <!subteam^S2|@ops>', userId: 'UADMIN' });
    expect(second.status).toBe(200);
    const text = (second.json() as { text: string }).text;
    expect(text).toContain('the most one person can send in a day');
    expect(text).toContain('nobody was invited');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(invitationsTo('U2')).toHaveLength(0);

    t.clock.advance(24 * 60 * 60 * 1000);
    await t.command({ text: 'invite <!subteam^S2|@ops>', userId: 'UADMIN' });
    await expect.poll(() => invitationsTo('U2').length).toBe(1);
  });
});
