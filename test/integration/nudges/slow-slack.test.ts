import { describe, expect, it } from 'vitest';
import { isNudgeFor } from '#src/nudges/nudge-metadata.ts';
import { keys } from '#src/store/keys.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';
import { nudgesOf } from './nudge-helpers.ts';

// Monday 30 November 2026, 10:00 in Berlin (2026-W49); the nudge is due Wednesday 16:00 (15:00Z).
const MONDAY = new Date('2026-11-30T09:00:00Z');
const WEEK = '2026-W49';

const startApp = startsTestApps();

/** The week's nudge DMs now in the person's DM (what they see). */
function weeklyCopies(app: TestApp): string[] {
  return app.slack
    .messages(app.slack.dmChannelId('U1'))
    .filter((message) => isNudgeFor({ metadata: message.metadata }, WEEK, 'w'))
    .map((message) => message.ts);
}

async function enrolledApp(): Promise<{ app: TestApp; jobId: string }> {
  const app = await startApp({ now: MONDAY });
  app.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
  await app.command({ text: 'schedule wed 16:00', userId: 'U1' });
  const record = await nudgesOf(app).store.get('T1', 'U1');
  if (!record?.jobId || record.dueAt === undefined) throw new Error('no nudge armed');
  app.clock.set(new Date(record.dueAt));
  return { app, jobId: record.jobId };
}

/** Runs the job now if it waits (BullMQ's backoff or the processor's own delay run on real time). */
async function runNow(app: TestApp, jobId: string): Promise<void> {
  const job = await nudgesOf(app).queue.getJob(jobId);
  if (job && (await job.getState()) === 'delayed') await job.promote();
}

async function firstAttemptFailed(app: TestApp, jobId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const job = await nudgesOf(app).queue.getJob(jobId);
        return job !== undefined && job.attemptsMade >= 1 && (await job.getState()) === 'delayed';
      },
      { timeout: 15_000, interval: 100 },
    )
    .toBe(true);
}

async function finished(app: TestApp, jobId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await runNow(app, jobId);
        return nudgesOf(app).queue.getJobState(jobId);
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBe('unknown');
}

describe('a nudge DM when Slack is slow', () => {
  it('chat.postMessage answering after 20 s: the retry waits past the client timeout, finds the DM, posts no second one', async () => {
    const started = await enrolledApp();
    const t = started.app;
    const { jobId } = started;
    t.slack.setLatency(20_000, 'chat.postMessage');
    const firedAt = Date.now();
    await runNow(t, jobId);
    // The background client gives up after 10 s; Slack is still posting.
    await firstAttemptFailed(t, jobId);
    t.slack.setLatency(0, 'chat.postMessage');

    // 15 s after the claim (where the lookup used to happen) the DM has not landed yet.
    t.clock.advance(15_000);
    await runNow(t, jobId);
    const app = t;
    // Slack's slow answer: the DM lands 20 s after it was sent.
    await app.slack.waitFor((c) => c.method === 'chat.postMessage' && c.at - firedAt < 5000, {
      timeoutMs: 25_000,
    });

    // Well past the client's timeout, the retry looks, finds it, and confirms.
    t.clock.advance(3 * 60_000);
    await finished(t, jobId);
    expect(weeklyCopies(t)).toHaveLength(1);
    expect(await t.throughline.deps.redis.interactive.get(keys.nudgeSent('T1', 'U1', WEEK, 'w'))).toBe(
      'sent',
    );
    expect(t.slack.callsTo('chat.delete')).toEqual([]);
  }, 60_000);

  it('a resend that still finds two copies (Slack showed the slow DM late) deletes the newer one', async () => {
    const started = await enrolledApp();
    const t = started.app;
    const { jobId } = started;
    const app = t;
    t.slack.setLatency(12_000, 'chat.postMessage');
    const firedAt = Date.now();
    await runNow(t, jobId);
    await firstAttemptFailed(t, jobId);
    t.slack.setLatency(0, 'chat.postMessage');
    await app.slack.waitFor((c) => c.method === 'chat.postMessage' && c.at - firedAt < 5000, {
      timeoutMs: 15_000,
    });
    // Slack has the DM, but its history does not show it to the first lookup yet.
    let lookups = 0;
    t.slack.handle('conversations.history', ({ params }) => {
      lookups += 1;
      const messages = app.slack
        .messages(String(params.channel))
        .filter((message) => lookups > 1 || !isNudgeFor({ metadata: message.metadata }, WEEK, 'w'))
        .reverse()
        .map((message) => ({
          type: 'message',
          ts: message.ts,
          text: message.text,
          metadata: message.metadata,
        }));
      return { messages, has_more: false };
    });

    t.clock.advance(3 * 60_000);
    await finished(t, jobId);
    const copies = weeklyCopies(t);
    expect(copies).toHaveLength(1);
    const deleted = t.slack.callsTo('chat.delete').filter((c) => c.ok);
    expect(deleted).toHaveLength(1);
    // The newer copy went; the one Slack posted first stays.
    expect(Number(deleted[0]?.params.ts)).toBeGreaterThan(Number(copies[0]));
  }, 60_000);
});

describe('each attempt owns its claim', () => {
  it('two attempts of one job at the same millisecond hold different claims: a late release of the first cannot free the second', async () => {
    const t = await startApp({ now: MONDAY });
    const markers = nudgesOf(t).markers;
    const first = await markers.claim('T1', 'U1', WEEK, 'w', 'nudge-T1-U1-2026W49');
    if (first.result !== 'claimed') throw new Error('expected a fresh claim');
    // The same job again (BullMQ after a lost lock), the fixed clock at the same millisecond.
    const again = await markers.claim('T1', 'U1', WEEK, 'w', 'nudge-T1-U1-2026W49');
    expect(again).toMatchObject({ result: 'pending-own', value: first.value });
    const second = await markers.takeOver('T1', 'U1', WEEK, 'w', first.value, 'nudge-T1-U1-2026W49');
    expect(second).toBeDefined();
    expect(second).not.toBe(first.value);
    // The first attempt wakes up, its post refused: it releases what it holds, which is no longer there.
    await markers.release('T1', 'U1', WEEK, 'w', first.value);
    expect(await markers.state('T1', 'U1', WEEK, 'w')).toBe('pending');
    expect(await t.throughline.deps.redis.interactive.get(keys.nudgeSent('T1', 'U1', WEEK, 'w'))).toBe(
      second,
    );
  });
});
