import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createThroughline, type Throughline } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { createLogger } from '#src/logger.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';
import { startMainProcess } from '#test/support/run-process.ts';
import { startTestApp } from '#test/support/test-app.ts';

interface LogLine {
  level: number;
  msg: string;
  url?: string;
  reason?: string;
  attempt?: number;
  retryInMs?: number;
}

/** A port nothing listens on (yet). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The real app in Socket Mode against a Slack that is not there yet; its logs as parsed JSON. */
async function startSocketModeApp(slackPort: number, appToken = 'xapp-1-test') {
  await flushTestRedis();
  const appPort = await closedPort();
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const loaded = loadConfig({
    SLACK_APP_TOKEN: appToken,
    SLACK_BOT_TOKEN: 'xoxb-test-team-1',
    SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    REDIS_URL: testRedisUrl(),
    PORT: String(appPort),
    LOG_LEVEL: 'debug',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const throughline = createThroughline(loaded.config, {
    logger: createLogger('debug', sink),
    drainTimeoutMs: 2000,
    slackBackoff: { firstMs: 100, maxMs: 400 },
  });
  const starting = throughline.start();
  starting.catch(() => {});
  return { throughline, starting, appPort, lines };
}

describe('Socket Mode when Slack cannot be reached', () => {
  let throughline: Throughline | undefined;
  let slack: SlackDouble | undefined;
  afterEach(async () => {
    await throughline?.stop();
    await slack?.close();
    throughline = undefined;
    slack = undefined;
  });

  it('names the URL that failed, backs off, reports Slack down on /healthz, and connects once Slack is up', async () => {
    const slackPort = await closedPort();
    const app = await startSocketModeApp(slackPort);
    throughline = app.throughline;
    const url = `http://127.0.0.1:${slackPort}/api/apps.connections.open`;

    // Each failure is one line with the URL, the cause and the next wait, which doubles up to its cap.
    const failures = await until('four failed attempts', () => {
      const found = app.lines.filter((line) => line.msg.startsWith('Slack cannot be reached'));
      return found.length >= 4 ? found : undefined;
    });
    expect(failures[0]).toMatchObject({
      level: 40,
      url,
      reason: `connect ECONNREFUSED 127.0.0.1:${slackPort}`,
      attempt: 1,
      msg: `Slack cannot be reached at ${url} (connect ECONNREFUSED 127.0.0.1:${slackPort}); retrying in 100 ms`,
    });
    expect(failures.slice(0, 4).map((line) => line.retryInMs)).toEqual([100, 200, 400, 400]);
    // The Web API client's bare "http request failed fetch failed" no longer repeats at warn.
    expect(app.lines.filter((line) => line.level >= 40 && line.msg.includes('fetch failed'))).toEqual([]);

    const down = await health(app.appPort);
    expect(down).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 'unavailable', redis: 'up', slack: 'down' }),
    });

    // Slack comes up on that port: the next attempt connects and start-up completes.
    slack = await startSlackDouble({
      port: slackPort,
      teams: [{ teamId: 'T1', botToken: 'xoxb-test-team-1', botUserId: 'UBOT1', botId: 'BBOT1' }],
    });
    await app.starting;
    expect(slack.callsTo('apps.connections.open').at(-1)).toMatchObject({ ok: true, token: 'xapp-1-test' });
    expect(slack.socketConnections).toBe(1);
    expect(app.lines.some((line) => line.msg === `Slack answers again at ${url}`)).toBe(true);
    expect(app.lines.some((line) => line.msg === 'throughline started')).toBe(true);
    const up = await health(app.appPort);
    expect(up).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'ok', redis: 'up', slack: 'up' }),
    });
  });

  it('after the connection is lost, reports Slack down while it is away and reconnects when it returns', async () => {
    const slackPort = await closedPort();
    const team = { teamId: 'T1', botToken: 'xoxb-test-team-1', botUserId: 'UBOT1', botId: 'BBOT1' };
    slack = await startSlackDouble({ port: slackPort, teams: [team] });
    const app = await startSocketModeApp(slackPort);
    throughline = app.throughline;
    await app.starting;
    expect((await health(app.appPort)).body).toMatchObject({ slack: 'up' });

    await slack.close();
    slack = undefined;
    // The WebSocket's failure already counts as down; Socket Mode reconnects a few seconds later,
    // and each attempt that cannot reach Slack says so.
    const down = await until('/healthz to report Slack down', async () => {
      const answer = await health(app.appPort);
      return answer.body.slack === 'down' ? answer : undefined;
    });
    expect(down.status).toBe(503);
    await until('a failed attempt to reconnect', () =>
      app.lines.find((line) => line.msg.startsWith('Slack cannot be reached')),
    );
    expect((await health(app.appPort)).body).toMatchObject({ slack: 'down' });

    slack = await startSlackDouble({ port: slackPort, teams: [team] });
    const back = await until('/healthz to report Slack up again', async () => {
      const answer = await health(app.appPort);
      return answer.body.slack === 'up' ? answer : undefined;
    });
    expect(back.status).toBe(200);
    expect(slack.socketConnections).toBe(1);
    expect(app.lines.some((line) => line.msg === 'Socket Mode connected to Slack again')).toBe(true);
  });

  it('stops cleanly while still trying to reach Slack, and tries no more', async () => {
    const slackPort = await closedPort();
    const app = await startSocketModeApp(slackPort);
    await until('a failed attempt', () =>
      app.lines.find((line) => line.msg.startsWith('Slack cannot be reached')),
    );
    await app.throughline.stop();
    const attemptsAtStop = app.lines.filter((line) => line.msg.startsWith('Slack cannot be reached')).length;
    await expect(fetch(`http://127.0.0.1:${app.appPort}/healthz`)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(app.lines.filter((line) => line.msg.startsWith('Slack cannot be reached'))).toHaveLength(
      attemptsAtStop,
    );
  });

  it('does not retry an app token Slack refuses: start-up fails with the error', async () => {
    slack = await startSlackDouble();
    const app = await startSocketModeApp(Number(new URL(slack.baseUrl).port), 'xapp-1-revoked');
    throughline = app.throughline;
    await expect(app.starting).rejects.toThrow('invalid_auth');
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    expect(app.lines.filter((line) => line.msg.startsWith('Slack cannot be reached'))).toEqual([]);
  });

  it('the real process, still waiting for Slack, stops on SIGTERM and exits 0', async () => {
    const slackPort = await closedPort();
    const child = startMainProcess({
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_BOT_TOKEN: 'xoxb-test-team-1',
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      REDIS_URL: testRedisUrl(),
      PORT: String(await closedPort()),
    });
    try {
      await until('a failed attempt to reach Slack', () =>
        child.output().includes('Slack cannot be reached') ? true : undefined,
      );
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(child.output()).toContain('throughline stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('reports Slack as unchecked in HTTP mode, where Slack calls the app', async () => {
    const t = await startTestApp();
    try {
      const response = await health(Number(new URL(t.baseUrl).port));
      expect(response).toEqual({
        status: 200,
        body: expect.objectContaining({ status: 'ok', redis: 'up', slack: 'unchecked' }),
      });
    } finally {
      await t.stop();
    }
  });
});
