/**
 * Drills from the security review (issue 12), each against a real `src/main.ts` process, a private
 * Redis and the Slack double:
 * - install flood: anonymous GETs of /slack/install from many addresses add no Redis key, and each
 *   address is limited (429 + Retry-After); a real install still completes once.
 * - exact replay: each signed /recognize sent several times at once posts once (the copies: 401);
 *   Slack's event retries (new signature, same event_id) are handled once; a signature dated an
 *   hour ahead is refused.
 * - password guessing: wrong dashboard passwords from one address get 429 after 10 a minute, even
 *   for the right password then; another address is unaffected; with ADMIN_PORT the public port
 *   serves neither /admin/queues nor /metrics.
 */
import { request } from 'node:http';
import { Redis } from 'ioredis';
import { type SlackDouble, type SlackDoubleOptions, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { eventEnvelope, sign, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import {
  type AppProcess,
  appEnv,
  freePort,
  privateRedis,
  SIGNING_SECRET,
  startProcess,
  TEAM,
  waitForStatus,
} from '../support/harness.ts';
import { type DrillReport, newReport } from './support.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request from a chosen loopback address (127.0.0.0/8 is all this machine). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.from,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end(options.body);
  });
}

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
}

async function inBatches<T>(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await one(i);
      }
    }),
  );
  return results;
}

/**
 * Runs `drive` against a fresh `src/main.ts` process (ROLE=web) with its own Redis and Slack
 * double, then checks the process is still alive and stops everything.
 */
async function againstApp(
  report: DrillReport,
  setup: {
    name: string;
    double?: SlackDoubleOptions;
    prepare?: (double: SlackDouble) => void;
    env: (redisUrl: string) => Record<string, string>;
  },
  drive: (context: { app: AppProcess; double: SlackDouble; redisUrl: string }) => Promise<void>,
): Promise<DrillReport> {
  const redis = await privateRedis();
  const double = await startSlackDouble({ teams: [TEAM], ...setup.double });
  try {
    setup.prepare?.(double);
    const app = await startProcess(
      setup.name,
      appEnv(double.apiUrl, redis.url, { ROLE: 'web', LOG_LEVEL: 'warn', ...setup.env(redis.url) }),
    );
    await waitForStatus(`${app.baseUrl}/healthz`, 200, 60_000);
    await drive({ app, double, redisUrl: redis.url });
    if (!app.alive()) report.failures.push('the app process died');
    await app.stop();
  } finally {
    await double.close();
    await redis.stop();
  }
  return report;
}

const OAUTH = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'drill-client-secret',
  SLACK_STATE_SECRET: 'drill-state-secret',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 4).toString('base64'),
};

