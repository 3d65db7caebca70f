import type { Installation } from '@slack/bolt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import { createMetrics } from '#src/metrics.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { createInstallationClients, type InstallationClients } from '#src/workspaces/slack-clients.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function installation(teamId: string, token: string): Installation<'v2', false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token, userId: `UBOT${teamId}`, id: `BBOT${teamId}`, scopes: ['chat:write'] },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A0THROUGHLINE',
    authVersion: 'v2',
  };
}

describe('the per-workspace background client cache', () => {
  let t: TestApp | undefined;
  let slack: SlackDouble | undefined;
  afterEach(async () => {
    await t?.stop();
    await slack?.close();
    t = undefined;
  });

  it('a reinstall replaces the old token’s client; uninstalling (token revoked) drops it', async () => {
    slack = await startSlackDouble({
      teams: [{ teamId: 'T9', botToken: 'xoxb-t9-first', botUserId: 'UBOTT9', botId: 'BBOTT9' }],
    });
    slack.addUser({ teamId: 'T9', id: 'U9', tz: 'Europe/Berlin' });
    t = await startTestApp({ slack, env: OAUTH_ENV });
    const installations = t.throughline.deps.installations;
    const clients = t.throughline.deps.teamClients as InstallationClients;
    await installations?.storeInstallation(installation('T9', 'xoxb-t9-first'));

    const exported = async () => {
      const before = slack?.responses.length ?? 0;
      await t?.command({ text: 'export', userId: 'U9', teamId: 'T9' });
      await slack?.waitForResponse(() => true, { count: before + 1 });
    };
    await exported();
    expect(clients.size).toBe(1);
    expect(slack.callsTo('files.completeUploadExternal').at(-1)?.token).toBe('xoxb-t9-first');

    // Reinstalled with a new token: the old client is gone, not kept beside the new one.
    slack.addTeam({ teamId: 'T9', botToken: 'xoxb-t9-second', botUserId: 'UBOTT9', botId: 'BBOTT9' });
    await installations?.storeInstallation(installation('T9', 'xoxb-t9-second'));
    await exported();
    expect(clients.size).toBe(1);
    expect(slack.callsTo('files.completeUploadExternal').at(-1)?.token).toBe('xoxb-t9-second');

    const response = await t.event({ type: 'tokens_revoked', tokens: { bot: ['UBOTT9'] } }, { teamId: 'T9' });
    expect(response.status).toBe(200);
    await expect.poll(() => clients.size).toBe(0);
  });

  it('holds at most maxClients clients, least recently used out first', async () => {
    const loaded = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const store = {
      async fetchInstallation(query: { teamId?: string }) {
        return installation(query.teamId ?? 'T0', `xoxb-${query.teamId}`);
      },
    };
    const clients = createInstallationClients(
      store,
      loaded.config,
      pino({ level: 'silent' }),
      createMetrics(),
      10,
    );
    const first = await clients.forTeam('T0');
    for (let i = 1; i < 50; i++) {
      await clients.forTeam(`T${i}`);
      if (i % 5 === 0) await clients.forTeam('T0'); // kept in use
    }
    expect(clients.size).toBe(10);
    expect(await clients.forTeam('T0')).toBe(first);
    expect(clients.size).toBe(10);
  });
});
