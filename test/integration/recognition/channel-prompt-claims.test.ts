import { WebClient } from '@slack/web-api';
import type { Job, Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_PROMPTS_QUEUE, type ChannelPromptJobData } from '#src/recognition/channel-prompt-jobs.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { BOT_TOKEN, startTestApp, type TestApp } from '#test/support/test-app.ts';

// Friday 4 December 2026, 16:00 in Berlin is 15:00Z; the clock sits 150 ms before it, so the
// armed job is due in 150 ms of real time.
const OCCURRENCE = new Date('2026-12-04T15:00:00.000Z');
const NEXT_WEEK = new Date('2026-12-11T15:00:00.000Z');
const JUST_BEFORE = new Date(OCCURRENCE.getTime() - 150);

let t: TestApp | undefined;
let slack: SlackDouble | undefined;
afterEach(async () => {
  await t?.stop();
  await slack?.close();
  t = undefined;
  slack = undefined;
});

async function scheduleIn(app: TestApp, channelId: string): Promise<void> {
  const response = await app.command({
    command: '/recognize',
    text: 'schedule fri 16:00',
    userId: 'UADMIN',
    channelId,
    responseUrl: app.slack.responseUrl('schedule'),
  });
  expect(response.status).toBe(200);
  await app.slack.waitForResponse((r) => r.id === 'schedule', 3000);
}

function queueOf(app: TestApp): Queue<ChannelPromptJobData, unknown, string> {
  return app.throughline.deps.jobs.queue<ChannelPromptJobData>(CHANNEL_PROMPTS_QUEUE);
}

/** Runs any retry of this week's job at once (BullMQ would wait 30 s), then lists what is left. */
async function runRetriesThenList(app: TestApp, channelId: string): Promise<string[]> {
  const jobs = (await queueOf(app).getJobs(['delayed', 'wait', 'active'])).filter(
    (job): job is Job<ChannelPromptJobData> => job?.data.channelId === channelId,
  );
  for (const job of jobs) {
    if (job.data.occurrence === OCCURRENCE.toISOString() && (await job.getState()) === 'delayed')
      await job.promote();
  }
  return jobs.map((job) => job.data.occurrence).sort();
}

const posts = (app: TestApp, channelId: string) =>
  app.slack.callsTo('chat.postMessage').filter((c) => c.ok && c.params.channel === channelId);

describe('the weekly channel prompt claim', () => {
  it('a post that timed out (Slack answered after 11 s and did post) keeps its claim: posted once', async () => {
    t = await startTestApp({ now: JUST_BEFORE });
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/Berlin', is_admin: true });
    t.slack.addChannel({ id: 'CSLOW' });
    t.slack.setLatency(11_000, 'chat.postMessage');
    await scheduleIn(t, 'CSLOW');
    await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'CSLOW', {
      timeoutMs: 20_000,
    });
    t.slack.setLatency(0, 'chat.postMessage');
    const app = t;
    await expect
      .poll(() => runRetriesThenList(app, 'CSLOW'), { timeout: 10_000, interval: 200 })
      .toEqual([NEXT_WEEK.toISOString()]);
    expect(posts(t, 'CSLOW')).toHaveLength(1);
  }, 40_000);

  it("a failure finding the workspace's client does not lose the week's prompt", async () => {
    slack = await startSlackDouble({
      teams: [{ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' }],
    });
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    let failures = 1;
    const teamClients = {
      async forTeam() {
        if (failures > 0) {
          failures -= 1;
          throw new Error('the installation could not be read');
        }
        return client;
      },
    };
    t = await startTestApp({ now: JUST_BEFORE, slack, teamClients });
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/Berlin', is_admin: true });
    t.slack.addChannel({ id: 'CLOOKUP' });
    await scheduleIn(t, 'CLOOKUP');
    const app = t;
    await expect.poll(() => failures, { timeout: 3000 }).toBe(0);
    await expect
      .poll(
        async () => {
          await runRetriesThenList(app, 'CLOOKUP');
          return posts(app, 'CLOOKUP').length;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(1);
    expect(await runRetriesThenList(t, 'CLOOKUP')).toEqual([NEXT_WEEK.toISOString()]);
  });
});