export async function installFloodDrill(gets: number, addresses: number): Promise<DrillReport> {
  const report = newReport(`install flood: ${gets.toLocaleString('en')} anonymous GETs of /slack/install`);
  const setup = {
    name: 'install-flood-app',
    double: { oauth: { clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET } },
    env: () => OAUTH,
  };
  return againstApp(report, setup, async ({ app, double, redisUrl }) => {
    const client = new Redis(redisUrl);
    try {
      const keysBefore = await client.dbsize();
      const memoryBefore = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
      const started = Date.now();
      const answers = await inBatches(gets, 20, (i) =>
        send(`${app.baseUrl}/slack/install`, { from: `127.0.0.${1 + (i % addresses)}` }),
      );
      const seconds = (Date.now() - started) / 1000;
      const keysAfter = await client.dbsize();
      const memoryAfter = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
      const statuses = answers.map((answer) => answer.status);
      const refused = answers.filter((answer) => answer.status === 429);
      const retryAfter = new Set(refused.map((answer) => String(answer.headers['retry-after'])));
      report.did.push(
        `sent ${gets} GETs of /slack/install from ${addresses} loopback addresses, 20 at a time, in ${seconds.toFixed(1)} s`,
      );
      report.found.push(
        `answers: ${tally(statuses)}; Retry-After values seen: ${[...retryAfter].join(', ') || 'none'}`,
      );
      report.found.push(
        `Redis keys before ${keysBefore}, after ${keysAfter}; used_memory ${memoryBefore} → ${memoryAfter} bytes`,
      );
      if (keysAfter !== keysBefore)
        report.failures.push(`${keysAfter - keysBefore} Redis keys were added by anonymous GETs`);
      const allowed = statuses.filter((status) => status === 200).length;
      if (allowed > addresses * 30)
        report.failures.push(
          `${allowed} GETs were answered 200; the limit allows ${addresses * 30} (30 a minute each)`,
        );
      if (refused.length === 0) report.failures.push('no GET was refused with 429');
      if (refused.some((answer) => !(Number(answer.headers['retry-after']) > 0)))
        report.failures.push('a 429 came without a positive Retry-After');
      if (statuses.some((status) => status >= 500)) report.failures.push('some GETs answered 5xx');

      // A real install from a fresh address still works, once, and writes only its own keys.
      double.addOAuthCode('drill-code', { teamId: 'T9', botToken: 'xoxb-drill-t9', authedUserId: 'U9' });
      const from = `127.0.0.${addresses + 2}`;
      const page = await send(`${app.baseUrl}/slack/install`, { from });
      const cookie = String([page.headers['set-cookie']].flat()[0] ?? '').split(';')[0] ?? '';
      const state = /state=([A-Za-z0-9_-]+)/.exec(page.body)?.[1] ?? '';
      const callback = `${app.baseUrl}/slack/oauth_redirect?code=drill-code&state=${state}`;
      const done = await send(callback, { from, headers: { cookie } });
      const replay = await send(callback, { from, headers: { cookie } });
      const keysInstalled = await client.keys('*');
      report.found.push(
        `a real install then: ${done.status}, its replay: ${replay.status}; keys added: ${keysInstalled.length - keysAfter} (${keysInstalled
          .filter((key) => !key.startsWith('{tlq}'))
          .sort()
          .join(', ')})`,
      );
      if (done.status !== 200 || replay.status !== 400)
        report.failures.push(
          `the real install answered ${done.status} and its replay ${replay.status} (want 200, 400)`,
        );
    } finally {
      client.disconnect();
    }
  });
}

export async function exactReplayDrill(requests: number, copies: number): Promise<DrillReport> {
  const report = newReport(`exact replay: ${requests} signed /recognize, each sent ${copies} times at once`);
  const setup = {
    name: 'exact-replay-app',
    prepare: (double: SlackDouble) => {
      double.addUser({ id: 'UGIVER', tz: 'Europe/Berlin' });
      double.addUser({ id: 'U2', tz: 'Europe/Berlin' });
      double.addChannel({ id: 'C1', members: ['UGIVER', 'U2'] });
    },
    env: () => ({ RECOGNITIONS_PER_HOUR: '1000' }),
  };
  return againstApp(report, setup, async ({ app, double }) => {
    const signed = (
      body: string,
      contentType: string,
      timestamp: number,
      extra: Record<string, string> = {},
    ) => ({
      method: 'POST',
      body,
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
        ...extra,
      },
    });
    const url = `${app.baseUrl}/slack/events`;
    const statuses: number[] = [];
    for (let i = 0; i < requests; i++) {
      const body = slashCommandBody({
        command: '/recognize',
        text: `<@U2> for drill number ${i}`,
        userId: 'UGIVER',
        channelId: 'C1',
        responseUrl: double.responseUrl(),
      });
      const request = signed(body, 'application/x-www-form-urlencoded', Math.floor(Date.now() / 1000));
      const answers = await Promise.all(Array.from({ length: copies }, () => send(url, request)));
      statuses.push(...answers.map((answer) => answer.status));
    }
    // Slack's retries of an event: same event_id, a new timestamp and signature.
    const events = Math.max(5, Math.round(requests / 4));
    const retryStatuses: number[] = [];
    for (let i = 0; i < events; i++) {
      const envelope = JSON.stringify(eventEnvelope({ type: 'app_home_opened', user: 'U2', tab: 'home' }));
      const now = Math.floor(Date.now() / 1000);
      retryStatuses.push((await send(url, signed(envelope, 'application/json', now - 1))).status);
      retryStatuses.push(
        (
          await send(
            url,
            signed(envelope, 'application/json', now, {
              'x-slack-retry-num': '1',
              'x-slack-retry-reason': 'http_timeout',
            }),
          )
        ).status,
      );
    }
    const aheadBody = slashCommandBody({ text: 'help', userId: 'U2', responseUrl: double.responseUrl() });
    const ahead = await send(
      url,
      signed(aheadBody, 'application/x-www-form-urlencoded', Math.floor(Date.now() / 1000) + 3600),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const posts = double
      .callsTo('chat.postMessage')
      .filter((call) => call.ok && call.params.channel === 'C1').length;
    const homes = double.callsTo('views.publish').filter((call) => call.ok).length;
    report.did.push(
      `sent ${requests} distinct signed /recognize requests, each ${copies} times at once (${requests * copies} in all); ${events} app_home_opened events, each retried once as Slack does; one request signed 1 h ahead`,
    );
    report.found.push(`/recognize answers: ${tally(statuses)}; recognitions posted in the channel: ${posts}`);
    report.found.push(`event deliveries and retries: ${tally(retryStatuses)}; App Home publishes: ${homes}`);
    report.found.push(`a signature dated 1 h ahead answered ${ahead.status}`);
    if (posts !== requests)
      report.failures.push(`${posts} recognitions posted for ${requests} distinct requests`);
    if (statuses.filter((status) => status === 200).length !== requests)
      report.failures.push('not exactly one copy of each request was accepted');
    if (statuses.filter((status) => status === 401).length !== requests * (copies - 1))
      report.failures.push('not every copy was refused with 401');
    if (retryStatuses.some((status) => status !== 200))
      report.failures.push('an event retry was not answered 200');
    if (homes !== events)
      report.failures.push(`${homes} App Home publishes for ${events} events (retries acted)`);
    if (ahead.status !== 401) report.failures.push(`a signature dated 1 h ahead answered ${ahead.status}`);
  });
}

