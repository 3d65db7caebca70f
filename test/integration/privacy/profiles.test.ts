import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { keys } from '#src/store/keys.ts';
import { PROFILE_TTL_SECONDS } from '#src/store/user-profile-store.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';
import { startsTestApps } from '#test/support/test-app.ts';

const startApp = startsTestApps();

async function profileKeys(): Promise<string[]> {
  const redis = new Redis(testRedisUrl());
  try {
    return await redis.keys('*:profile');
  } finally {
    redis.disconnect();
  }
}

async function ttlOf(key: string): Promise<number> {
  const redis = new Redis(testRedisUrl());
  try {
    return await redis.ttl(key);
  } finally {
    redis.disconnect();
  }
}

describe('Slack profiles of people who never used the bot', () => {
  it('user_change for members (external Slack Connect people included) who never used Throughline stores nothing', async () => {
    const t = await startApp({ now: new Date('2026-11-30T09:00:00Z') });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    await t.command({ text: 'schedule wed 16:00', userId: 'U1' });
    const response = await t.event({
      type: 'user_change',
      user: { id: 'U_STRANGER', tz: 'Asia/Tokyo', real_name: 'Never Used It' },
    });
    expect(response.status).toBe(200);
    await t.event(
      { type: 'user_change', user: { id: 'U_EXTERNAL', team_id: 'T_OTHER_ORG', tz: 'America/Chicago' } },
      { eventId: 'Ev_external' },
    );
    // A change for someone known, sent last: once it landed, the two before it were handled too.
    await t.event({ type: 'user_change', user: { id: 'U1', tz: 'Asia/Tokyo' } }, { eventId: 'Ev_known' });
    await expect
      .poll(async () => (await t?.throughline.deps.userProfiles.cachedTimeZone('T1', 'U1'))?.tz)
      .toBe('Asia/Tokyo');
    expect(await profileKeys()).toEqual([keys.userProfile('T1', 'U1')]);
  });

  it('user_change updates the zone of someone who used the bot, and profiles expire unless used', async () => {
    const t = await startApp({ now: new Date('2026-11-30T09:00:00Z') });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    await t.command({ text: 'schedule wed 16:00', userId: 'U1' });
    const key = keys.userProfile('T1', 'U1');
    expect(await t.throughline.deps.userProfiles.cachedTimeZone('T1', 'U1')).toMatchObject({
      tz: 'Europe/Berlin',
    });
    const ttl = await ttlOf(key);
    expect(ttl).toBeGreaterThan(PROFILE_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(PROFILE_TTL_SECONDS);
    await t.event({ type: 'user_change', user: { id: 'U1', tz: 'Asia/Tokyo' } });
    await expect
      .poll(async () => (await t?.throughline.deps.userProfiles.cachedTimeZone('T1', 'U1'))?.tz)
      .toBe('Asia/Tokyo');
    expect(await ttlOf(key)).toBeGreaterThan(PROFILE_TTL_SECONDS - 60);
  });

  it('profiles stored before they expired (strangers’ included) get their expiry on the next start', async () => {
    // Expiry is absolute (PEXPIREAT) and Redis keeps real time, so the seeds use real time too.
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    await flushTestRedis();
    const redis = new Redis(testRedisUrl());
    try {
      await redis.hset(keys.userProfile('T1', 'U_RECENT'), {
        tz: 'Asia/Tokyo',
        tzCheckedAt: String(now.getTime() - day),
      });
      await redis.hset(keys.userProfile('T1', 'U_LONG_AGO'), {
        tz: 'Asia/Tokyo',
        tzCheckedAt: String(now.getTime() - 40 * day),
      });
    } finally {
      redis.disconnect();
    }
    const _t = await startApp({ now, keepRedis: true });
    await expect.poll(profileKeys).toEqual([keys.userProfile('T1', 'U_RECENT')]);
    await expect.poll(() => ttlOf(keys.userProfile('T1', 'U_RECENT'))).toBeGreaterThan(0);
    const ttl = await ttlOf(keys.userProfile('T1', 'U_RECENT'));
    expect(ttl).toBeGreaterThan(PROFILE_TTL_SECONDS - 2 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(PROFILE_TTL_SECONDS);
  });
});
