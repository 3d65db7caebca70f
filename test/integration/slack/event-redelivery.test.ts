import { describe, expect, it } from 'vitest';
import { weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import { keys } from '#src/store/keys.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';

const startApp = startsTestApps();

/** Slack's redelivery of the same event: same event_id, a new timestamp (so a new signature). */
function redeliver(app: TestApp, eventId: string, attempt: number) {
  return app.event(
    { type: 'app_uninstalled' },
    { eventId },
    {
      timestamp: Math.floor(Date.now() / 1000) + attempt,
      headers: { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_timeout' },
    },
  );
}

describe('an event is marked done only after its handlers succeeded', () => {
  it('app_uninstalled whose clean-up failed runs again on redelivery; once done, no more', async () => {
    const t = await startApp({ now: new Date('2026-11-30T09:00:00Z') });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    await t.command({ text: 'schedule wed 16:00', userId: 'U1' });
    const nudges = t.throughline.deps.nudges;
    const jobId = weeklyNudgeJobId('T1', 'U1', '2026-W49');
    expect(await nudges?.queue.getJobState(jobId)).toBe('delayed');

    let runs = 0;
    t.throughline.deps.teamCleanup.push(async () => {
      runs += 1;
      if (runs === 1) throw new Error('Redis was unreachable for a moment');
    });
    const redis = t.throughline.deps.redis.interactive;
    const seen = keys.eventSeen('T1', 'EvUNINSTALL1');

    expect((await redeliver(t, 'EvUNINSTALL1', 0)).status).toBe(200);
    await expect.poll(() => runs).toBe(1);
    // Failed: the event is not marked handled, so Slack's retry is not dropped.
    await expect.poll(() => redis.exists(seen)).toBe(0);

    expect((await redeliver(t, 'EvUNINSTALL1', 1)).status).toBe(200);
    await expect.poll(() => runs).toBe(2);
    await expect.poll(() => redis.get(seen)).toBe('done');
    expect(await nudges?.queue.getJobState(jobId)).toBe('unknown');

    expect((await redeliver(t, 'EvUNINSTALL1', 2)).status).toBe(200);
    expect(await redis.get(seen)).toBe('done');
    expect(runs).toBe(2);
  });
});