export async function passwordGuessDrill(guesses: number): Promise<DrillReport> {
  const report = newReport(`password guessing: ${guesses} wrong dashboard passwords from one address`);
  const password = 'drill-dashboard-password';
  const basic = (secret: string) => `Basic ${Buffer.from(`admin:${secret}`).toString('base64')}`;
  const adminPort = await freePort();
  const setup = {
    name: 'password-guess-app',
    env: () => ({ ADMIN_DASHBOARD_PASSWORD: password, ADMIN_PORT: String(adminPort) }),
  };
  return againstApp(report, setup, async ({ app }) => {
    const admin = `http://127.0.0.1:${adminPort}/admin/queues`;
    const started = Date.now();
    const answers = await inBatches(guesses, 10, (i) =>
      send(admin, { from: '127.0.0.7', headers: { authorization: basic(`guess-${i}`) } }),
    );
    const ms = Date.now() - started;
    const right = await send(admin, { from: '127.0.0.7', headers: { authorization: basic(password) } });
    const elsewhere = await send(admin, { from: '127.0.0.8', headers: { authorization: basic(password) } });
    const publicDashboard = await send(`${app.baseUrl}/admin/queues`, {
      headers: { authorization: basic(password) },
    });
    const publicMetrics = await send(`${app.baseUrl}/metrics`);
    const adminMetrics = await send(`http://127.0.0.1:${adminPort}/metrics`);
    const statuses = answers.map((answer) => answer.status);
    const wrongChecked = statuses.filter((status) => status === 401).length;
    report.did.push(
      `sent ${guesses} wrong passwords to /admin/queues on ADMIN_PORT from 127.0.0.7, 10 at a time, in ${ms} ms; then the right one from 127.0.0.7 and from 127.0.0.8`,
    );
    report.found.push(
      `wrong passwords: ${tally(statuses)} (checked: ${wrongChecked}); Retry-After ${String(answers.find((a) => a.status === 429)?.headers['retry-after'])} s`,
    );
    report.found.push(
      `the right password then: ${right.status} from the guessing address, ${elsewhere.status} from another`,
    );
    report.found.push(
      `public port: /admin/queues ${publicDashboard.status}, /metrics ${publicMetrics.status}; ADMIN_PORT: /metrics ${adminMetrics.status}`,
    );
    if (wrongChecked > 10)
      report.failures.push(`${wrongChecked} wrong passwords were checked (limit 10 a minute)`);
    if (right.status !== 429)
      report.failures.push(`the right password from the guessing address answered ${right.status}`);
    if (elsewhere.status !== 200)
      report.failures.push(`the right password from another address answered ${elsewhere.status}`);
    if (publicDashboard.status !== 404 || publicMetrics.status !== 404)
      report.failures.push('the public port still serves the dashboard or /metrics with ADMIN_PORT set');
    if (adminMetrics.status !== 200)
      report.failures.push(`/metrics on ADMIN_PORT answered ${adminMetrics.status}`);
  });
}
