import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { freePort } from '#test/support/global-redis.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';
import {
  type MainProcess,
  nudgeOutcomes,
  postsPerChannel,
  startWorkerProcess,
  stopProcess,
  waitForHttp,
  weeklySentMarkers,
} from '#test/support/run-process.ts';
import { BOT_TOKEN, startTestApp, type TestApp } from '#test/support/test-app.ts';

// Two web processes (the real Bolt HTTP endpoint, ROLE=web, each with its own clock) and three
// real worker processes (src/main.ts, ROLE=worker) against one Redis and the Slack double.
// 1,000 people enrol through signed `/reflect schedule` commands spread over both web processes.

const DUE = new Date('2026-12-04T15:00:00Z'); // Friday 16:00 in Berlin
const PEOPLE = Array.from({ length: 1000 }, (_, i) => `UC${String(i).padStart(4, '0')}`);

let slack: SlackDouble;
const webs: TestApp[] = [];
const workers: { child: MainProcess; port: number }[] = [];

async function startWorker() {
  const port = await freePort();
  const child = startWorkerProcess({
    slack,
    botToken: BOT_TOKEN,
    redisUrl: testRedisUrl(),
    port,
    concurrency: 10,
  });
  workers.push({ child, port });
  return { child, port };
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
    // The workers' pace (test/support/run-process.ts): the web processes book the send slots of the jobs they arm.
    webs.push(
      await startTestApp({
        now: DUE,
        slack,
        keepRedis: true,
        env: { ROLE: 'web', NUDGES_PER_MINUTE: '30000' },
      }),
    );
  }
  // Worker processes start slowly on a busy 2-core machine (TypeScript is compiled at start).
  await Promise.all(workers.map(({ port }) => waitForHttp(`http://127.0.0.1:${port}/healthz`, 90_000)));
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map(({ child }) => stopProcess(child, 'SIGTERM')));
  for (const web of webs) await web.stop();
  await slack?.close();
});

describe('scale-out: two web and three worker processes on one Redis', () => {
  it('sends 1,000 due nudges once each, spread over the workers, also when one is killed mid-batch', async () => {
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
    // kill lands after some claims were posted and before the next claims; the survivors settle
    // each claim it left by asking Slack whether its DM landed (src/nudges/sent-marker.ts).
    slack.setLatency(1500, 'chat.postMessage');
    await sleep(250);
    slack.setLatency(10_000, 'users.info');
    await sleep(50);
    const victim = workers[0] as { child: MainProcess; port: number };
    const sentByVictim = (await nudgeOutcomes(victim.port)).sent ?? 0;
    await stopProcess(victim.child, 'SIGKILL');
    slack.setLatency(0, 'users.info');
    slack.setLatency(0, 'chat.postMessage');

    // Everyone gets exactly one DM.
    await expect
      .poll(() => postsPerChannel(slack).size, { timeout: 60_000, interval: 250 })
      .toBe(PEOPLE.length);
    // The killed worker's unconfirmed claims are looked up once their posts had time to land (15 s).
    const unconfirmed = async () =>
      (await weeklySentMarkers(testRedisUrl(), 'T1', PEOPLE, '2026-W49')).filter((value) => value !== 'sent')
        .length;
    await expect.poll(unconfirmed, { timeout: 60_000, interval: 500 }).toBe(0);
    const delivered = postsPerChannel(slack);
    expect([...delivered.keys()].sort()).toEqual(PEOPLE);
    expect([...delivered.entries()].filter(([, count]) => count > 1)).toEqual([]);

    const survivors = await Promise.all(workers.slice(1).map(({ port }) => nudgeOutcomes(port)));
    const total = (outcome: string) => survivors.reduce((sum, o) => sum + (o[outcome] ?? 0), 0);
    expect(total('skipped_uncertain')).toBe(0);
    // Every worker took a share before the kill or after it.
    expect(sentByVictim).toBeGreaterThan(0);
    expect(survivors.every((o) => (o.sent ?? 0) > 0)).toBe(true);
    console.info(
      `scale-out: enrolled 1,000 via 2 web processes in ${enrolSeconds.toFixed(1)} s; sent by worker: ` +
        `${sentByVictim} (killed), ${survivors.map((o) => o.sent ?? 0).join(', ')}; total ${delivered.size}, ` +
        `duplicates 0; claims the kill left: ${total('recovered_delivered')} found delivered, ` +
        `${total('recovered_resent')} resent`,
    );
  }, 150_000);
});
