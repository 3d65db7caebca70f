import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerKindOf } from '#jobs/nudge-jobs.ts';
import { keys } from '#src/store/keys.ts';
import { freePort } from '#test/support/global-redis.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';
import { startMainProcess, waitForHttp } from '#test/support/run-process.ts';
import { type SlackDouble, startSlackDouble } from '#test/support/slack-double.ts';
import { BOT_TOKEN, startTestApp, type TestApp } from '#test/support/test-app.ts';

// Two web processes (the real Bolt HTTP endpoint, ROLE=web, each with its own clock) and three
// real worker processes (src/main.ts, ROLE=worker) against one Redis and the Slack double.
// 1,000 people enrol through signed `/reflect schedule` commands spread over both web processes.

const DUE = new Date('2026-12-04T15:00:00Z'); // Friday 16:00 in Berlin
const PEOPLE = Array.from({ length: 1000 }, (_, i) => `UC${String(i).padStart(4, '0')}`);

let slack: SlackDouble;
const webs: TestApp[] = [];
const workers: { child: ChildProcess; port: number }[] = [];

async function startWorker() {
  const port = await freePort();
  const child = startMainProcess({
    ROLE: 'worker',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: testRedisUrl(),
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NUDGES_PER_MINUTE: '30000',
    NUDGE_FOLLOW_UP: 'off',
    NUDGE_WORKER_CONCURRENCY: '10',
    WORKER_LOCK_DURATION_MS: '2000',
    WORKER_STALLED_INTERVAL_MS: '1000',
  });
  workers.push({ child, port });
  return { child, port };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Nudges each worker reports as sent, read from its own /metrics. */
async function sentBy(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(/^throughline_nudges_total\{[^}]*outcome="sent"[^}]*\} (\d+)/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

function deliveries(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    if (!call.ok) continue;
    const channel = String(call.params.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

/** People without a delivered DM whose weekly sent-marker is a claim never confirmed. */
async function lostInTheClaimWindow(): Promise<string[]> {
  const delivered = deliveries();
  const undelivered = PEOPLE.filter((id) => !delivered.has(id));
  if (undelivered.length === 0) return [];
  const redis = new Redis(testRedisUrl());
  try {
    const weekly = markerKindOf({ kind: 'weekly', seq: 0 });
    const values = await redis.mget(...undelivered.map((id) => keys.nudgeSent('T1', id, '2026-W49', weekly)));
    return undelivered.filter((_, i) => values[i]?.startsWith('pending:'));
  } finally {
    redis.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await flushTestRedis();
  slack = await startSlackDouble({
    teams: [{ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' }],
  });
  for (const id of PEOPLE) slack.addUser({ id, tz: 'Europe/Berlin' });
  await Promise.all([startWorker(), startWorker(), startWorker()]);
  for (let i = 0; i < 2; i += 1) {
    webs.push(await startTestApp({ now: DUE, slack, keepRedis: true, env: { ROLE: 'web' } }));
  }
  // Worker processes start slowly on a busy 2-core machine (TypeScript is compiled at start).
  await Promise.all(workers.map(({ port }) => waitForHttp(`http://127.0.0.1:${port}/healthz`, 90_000)));
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map(({ child }) => stop(child, 'SIGTERM')));
  for (const web of webs) await web.stop();
  await slack?.close();
});

describe('scale-out: two web and three worker processes on one Redis', () => {
  it('sends 1,000 due nudges at most once each, spread over the workers; a killed worker loses only a job caught between claim and post', async () => {
    // Both web clocks stand 10 s before the due time, so every nudge falls due ~10 s after its
    // enrolment, while the enrolments are still coming in.
    for (const web of webs) web.clock.set(new Date(DUE.getTime() - 10_000));
    const started = Date.now();
    // 10 at a time: on a loaded 2-core CI machine more in flight pushes acks past Slack's 3 s.
    for (let i = 0; i < PEOPLE.length; i += 10) {
      const replies = await Promise.all(
        PEOPLE.slice(i, i + 10).map((userId, j) =>
          (webs[(i + j) % 2] as TestApp).command({ userId, text: 'schedule fri 16:00' }),
        ),
      );
      expect(replies.every((reply) => reply.status === 200)).toBe(true);
    }
    const enrolSeconds = (Date.now() - started) / 1000;

    await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, {
      count: 300,
      timeoutMs: 60_000,
    });
    // Kill one worker while its posts are in flight (Slack answers slowly for a moment), so the
    // kill lands after a claim was sent or before the next claim: see src/nudges/sent-marker.ts
    // for the one sub-millisecond window where a kill loses a nudge rather than sending it twice.
    slack.setLatency(1500, 'chat.postMessage');
    await sleep(250);
    slack.setLatency(10_000, 'users.info');
    await sleep(50);
    const victim = workers[0] as { child: ChildProcess; port: number };
    const sentByVictim = await sentBy(victim.port);
    await stop(victim.child, 'SIGKILL');
    slack.setLatency(0, 'users.info');
    slack.setLatency(0, 'chat.postMessage');

    // Everyone gets the DM, except a job the kill caught between claiming its sent-marker and its
    // request leaving: that one is not resent (at most once, see src/nudges/sent-marker.ts).
    const accountedFor = async () => deliveries().size + (await lostInTheClaimWindow()).length;
    await expect.poll(accountedFor, { timeout: 60_000, interval: 250 }).toBe(PEOPLE.length);
    const delivered = deliveries();
    const lost = await lostInTheClaimWindow();
    expect([...delivered.keys(), ...lost].sort()).toEqual(PEOPLE);
    expect([...delivered.entries()].filter(([, count]) => count > 1)).toEqual([]);
    expect(lost.length).toBeLessThanOrEqual(10); // at most the killed worker's concurrency

    const survivors = await Promise.all(workers.slice(1).map(({ port }) => sentBy(port)));
    // Every worker took a share before the kill or after it.
    expect(sentByVictim).toBeGreaterThan(0);
    expect(survivors.every((count) => count > 0)).toBe(true);
    console.info(
      `scale-out: enrolled 1,000 via 2 web processes in ${enrolSeconds.toFixed(1)} s; sent by worker: ` +
        `${sentByVictim} (killed), ${survivors.join(', ')}; total ${delivered.size}, duplicates 0, ` +
        `lost in the claim window ${lost.length}`,
    );
  }, 150_000);
});
