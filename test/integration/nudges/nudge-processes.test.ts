import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#src/clock.ts';
import { NUDGE_JOB_OPTIONS, weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import { createSentMarkers } from '#src/nudges/sent-marker.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { freePort } from '#test/support/global-redis.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';
import {
  type MainProcess,
  nudgeOutcomes,
  postsPerChannel,
  startWorkerProcess,
  stopProcess,
  weeklySentMarkers,
} from '#test/support/run-process.ts';
import { BOT_TOKEN, startTestApp, type TestApp } from '#test/support/test-app.ts';
import { nudgesOf } from './nudge-helpers.ts';

// Real worker processes (src/main.ts with ROLE=worker) against one Redis and the Slack double.
// The web process in the test (ROLE=web) only enrols people; it runs no workers.

const DUE = new Date('2026-12-04T15:00:00Z'); // Friday 16:00 in Berlin
const WEEK = '2026-W49';
const FRIDAY_1600 = { weekday: 5, hour: 16, minute: 0 };
const TWO_WORKERS = Array.from({ length: 150 }, (_, i) => `UA${String(i).padStart(4, '0')}`);
const ONE_THOUSAND = Array.from({ length: 1000 }, (_, i) => `UB${String(i).padStart(4, '0')}`);

let slack: SlackDouble;
let web: TestApp;
const workers: { child: MainProcess; port: number }[] = [];

async function startWorker(): Promise<{ child: MainProcess; port: number }> {
  const port = await freePort();
  const worker = {
    child: startWorkerProcess({
      slack,
      botToken: BOT_TOKEN,
      redisUrl: testRedisUrl(),
      port,
      concurrency: 20,
    }),
    port,
  };
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  await flushTestRedis();
  slack = await startSlackDouble({
    teams: [{ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' }],
  });
  for (const id of [...TWO_WORKERS, ...ONE_THOUSAND]) slack.addUser({ id, tz: 'Europe/Berlin' });
  // The workers boot (a few seconds) while the web process starts.
  await Promise.all([startWorker(), startWorker()]);
  // The same pace as the workers': the web process books the send slots of the jobs it arms.
  web = await startTestApp({
    now: DUE,
    slack,
    keepRedis: true,
    env: { ROLE: 'web', NUDGES_PER_MINUTE: '30000' },
  });
}, 30_000);

afterAll(async () => {
  await Promise.all(workers.map(({ child }) => stopProcess(child, 'SIGTERM')));
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sent-markers claimed but not confirmed: jobs between claiming and Slack's answer. */
async function claimedButUnconfirmed(): Promise<number> {
  return (await weeklySentMarkers(testRedisUrl(), 'T1', ONE_THOUSAND, WEEK)).filter((value) =>
    value?.startsWith('pending:'),
  ).length;
}

/**
 * Leaves, for `count` people whose DM has not gone out, the claim their job's earlier attempt would
 * have left had it died between claiming and posting (a minute ago): the crash the kill alone
 * hits only by chance.
 */
async function plantDeadClaims(count: number): Promise<string[]> {
  const delivered = postsPerChannel(slack);
  const values = await weeklySentMarkers(testRedisUrl(), 'T1', ONE_THOUSAND, WEEK);
  const untouched = ONE_THOUSAND.filter((id, i) => !delivered.has(id) && values[i] === null).slice(-count);
  const redis = new Redis(testRedisUrl());
  try {
    const markers = createSentMarkers(redis, fixedClock(new Date(Date.now() - 60_000)));
    for (const id of untouched) {
      const claim = await markers.claim('T1', id, WEEK, 'w', weeklyNudgeJobId('T1', id, WEEK));
      expect(claim.result).toBe('claimed');
    }
  } finally {
    redis.disconnect();
  }
  return untouched;
}

describe('worker processes', () => {
  it('two worker processes on one Redis send each nudge once (even with a duplicate job per person)', async () => {
    await enrol(TWO_WORKERS, 3000);
    const nudges = nudgesOf(web);
    // A second job for the same person and week under another id: only the sent-marker stands
    // between it and a second DM, and the two processes race for it.
    for (const id of TWO_WORKERS) {
      const original = await nudges.queue.getJob(weeklyNudgeJobId('T1', id, WEEK));
      if (!original) throw new Error('not armed');
      await nudges.queue.add('weekly', original.data, { ...NUDGE_JOB_OPTIONS, jobId: `${original.id}-copy` });
    }
    await expect
      .poll(() => postsPerChannel(slack).size, { timeout: 30_000, interval: 200 })
      .toBe(TWO_WORKERS.length);
    await expect
      .poll(() => nudges.queue.getJobCounts('waiting', 'active'), { timeout: 10_000 })
      .toEqual({ waiting: 0, active: 0 });
    const delivered = postsPerChannel(slack);
    expect([...delivered.keys()].sort()).toEqual(TWO_WORKERS);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it('SIGKILL mid-batch of 1,000 due nudges: after a restart all 1,000 arrive, none twice', async () => {
    // One worker from here on.
    const [first, second] = workers;
    if (!first || !second) throw new Error('workers missing');
    // A worker stops cleanly on SIGTERM.
    expect(await stopProcess(second.child, 'SIGTERM'), second.child.output()).toBe(0);
    slack.reset();
    await enrol(ONE_THOUSAND, 500);
    await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, {
      count: 300,
      timeoutMs: 45_000,
    });

    // Kill with posts in flight: Slack now takes 1.5 s to answer them, so jobs that claimed their
    // sent-marker have their DM land after the kill (a crash after the post); other jobs are
    // caught before their claim, or (rarely) between claim and post.
    slack.setLatency(1500, 'chat.postMessage');
    await expect.poll(claimedButUnconfirmed, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    await stopProcess(first.child, 'SIGKILL');
    const atKill = postsPerChannel(slack).size;
    expect(atKill, 'killed before the batch was done').toBeLessThan(1000);
    const unconfirmedAtKill = await claimedButUnconfirmed();
    slack.setLatency(0, 'chat.postMessage');
    // The posts that were on their way when the worker died land (Slack answers them in 1.5 s).
    // On a loaded machine the kill may also catch a job between its claim and its post.
    await sleep(2000);
    const landedAfterKill = postsPerChannel(slack).size - atKill;
    // And a crash between claiming and posting, which no DM followed.
    const planted = await plantDeadClaims(5);
    expect(planted).toHaveLength(5);

    const restarted = await startWorker();
    // Every one of the 1,000 arrives, none twice: each unconfirmed claim is settled by asking
    // Slack whether its DM landed (src/nudges/sent-marker.ts).
    await expect.poll(() => postsPerChannel(slack).size, { timeout: 60_000, interval: 200 }).toBe(1000);
    // Claims whose post was on its way are looked up once it has had time to land (15 s).
    await expect.poll(claimedButUnconfirmed, { timeout: 60_000, interval: 500 }).toBe(0);
    await expect
      .poll(() => nudgesOf(web).queue.getJobCounts('waiting', 'active'), { timeout: 10_000 })
      .toEqual({ waiting: 0, active: 0 });
    const delivered = postsPerChannel(slack);
    expect([...delivered.keys()].sort()).toEqual(ONE_THOUSAND);
    expect([...delivered.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(
      (await weeklySentMarkers(testRedisUrl(), 'T1', ONE_THOUSAND, WEEK)).filter((value) => value !== 'sent'),
    ).toEqual([]);

    const outcomes = await nudgeOutcomes(restarted.port);
    const found = outcomes.recovered_delivered ?? 0;
    const resent = outcomes.recovered_resent ?? 0;
    expect(outcomes.skipped_uncertain ?? 0).toBe(0);
    // Each claim left unconfirmed was looked up once: found in the DM, or not there and resent.
    expect(found + resent).toBe(unconfirmedAtKill + planted.length);
    expect(resent).toBeGreaterThanOrEqual(planted.length);
    console.info(
      `nudge-processes: killed at ${atKill}/1000 DMs with ${unconfirmedAtKill} claims unconfirmed ` +
        `(${landedAfterKill} posts landed after the kill), ${planted.length} dead claims planted; ` +
        'after the restart 1000 delivered, 0 twice, ' +
        `${found} found already delivered, ${resent} resent, ${slack.callsTo('conversations.history').length} history lookups`,
    );
  }, 120_000);
});
