import { describe, expect, it } from 'vitest';
import { weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import { startsTestApps } from '#test/support/test-app.ts';

const startApp = startsTestApps();

describe('a weekly nudge end to end (real Redis, BullMQ and Bolt, the Slack double)', () => {
  it('arrives as a DM at the chosen local time, then next week is armed', async () => {
    // Friday, 4 December 2026, 15:59:59.900 in Berlin (14:59:59.900Z): the 16:00 nudge is 100 ms ahead.
    const t = await startApp({ now: new Date('2026-12-04T14:59:59.900Z') });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });

    const reply = await t.command({ text: 'schedule fri 16:00', userId: 'U1' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('Friday, 4 December 2026 at 16:00 (Europe/Berlin)');

    const [dm] = await t.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.params.channel === 'U1',
      { timeoutMs: 5000 },
    );
    expect(dm?.ok).toBe(true);
    const blocks = JSON.stringify(dm?.params.blocks);
    expect(blocks).toContain("This week's prompt");
    for (const action of ['nudge_reflect_now', 'nudge_snooze', 'nudge_tomorrow', 'nudge_skip_week']) {
      expect(blocks).toContain(action);
    }

    const queue = t.throughline.deps.nudges?.queue;
    await expect
      .poll(async () => queue?.getJobState(weeklyNudgeJobId('T1', 'U1', '2026-W50')))
      .toBe('delayed');
    const next = await queue?.getJob(weeklyNudgeJobId('T1', 'U1', '2026-W50'));
    expect(next?.data.dueAt).toBe(Date.parse('2026-12-11T15:00:00Z'));
  });
});
