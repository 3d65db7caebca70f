import { describe, expect, it } from 'vitest';
import { weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';
import { armedAt, fireArmedNudge, nudgeDms, nudgesOf } from './nudge-helpers.ts';

// Monday, 30 November 2026, 10:00 in Berlin (ISO week 2026-W49). Fridays at 16:00 Berlin = 15:00Z.
const MONDAY = new Date('2026-11-30T09:00:00Z');

const startApp = startsTestApps();

async function enrolledApp(tz = 'Europe/Berlin'): Promise<TestApp> {
  const app = await startApp({ now: MONDAY, env: { NUDGE_FOLLOW_UP: 'off' } });
  app.slack.addUser({ id: 'U1', tz });
  const reply = await app.command({ text: 'schedule fri 16:00', userId: 'U1' });
  expect(reply.text).toContain('Friday, 4 December 2026 at 16:00');
  return app;
}

describe('changes take effect for the next occurrence', () => {
  it('pause skips exactly the paused weeks, then nudges resume every week', async () => {
    const t = await enrolledApp();
    const reply = await t.command({ text: 'pause 2', userId: 'U1' });
    expect(reply.text).toContain('2026-W49, 2026-W50');
    expect(reply.text).toContain('Friday, 18 December 2026 at 16:00 (Europe/Berlin)');
    expect(await nudgesOf(t).service.pausedWeeks('T1', 'U1')).toEqual(['2026-W49', '2026-W50']);
    // The week-49 job is gone, not just skipped later.
    expect(await nudgesOf(t).queue.getJobState(weeklyNudgeJobId('T1', 'U1', '2026-W49'))).toBe('unknown');

    const fired = [];
    for (let i = 0; i < 3; i++) fired.push((await fireArmedNudge(t)).weekKey);
    expect(fired).toEqual(['2026-W51', '2026-W52', '2026-W53']);
    expect(nudgeDms(t)).toHaveLength(3);
    expect(await armedAt(t)).toBe('2027-01-08T15:00:00.000Z');
  });

  it('resume restores the paused weeks from this week on', async () => {
    const t = await enrolledApp();
    await t.command({ text: 'pause 3', userId: 'U1' });
    expect(await armedAt(t)).toBe('2026-12-25T15:00:00.000Z');
    const reply = await t.command({ text: 'resume', userId: 'U1' });
    expect(reply.text).toContain('Friday, 4 December 2026 at 16:00');
    expect(await nudgesOf(t).service.pausedWeeks('T1', 'U1')).toEqual([]);
    expect((await fireArmedNudge(t)).weekKey).toBe('2026-W49');
    expect(nudgeDms(t)).toHaveLength(1);
  });

  it('a schedule change moves the pending nudge (the old job is removed)', async () => {
    const t = await enrolledApp();
    const reply = await t.command({ text: 'schedule Monday 9:30 am', userId: 'U1' });
    // 09:30 today has passed (it is 10:00), so next Monday.
    expect(reply.text).toContain('Monday, 7 December 2026 at 09:30 (Europe/Berlin)');
    expect(await nudgesOf(t).queue.getJobState(weeklyNudgeJobId('T1', 'U1', '2026-W49'))).toBe('unknown');
    expect(await armedAt(t)).toBe('2026-12-07T08:30:00.000Z');
    await t.command({ text: 'schedule mon 11:00', userId: 'U1' });
    expect(await armedAt(t)).toBe('2026-11-30T10:00:00.000Z');
    const fired = await fireArmedNudge(t);
    expect(fired.dueAt.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(nudgeDms(t)).toHaveLength(1);
  });

  it('a time-zone change (user_change) moves the next nudge to the new local time', async () => {
    const t = await enrolledApp();
    expect(await armedAt(t)).toBe('2026-12-04T15:00:00.000Z');
    t.slack.addUser({ id: 'U1', tz: 'America/New_York' });
    const response = await t.event({
      type: 'user_change',
      user: { id: 'U1', team_id: 'T1', tz: 'America/New_York', deleted: false, is_bot: false },
    });
    expect(response.status).toBe(200);
    // Friday 16:00 in New York is 21:00Z.
    await expect.poll(() => armedAt(t as TestApp)).toBe('2026-12-04T21:00:00.000Z');
    const fired = await fireArmedNudge(t);
    expect(fired.dueAt.toISOString()).toBe('2026-12-04T21:00:00.000Z');
    expect(nudgeDms(t)).toHaveLength(1);
  });

  it('reflecting before the nudge cancels it for that week only', async () => {
    const t = await enrolledApp();
    await t.throughline.deps.reflect.reflections.save('T1', 'U1', {
      weekKey: '2026-W49',
      timeZone: 'Europe/Berlin',
      prompts: [{ id: 'heart-p-01', dimension: 'heart', text: 'A prompt', answer: 'An answer' }],
      ratings: {},
    });
    expect((await fireArmedNudge(t)).weekKey).toBe('2026-W49');
    expect(nudgeDms(t)).toHaveLength(0);
    // Next week is armed and goes out.
    expect(await armedAt(t)).toBe('2026-12-11T15:00:00.000Z');
    expect((await fireArmedNudge(t)).weekKey).toBe('2026-W50');
    expect(nudgeDms(t)).toHaveLength(1);
    const metrics =
      await t.throughline.deps.metrics.registry.getSingleMetricAsString('throughline_nudges_total');
    expect(metrics).toContain('outcome="skipped_reflected"');
  });
});
