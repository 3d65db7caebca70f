import { describe, expect, it } from 'vitest';
import { ACK_BUDGET_MS } from '#src/slack/reflect-command.ts';
import { useTestApp } from '#test/support/test-app.ts';

/**
 * Slack gives a slash command 3 s, network included. A command whose answer needs a slow Slack
 * call (here `users.info` for the admin check of `/reflect invite`) is acknowledged at the budget
 * and answered through `response_url`, so the person sees the answer, not "operation_timeout".
 */
describe('the ack budget', () => {
  const t = useTestApp({ now: new Date('2026-11-30T09:00:00Z') }, () => {
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    t.slack.addChannel({ id: 'C1' });
  });

  it('acks empty within the budget when the answer is slow, then answers through response_url', async () => {
    t.slack.setLatency(ACK_BUDGET_MS + 350, 'users.info');
    const started = performance.now();
    const response = await t.command({
      text: 'invite <!subteam^S1|@leads>',
      responseUrl: t.slack.responseUrl('slow-invite'),
    });
    const ackedAfterMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    // Inside Slack's 3 s (the answer itself took longer than the budget: see the empty body above).
    expect(ackedAfterMs).toBeLessThan(3000);
    const [answer] = await t.slack.waitForResponse((r) => r.id === 'slow-invite', 5000);
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(String(answer?.body.text)).toContain('Only workspace admins');
  });

  it('answers in the ack itself when the answer is quick', async () => {
    t.slack.setLatency(0, 'users.info');
    const response = await t.command({ text: 'invite <!subteam^S1|@leads>' });
    expect(response.status).toBe(200);
    expect((response.json() as { text: string }).text).toContain('Only workspace admins');
  });
});
