import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerKindOf, NUDGE_JOB_OPTIONS, weeklyNudgeJobId } from '#jobs/nudge-jobs.ts';
import { keys } from '#src/store/keys.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';
import { startMainProcess } from '#test/support/run-process.ts';
import { type SlackDouble, startSlackDouble } from '#test/support/slack-double.ts';
import { BOT_TOKEN, startTestApp, type TestApp } from '#test/support/test-app.ts';
import { nudgesOf } from './nudge-helpers.ts';

// Real worker processes (src/main.ts with ROLE=worker) against one Redis and the Slack double.
// The web process in the test (ROLE=web) only enrols people; it runs no workers.

const DUE = new Date('2026-12-04T15:00:00Z'); // Friday 16:00 in Berlin
const FRIDAY_1600 = { weekday: 5, hour: 16, minute: 0 };
const TWO_WORKERS = Array.from({ length: 150 }, (_, i) => `UA${String(i).padStart(4, '0')}`);
const ONE_THOUSAND = Array.from({ length: 1000 }, (_, i) => `UB${String(i).padStart(4, '0')}`);

let slack: SlackDouble;
let web: TestApp;
type Worker = ChildProcess & { output(): string };
const children: Worker[] = [];

function startWorker(): Worker {
  const child = startMainProcess({
    ROLE: 'worker',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: testRedisUrl(),
    PORT: '0',
    LOG_LEVEL: 'warn',
    NUDGES_PER_MINUTE: '30000',
    NUDGE_FOLLOW_UP: 'off',
    NUDGE_WORKER_CONCURRENCY: '20',
    // Quick crash recovery: a dead worker's jobs are picked up again within ~3 s.
    WORKER_LOCK_DURATION_MS: '2000',
    WORKER_STALLED_INTERVAL_MS: '1000',
  });
  children.push(child);
  return child;
}

/** Sends `signal` and resolves with the exit code (null when killed by the signal). */
async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

beforeAll(async () => {
  await flushTestRedis();
  slack = await startSlackDouble({
    teams: [{ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' }],
  });
  for (const id of [...TWO_WORKERS, ...ONE_THOUSAND]) slack.addUser({ id, tz: 'Europe/Berlin' });
  // The workers boot (a few seconds) while the web process starts.
  startWorker();
  startWorker();
  web = await startTestApp({ now: DUE, slack, keepRedis: true, env: { ROLE: 'web' } });
}, 30_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child, 'SIGTERM')));
  await web?.stop();
  await slack?.close();
});

/** Enrols people for Friday 16:00 Berlin; their nudges fall due `leadMs` from now (real time). */
async function enrol(people: string[], leadMs: number): Promise<void> {
  web.clock.set(new Date(DUE.getTime() - leadMs));
  const { service } = nudgesOf(web);
  for (let i = 0; i < people.length; i += 100) {
    await Promise.all(
      people.slice(i, i + 100).map((id) => service.enrol('T1', id, 'Europe/Berlin', FRIDAY_1600)),
    );
  }
}

