import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#src/store/keys.ts';
import { testRedisUrl } from '#test/support/redis.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

let t: TestApp;
let redis: Redis;
beforeAll(async () => {
  t = await startTestApp({ now: new Date('2026-11-30T09:00:00Z') });
  t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  redis.disconnect();
  await t.stop();
});

/**
 * Every key under the person's root (nothing may be stored for bad input), except the profile cache
 * (zone and Slack locale) that the language middleware keeps for every request anyone makes.
 */
async function personKeys(): Promise<string[]> {
  const found = await redis.keys(`${keys.userRoot('T1', 'U1')}*`);
  return found.filter((key) => key !== keys.userProfile('T1', 'U1'));
}

describe('bad /reflect schedule and pause input', () => {
  const cases: { text: string; says: RegExp }[] = [
    { text: 'schedule 31:99', says: /\/reflect schedule fri 16:00/ },
    { text: 'schedule someday', says: /\/reflect schedule fri 16:00/ },
    { text: 'schedule', says: /Tell me a day and a time.*\/reflect schedule fri 16:00/ },
    { text: `schedule ${'x'.repeat(500)}`, says: /\/reflect schedule fri 16:00/ },
    { text: 'schedule fri 31:99', says: /(Minutes|Hours) go from.*\/reflect schedule fri 16:00/ },
    { text: 'schedule fri 31:00', says: /Hours go from 00 to 23.*\/reflect schedule fri 16:00/ },
    { text: 'pause 0', says: /whole number from 1 to 12.*\/reflect pause 2/ },
    { text: 'pause 99', says: /whole number from 1 to 12.*\/reflect pause 2/ },
    { text: 'pause -1', says: /whole number from 1 to 12.*\/reflect pause 2/ },
  ];
  for (const { text, says } of cases) {
    it(`"/reflect ${text.slice(0, 30)}" gets a clear message with the right form and stores nothing`, async () => {
      const reply = await t.command({ text, userId: 'U1' });
      expect(reply.status).toBe(200);
      const body = reply.json() as { response_type?: string; text?: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toMatch(says);
      // The person's text is never echoed back.
      if (text.length > 100) expect(body.text).not.toContain('xxxxxxxxxx');
      expect(await redis.exists(keys.nudgeSchedule('T1', 'U1'))).toBe(0);
      expect(await personKeys()).toEqual([]);
      expect(await redis.zcard(keys.nudgeEnrolled('T1'))).toBe(0);
      expect(await t.throughline.deps.nudges?.queue.getJobCounts('delayed', 'waiting')).toEqual({
        delayed: 0,
        waiting: 0,
      });
    });
  }

  it('pause and resume for someone not enrolled say how to start, and store nothing', async () => {
    for (const text of ['pause 2', 'resume']) {
      const reply = await t.command({ text, userId: 'U1' });
      expect((reply.json() as { text: string }).text).toContain('/reflect schedule fri 16:00');
    }
    expect(await personKeys()).toEqual([]);
  });
});
