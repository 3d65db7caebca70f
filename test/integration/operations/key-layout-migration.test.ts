import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { hashTaggedName, migrateToHashTaggedKeys } from '#src/migrations/hash-tag-key-layout.ts';
import { testRedisUrl } from '#test/support/redis.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge, nudgeDms } from '../nudges/nudge-helpers.ts';
import { answerValues, openReflect, submitReflect } from '../reflect/reflect-driver.ts';

/** Renames every key back to the first layout (`tl:T1:…`, `tlq:…`), as an earlier version left them. */
async function toFirstLayout(redis: Redis): Promise<number> {
  const all = await redis.keys('*');
  for (const key of all) {
    const old = key.replace(/^tl:\{([^}]+)\}/, 'tl:$1').replace(/^\{tlq\}:/, 'tlq:');
    if (old !== key) await redis.rename(key, old);
  }
  return all.length;
}

describe('moving an earlier install to the hash-tagged key layout', () => {
  const redis = new Redis(testRedisUrl());
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.stop();
    redis.disconnect();
  });

  it('names: workspace keys and queues are tagged; global and already tagged keys are not', () => {
    expect(hashTaggedName('tl:T1:user:U1:nudge')).toBe('tl:{T1}:user:U1:nudge');
    expect(hashTaggedName('tl:E9:installation')).toBe('tl:{E9}:installation');
    expect(hashTaggedName('tlq:nudges:wait')).toBe('{tlq}:nudges:wait');
    expect(hashTaggedName('tl:installations')).toBeUndefined();
    expect(hashTaggedName('tl:nudge-teams')).toBeUndefined();
    expect(hashTaggedName('tl:oauth-state:abc')).toBeUndefined();
    expect(hashTaggedName('tl:{T1}:user:U1:nudge')).toBeUndefined();
    expect(hashTaggedName('someone-else:key')).toBeUndefined();
  });

  it('keeps reflections, schedules and queued nudge jobs, and a second run moves nothing', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const before = await startTestApp({ now });
    apps.push(before);
    before.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    const opened = await openReflect(before);
    await submitReflect(before, { ...opened, values: answerValues(['kept answer', 'heart', 'mind']) });
    // Next week (this week is reflected already, so its nudge would be skipped).
    before.clock.set(new Date('2026-11-30T09:00:00Z'));
    expect((await before.command({ text: 'schedule fri 16:00' })).status).toBe(200);
    await expect
      .poll(async () => (await before.throughline.deps.nudges?.store.get('T1', 'U1'))?.jobId)
      .toBeTruthy();
    await before.stop();
    apps.pop();

    const total = await toFirstLayout(redis);
    expect(await redis.keys('tl:{*')).toEqual([]);
    // A key written by the new version already: the migration must not overwrite it.
    await redis.set('tl:T1:clash', 'old');
    await redis.set('tl:{T1}:clash', 'new');

    const first = await migrateToHashTaggedKeys(redis);
    expect(first.renamed).toBeGreaterThan(10);
    expect(first.renamed).toBeLessThanOrEqual(total);
    expect(first.clashes).toEqual(['tl:T1:clash']);
    expect(await redis.get('tl:{T1}:clash')).toBe('new');
    expect(await redis.keys('tlq:*')).toEqual([]);
    expect(await migrateToHashTaggedKeys(redis)).toEqual({ renamed: 0, clashes: ['tl:T1:clash'] });

    const after = await startTestApp({ now: new Date('2026-11-30T09:00:00Z'), keepRedis: true });
    apps.push(after);
    after.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    expect(await after.throughline.deps.reflect.reflections.reflectedWeeks('T1', 'U1')).toHaveLength(1);
    const history = await after.command({ text: 'history' });
    expect(history.text).toContain('kept answer');
    // The nudge job queued by the earlier layout still runs under the new prefix.
    await fireArmedNudge(after);
    expect(nudgeDms(after).some((call) => JSON.stringify(call.params.blocks).includes('Reflect now'))).toBe(
      true,
    );
  });
});
