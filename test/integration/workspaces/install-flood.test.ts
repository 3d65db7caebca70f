import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { beginInstall, DOUBLE_OAUTH, oauthEnv } from '#test/support/oauth.ts';
import { testRedisUrl } from '#test/support/redis.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

// Anonymous visitors of /slack/install must not be able to fill Redis (with `noeviction`, a full
// Redis stops the bot): the OAuth state is signed and expiring, not stored; only a completed
// callback writes its single-use marker. Each address also gets a limited number of tries.

// No job workers: nothing else writes to Redis while the flood runs.
const ENV = { ...oauthEnv(3), ROLE: 'web' };

const redis = new Redis(testRedisUrl());
let slack: SlackDouble;
let t: TestApp | undefined;

beforeAll(async () => {
  slack = await startSlackDouble({
    teams: [{ teamId: 'T0', botToken: 'xoxb-unused', botUserId: 'UBOT0', botId: 'BBOT0' }],
    oauth: DOUBLE_OAUTH,
  });
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
});
afterAll(async () => {
  redis.disconnect();
  await slack.close();
});

describe('GET /slack/install flood', () => {
  it('10,000 anonymous GETs add no Redis key, and one address is limited (429, Retry-After)', async () => {
    t = await startTestApp({ slack, env: ENV });
    const app = t;
    await beginInstall(app.baseUrl); // warm up (connections, Bolt's first render)
    const keysBefore = (await redis.keys('*')).sort();
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    let sent = 0;
    const worker = async () => {
      while (sent < 10_000) {
        sent += 1;
        const response = await fetch(`${app.baseUrl}/slack/install`);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    expect((await redis.keys('*')).sort()).toEqual(keysBefore);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(429) ?? 0).toBeGreaterThan(9_000);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  }, 120_000);

  it('a state issued without any Redis write still installs once, and only once', async () => {
    t = await startTestApp({ slack, env: ENV });
    slack.addOAuthCode('code-flood', { teamId: 'T7', botToken: 'xoxb-t7-token', authedUserId: 'U7' });
    const keysBefore = await redis.dbsize();
    const { state, cookie } = await beginInstall(t.baseUrl);
    expect(await redis.dbsize()).toBe(keysBefore);
    const done = await fetch(`${t.baseUrl}/slack/oauth_redirect?code=code-flood&state=${state}`, {
      headers: { cookie },
    });
    expect(done.status).toBe(200);
    const replay = await fetch(`${t.baseUrl}/slack/oauth_redirect?code=code-flood&state=${state}`, {
      headers: { cookie },
    });
    expect(replay.status).toBe(400);
    expect(slack.callsTo('oauth.v2.access')).toHaveLength(1);
    // A state with one byte changed is refused without any call to Slack.
    const other = await beginInstall(t.baseUrl);
    const tampered = `${other.state.slice(0, -2)}${other.state.endsWith('A') ? 'B' : 'A'}${other.state.slice(-1)}`;
    const forged = await fetch(`${t.baseUrl}/slack/oauth_redirect?code=code-flood&state=${tampered}`, {
      headers: { cookie: `slack-app-oauth-state=${tampered}` },
    });
    expect(forged.status).toBe(400);
    expect(slack.callsTo('oauth.v2.access')).toHaveLength(1);
  });
});
