import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { describeWait } from '#messages/wait-text.ts';
import { fixedClock } from '#src/clock.ts';
import { createActionLimiter } from '#src/limits/action-limit.ts';
import { keys } from '#src/store/keys.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

describe('per-person action limits', () => {
  const redis = new Redis(testRedisUrl());
  afterAll(() => redis.disconnect());
  beforeEach(flushTestRedis);

  it('allows max actions per window, then tells how long to wait, then allows again', async () => {
    const clock = fixedClock(new Date('2026-11-27T10:00:10Z'));
    const limiter = createActionLimiter(redis, clock);
    const limit = { max: 3, windowSeconds: 3600 };
    for (let i = 0; i < 3; i += 1) {
      expect(await limiter.consume('T1', 'U1', 'recognize', limit)).toEqual({ allowed: true });
    }
    expect(await limiter.consume('T1', 'U1', 'recognize', limit)).toEqual({
      allowed: false,
      retryAfterSeconds: 3590,
    });
    // Someone else, another workspace and another action are counted apart.
    expect(await limiter.consume('T1', 'U2', 'recognize', limit)).toEqual({ allowed: true });
    expect(await limiter.consume('T2', 'U1', 'recognize', limit)).toEqual({ allowed: true });
    expect(await limiter.consume('T1', 'U1', 'invite', limit)).toEqual({ allowed: true });
    clock.advance(3600 * 1000);
    expect(await limiter.consume('T1', 'U1', 'recognize', limit)).toEqual({ allowed: true });
  });

  it('keeps its counters under the person, so forget removes them', async () => {
    const limiter = createActionLimiter(redis, fixedClock(new Date('2026-11-27T10:00:00Z')));
    await limiter.consume('T1', 'U1', 'recognize', { max: 1, windowSeconds: 60 });
    const found = await redis.keys(`${keys.userRoot('T1', 'U1')}:*`);
    expect(found).toHaveLength(1);
    expect(await redis.ttl(found[0] ?? '')).toBeGreaterThan(60);
  });

  it.each([
    [30, 'in a minute or so'],
    [600, 'in about 10 minutes'],
    [7200, 'in about 2 hours'],
  ])('describes a wait of %i s as "%s"', (seconds, text) => {
    expect(describeWait(seconds)).toBe(text);
  });
});