function deliveredTo(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    if (!call.ok) continue;
    const channel = String(call.params.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sent-markers claimed but not yet confirmed: jobs between claiming and Slack's answer. */
async function claimedButUnconfirmed(): Promise<number> {
  const redis = new Redis(testRedisUrl());
  try {
    const markers = await redis.keys('tl:T1:user:*:nudge-sent:*');
    const values = markers.length > 0 ? await redis.mget(...markers) : [];
    return values.filter((value) => value?.startsWith('pending:')).length;
  } finally {
    redis.disconnect();
  }
}

/** People without a delivered DM whose weekly sent-marker is a claim never confirmed. */
async function lostInTheClaimWindow(): Promise<string[]> {
  const delivered = deliveredTo();
  const undelivered = ONE_THOUSAND.filter((id) => !delivered.has(id));
  if (undelivered.length === 0) return [];
  const redis = new Redis(testRedisUrl());
  try {
    const values = await redis.mget(
      ...undelivered.map((id) =>
        keys.nudgeSent('T1', id, '2026-W49', markerKindOf({ kind: 'weekly', seq: 0 })),
      ),
    );
    return undelivered.filter((_, i) => values[i]?.startsWith('pending:'));
  } finally {
    redis.disconnect();
  }
}

describe('worker processes', () => {
  it('two worker processes on one Redis send each nudge once (even with a duplicate job per person)', async () => {
    await enrol(TWO_WORKERS, 3000);
    const nudges = nudgesOf(web);
    // A second job for the same person and week under another id: only the sent-marker stands
    // between it and a second DM, and the two processes race for it.
    for (const id of TWO_WORKERS) {
      const original = await nudges.queue.getJob(weeklyNudgeJobId('T1', id, '2026-W49'));
      if (!original) throw new Error('not armed');
      await nudges.queue.add('weekly', original.data, { ...NUDGE_JOB_OPTIONS, jobId: `${original.id}-copy` });
    }
    await expect.poll(() => deliveredTo().size, { timeout: 30_000, interval: 200 }).toBe(TWO_WORKERS.length);
    await expect
      .poll(() => nudges.queue.getJobCounts('waiting', 'active'), { timeout: 10_000 })
      .toEqual({ waiting: 0, active: 0 });
    const delivered = deliveredTo();
    expect([...delivered.keys()].sort()).toEqual(TWO_WORKERS);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it('SIGKILL mid-batch of 1,000 due nudges: after a restart none arrives twice, and every one arrives except a job caught between its claim and its post (at most once)', async () => {
    // One worker from here on.
    const [first, second] = children;
    if (!first || !second) throw new Error('workers missing');
    // A worker stops cleanly on SIGTERM.
    expect(await stopProcess(second, 'SIGTERM'), second.output()).toBe(0);
    slack.reset();
    await enrol(ONE_THOUSAND, 500);
    await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, {
      count: 300,
      timeoutMs: 45_000,
    });

    // Place the kill where it tests recovery, not luck: Slack now takes 1.5 s to answer posts, so
    // the running jobs have claimed their sent-marker and their DM is on its way (a crash after the
    // post), and any job starting now waits on users.info (a crash before the claim). No job is in
    // the microseconds between claiming and sending, the one window we accept as at-most-once.
    slack.setLatency(1500, 'chat.postMessage');
    // Wait until some job has claimed its marker and is waiting for Slack's answer.
    await expect.poll(claimedButUnconfirmed, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    slack.setLatency(10_000, 'users.info');
    await sleep(100);
    await stopProcess(first, 'SIGKILL');
    const atKill = deliveredTo().size;
    expect(atKill, 'killed before the batch was done').toBeLessThan(1000);
    slack.setLatency(0, 'users.info');
    slack.setLatency(0, 'chat.postMessage');
    // The posts that were on their way when the worker died still land.
    await expect.poll(() => deliveredTo().size, { timeout: 5000 }).toBeGreaterThan(atKill);

    startWorker();
    // Done when everyone has their DM or holds a claim that was never confirmed: a job the kill
    // caught between claiming its sent-marker and its request leaving (src/nudges/sent-marker.ts).
    // That DM is not resent, by design (at most once); the timing above makes the case rare but,
    // on a loaded machine, not impossible. Closing it needs a delivery check (see the README).
    const accountedFor = async () => deliveredTo().size + (await lostInTheClaimWindow()).length;
    await expect.poll(accountedFor, { timeout: 60_000, interval: 200 }).toBe(1000);
    await expect
      .poll(() => nudgesOf(web).queue.getJobCounts('waiting', 'active'), { timeout: 10_000 })
      .toEqual({ waiting: 0, active: 0 });
    const delivered = deliveredTo();
    expect([...delivered.entries()].filter(([, n]) => n > 1)).toEqual([]);
    const lost = await lostInTheClaimWindow();
    expect([...delivered.keys(), ...lost].sort()).toEqual(ONE_THOUSAND);
    // Only jobs running at the kill can be caught: at most the worker's concurrency.
    expect(lost.length).toBeLessThanOrEqual(20);
  }, 120_000);
});
