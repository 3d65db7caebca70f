/**
 * Drill: requests that are not from Slack. Bad signatures, a wrong secret, missing headers, stale
 * timestamps (> 5 minutes), and genuine signed requests replayed with altered bodies or headers:
 * every one must be refused with 401 and reach no listener. A genuine request is the control (200).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { eventEnvelope, interactionBody, sign, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import {
  appEnv,
  privateRedis,
  SIGNING_SECRET,
  startProcess,
  TEAM,
  waitForStatus,
} from '../support/harness.ts';
import { type DrillReport, newReport } from './support.ts';

interface Attempt {
  name: string;
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

const FORM = 'application/x-www-form-urlencoded';

function command(text: string, responseUrl: string): string {
  return slashCommandBody({ command: '/reflect', text, userId: 'U000001', responseUrl });
}

function attempts(responseUrl: string, now: number): Attempt[] {
  const body = command('history', responseUrl);
  const good = sign(SIGNING_SECRET, now, body);
  const headers = (ts: number | string, sig: string) => ({
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': sig,
  });
  const altered = command('forget', responseUrl);
  const interaction = interactionBody({
    type: 'block_actions',
    actions: [{ action_id: 'reflect_forget_confirm' }],
  });
  const event = JSON.stringify(eventEnvelope({ type: 'app_uninstalled' }));
  const stale = now - 301;
  const veryStale = now - 24 * 3600;
  return [
    {
      name: 'random signature',
      body,
      contentType: FORM,
      headers: headers(now, `v0=${randomBytes(32).toString('hex')}`),
    },
    {
      name: 'signed with another secret',
      body,
      contentType: FORM,
      headers: headers(now, sign('not-the-secret', now, body)),
    },
    {
      name: 'no signature header',
      body,
      contentType: FORM,
      headers: { 'x-slack-request-timestamp': String(now) },
    },
    { name: 'no timestamp header', body, contentType: FORM, headers: { 'x-slack-signature': good } },
    { name: 'no headers at all', body, contentType: FORM, headers: {} },
    {
      name: 'stale timestamp (5 min 1 s), correctly signed',
      body,
      contentType: FORM,
      headers: headers(stale, sign(SIGNING_SECRET, stale, body)),
    },
    {
      name: 'stale timestamp (1 day), correctly signed',
      body,
      contentType: FORM,
      headers: headers(veryStale, sign(SIGNING_SECRET, veryStale, body)),
    },
    {
      name: 'replay: genuine signature, altered body',
      body: altered,
      contentType: FORM,
      headers: headers(now, good),
    },
    {
      name: 'replay: genuine signature, body with one extra byte',
      body: `${body}&`,
      contentType: FORM,
      headers: headers(now, good),
    },
    {
      name: 'replay: genuine signature, new timestamp',
      body,
      contentType: FORM,
      headers: headers(now + 1, good),
    },
    {
      name: 'replay: stale genuine request, fresh timestamp header',
      body,
      contentType: FORM,
      headers: headers(now, sign(SIGNING_SECRET, stale, body)),
    },
    {
      name: 'signature version v1',
      body,
      contentType: FORM,
      headers: headers(now, good.replace('v0=', 'v1=')),
    },
    { name: 'signature without version', body, contentType: FORM, headers: headers(now, good.slice(3)) },
    { name: 'truncated signature', body, contentType: FORM, headers: headers(now, good.slice(0, 40)) },
    {
      name: 'upper-case signature',
      body,
      contentType: FORM,
      headers: headers(now, `v0=${good.slice(3).toUpperCase()}`),
    },
    { name: 'timestamp not a number', body, contentType: FORM, headers: headers('soon', good) },
    {
      name: 'HMAC over the body only',
      body,
      contentType: FORM,
      headers: headers(now, `v0=${createHmac('sha256', SIGNING_SECRET).update(body).digest('hex')}`),
    },
    {
      name: 'interactivity payload, bad signature',
      body: interaction,
      contentType: FORM,
      headers: headers(now, `v0=${'0'.repeat(64)}`),
    },
    {
      name: 'event, bad signature',
      body: event,
      contentType: 'application/json',
      headers: headers(now, `v0=${'1'.repeat(64)}`),
    },
    {
      name: 'url_verification, bad signature',
      body: JSON.stringify({ type: 'url_verification', challenge: 'echo-me', token: 'x' }),
      contentType: 'application/json',
      headers: headers(now, `v0=${'2'.repeat(64)}`),
    },
  ];
}

async function send(baseUrl: string, attempt: Attempt): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': attempt.contentType, ...attempt.headers },
    body: attempt.body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}

export async function signatureDrill(rounds: number): Promise<DrillReport> {
  const report = newReport('signatures: forged, stale and replayed requests');
  const redis = await privateRedis();
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    double.addUser({ id: 'U000001', tz: 'Europe/Berlin' });
    const app = await startProcess(
      'signatures-app',
      appEnv(double.apiUrl, redis.url, { ROLE: 'web', LOG_LEVEL: 'warn' }),
    );
    await waitForStatus(`${app.baseUrl}/healthz`, 200, 60_000);
    const refused = new Map<string, number>();
    const accepted: string[] = [];
    let total = 0;
    for (let round = 0; round < rounds; round++) {
      const now = Math.floor(Date.now() / 1000);
      const list = attempts(double.responseUrl(), now);
      const results = await Promise.all(list.map((attempt) => send(app.baseUrl, attempt)));
      list.forEach((attempt, i) => {
        total += 1;
        const result = results[i] as { status: number; text: string };
        if (result.status === 401) refused.set(attempt.name, (refused.get(attempt.name) ?? 0) + 1);
        else
          accepted.push(
            `${attempt.name} → HTTP ${result.status}${result.text.includes('echo-me') ? ' (echoed the challenge)' : ''}`,
          );
      });
    }
    report.did.push(
      `sent ${total} requests: ${rounds} rounds of ${refused.size + new Set(accepted).size} kinds (${[...new Set([...refused.keys()])].join('; ')})`,
    );
    // The forged ones reached no listener: no Slack call yet (the genuine control below may make
    // one: the person's language, users.info).
    const touched = double.calls.filter((call) => call.method !== 'auth.test').length;
    // The control: a genuine request passes.
    const now = Math.floor(Date.now() / 1000);
    const body = command('help', double.responseUrl());
    const genuine = await send(app.baseUrl, {
      name: 'genuine',
      body,
      contentType: FORM,
      headers: {
        'x-slack-request-timestamp': String(now),
        'x-slack-signature': sign(SIGNING_SECRET, now, body),
      },
    });
    if (genuine.status !== 200)
      report.failures.push(`the genuine control request answered ${genuine.status}`);
    const future = now + 3600;
    const ahead = await send(app.baseUrl, {
      name: 'future',
      body,
      contentType: FORM,
      headers: {
        'x-slack-request-timestamp': String(future),
        'x-slack-signature': sign(SIGNING_SECRET, future, body),
      },
    });
    report.found.push(
      `${total - accepted.length} of ${total} refused with 401; the genuine control request answered ${genuine.status}`,
    );
    report.found.push(
      `a correctly signed timestamp 1 h in the future answered ${ahead.status} (exact replays: the exact-replay drill)`,
    );
    if (ahead.status !== 401)
      report.failures.push(`a correctly signed timestamp 1 h in the future answered ${ahead.status}`);
    if (touched > 0)
      report.failures.push(`${touched} Slack API calls were made while only forged requests were sent`);
    for (const line of [...new Set(accepted)]) report.failures.push(`accepted: ${line}`);
    if (!app.alive()) report.failures.push('the app process died');
    await app.stop();
  } finally {
    await double.close();
    await redis.stop();
  }
  return report;
}
