import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { keys } from '#src/store/keys.ts';
import { DOUBLE_OAUTH, oauthEnv, beginInstall as openInstallPage } from '#test/support/oauth.ts';
import { testRedisUrl } from '#test/support/redis.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

const OAUTH_ENV = oauthEnv(7);
const RAW_TOKEN = 'xoxb-team9-very-secret-token';

async function allRedisValues(): Promise<string> {
  const redis = new Redis(testRedisUrl());
  try {
    const keys = await redis.keys('*');
    const dumps = await Promise.all(
      keys.map(async (key) => {
        const type = await redis.type(key);
        if (type === 'string') return `${key} ${await redis.get(key)}`;
        if (type === 'hash') return `${key} ${JSON.stringify(await redis.hgetall(key))}`;
        if (type === 'set') return `${key} ${(await redis.smembers(key)).join(',')}`;
        if (type === 'zset') return `${key} ${(await redis.zrange(key, 0, '-1')).join(',')}`;
        if (type === 'list') return `${key} ${(await redis.lrange(key, 0, -1)).join(',')}`;
        return key;
      }),
    );
    return dumps.join('\n');
  } finally {
    redis.disconnect();
  }
}

/** Runs /slack/install like a browser: returns the state and the cookie Bolt set with it. */
async function beginInstall(t: TestApp): Promise<{ state: string; cookie: string; page: string }> {
  const { status, state, cookie, page } = await openInstallPage(t.baseUrl);
  expect(status).toBe(200);
  expect(state).not.toBe('');
  expect(cookie).toContain(state);
  return { state, cookie, page };
}

describe('multi-workspace install (OAuth)', () => {
  let t: TestApp | undefined;
  let slack: SlackDouble | undefined;
  afterEach(async () => {
    await t?.stop();
    await slack?.close();
  });

  async function start() {
    slack = await startSlackDouble({
      teams: [{ teamId: 'T0', botToken: 'xoxb-unused', botUserId: 'UBOT0', botId: 'BBOT0' }],
      oauth: DOUBLE_OAUTH,
    });
    slack.addOAuthCode('code-9', {
      teamId: 'T9',
      botToken: RAW_TOKEN,
      teamName: 'Team Nine',
      authedUserId: 'U9',
    });
    t = await startTestApp({ slack, env: OAUTH_ENV });
    return t;
  }

  it('installs, stores the token sealed, and answers that team with its own token', async () => {
    const app = await start();
    const { state, cookie, page } = await beginInstall(app);
    expect(page).toContain('client_id=111.222');

    const callback = await fetch(`${app.baseUrl}/slack/oauth_redirect?code=code-9&state=${state}`, {
      headers: { cookie },
    });
    expect(callback.status).toBe(200);
    expect(slack?.callsTo('oauth.v2.access')).toHaveLength(1);

    const everything = await allRedisValues();
    expect(everything).toContain(keys.installation('T9'));
    expect(everything).not.toContain(RAW_TOKEN);
    expect(everything).not.toContain('very-secret');

    const stored = app.throughline.deps.installations;
    const installation = await stored?.fetchInstallation({
      teamId: 'T9',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(installation?.bot?.token).toBe(RAW_TOKEN);
    const client = await app.throughline.deps.teamClients.forTeam('T9');
    await client.auth.test();
    expect(slack?.calls.at(-1)?.token).toBe(RAW_TOKEN);

    // A slash command from the new workspace is answered with that workspace's token.
    slack?.addUser({ teamId: 'T9', id: 'U9', tz: 'Europe/Berlin' });
    const reply = await app.command({ teamId: 'T9', userId: 'U9', text: '' });
    expect(reply.status).toBe(200);
    const [opened] = (await slack?.waitFor('views.open')) ?? [];
    expect(opened?.token).toBe(RAW_TOKEN);
  });

  it('refuses a forged state and a replayed state', async () => {
    const app = await start();
    const forged = await fetch(
      `${app.baseUrl}/slack/oauth_redirect?code=code-9&state=forged-state-value-123`,
      {
        headers: { cookie: 'slack-app-oauth-state=forged-state-value-123' },
      },
    );
    expect(forged.status).toBe(400);
    expect(slack?.callsTo('oauth.v2.access')).toHaveLength(0);

    const { state, cookie } = await beginInstall(app);
    const first = await fetch(`${app.baseUrl}/slack/oauth_redirect?code=code-9&state=${state}`, {
      headers: { cookie },
    });
    expect(first.status).toBe(200);
    const replay = await fetch(`${app.baseUrl}/slack/oauth_redirect?code=code-9&state=${state}`, {
      headers: { cookie },
    });
    expect(replay.status).toBe(400);
    expect(slack?.callsTo('oauth.v2.access')).toHaveLength(1);

    // A state without the installer's browser cookie is refused too.
    const other = await beginInstall(app);
    const noCookie = await fetch(`${app.baseUrl}/slack/oauth_redirect?code=code-9&state=${other.state}`);
    expect(noCookie.status).toBe(400);
  });

  it('app_uninstalled removes the installation and runs every team clean-up', async () => {
    const app = await start();
    const { state, cookie } = await beginInstall(app);
    await fetch(`${app.baseUrl}/slack/oauth_redirect?code=code-9&state=${state}`, { headers: { cookie } });
    const cleaned: string[] = [];
    app.throughline.deps.teamCleanup.push(async (teamId) => {
      cleaned.push(teamId);
    });

    const response = await app.event({ type: 'app_uninstalled' }, { teamId: 'T9' });
    expect(response.status).toBe(200);
    await expect.poll(() => cleaned, { timeout: 3000 }).toEqual(['T9']);
    expect(await allRedisValues()).not.toContain(keys.installation('T9'));
    await expect(app.throughline.deps.teamClients.forTeam('T9')).rejects.toThrow();
  });
});
