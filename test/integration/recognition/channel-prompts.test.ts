import type { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RECOGNITION_BLOCKS } from '#messages/recognition-modal.ts';
import { RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import { CHANNEL_PROMPTS_QUEUE, type ChannelPromptJobData } from '#src/recognition/channel-prompt-jobs.ts';
import { createChannelPromptProcessor } from '#src/recognition/channel-prompt-processor.ts';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { keys } from '#src/store/keys.ts';
import { viewSubmissionPayload } from '#test/support/slack-payloads.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

// Friday, 4 December 2026, 16:00 in Berlin (CET, UTC+1) is 15:00Z.
const OCCURRENCE = new Date('2026-12-04T15:00:00.000Z');
const NEXT_WEEK = new Date('2026-12-11T15:00:00.000Z');
const JUST_BEFORE = new Date(OCCURRENCE.getTime() - 150);

/**
 * Weekly recognition prompts in channels, with the real `channel-prompts` queue and worker on
 * real Redis. The injected clock sits 150 ms before the scheduled local time, so the delayed job
 * computed by the app is due in 150 ms of real time: the test never sleeps for minutes.
 */
describe('weekly channel recognition prompts', () => {
  let t: TestApp;
  let queue: Queue<ChannelPromptJobData, unknown, string>;
  let recognition: RecognitionServices;
  let responseSeq = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: JUST_BEFORE, env: { ADMIN_USER_IDS: 'UENVADMIN' } });
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/Berlin', is_admin: true });
    t.slack.addUser({ id: 'UENVADMIN', tz: 'Asia/Kolkata' });
    t.slack.addUser({ id: 'UNY', tz: 'America/New_York', is_owner: true });
    t.slack.addUser({ id: 'UPEER', tz: 'Europe/Berlin' });
    for (const id of ['U1', 'U2', 'USECRET', 'UOLD', 'UMONDAY', 'UMINUTES'])
      t.slack.addUser({ id, tz: 'Europe/Berlin' });
    for (const id of ['C1', 'C2', 'CDIG', 'CARCH', 'COFF', 'CTZ', 'CRATE']) t.slack.addChannel({ id });
    t.slack.addChannel({ id: 'CNOTIN', isMember: false });
    queue = t.throughline.deps.jobs.queue<ChannelPromptJobData>(CHANNEL_PROMPTS_QUEUE);
    recognition = t.throughline.deps.recognition!;
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(() => {
    t.clock.set(JUST_BEFORE);
  });

  async function command(text: string, userId: string, channelId: string): Promise<string> {
    responseSeq += 1;
    const id = `cp${responseSeq}`;
    const response = await t.command({
      command: '/recognize',
      text,
      userId,
      channelId,
      responseUrl: t.slack.responseUrl(id),
    });
    expect(response.status).toBe(200);
    const [answer] = await t.slack.waitForResponse((r) => r.id === id, 3000);
    expect(answer?.body.response_type).toBe('ephemeral');
    return String(answer?.body.text);
  }

  const channelPosts = (channel: string) =>
    t.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === channel && c.ok);

  async function jobsFor(channelId: string): Promise<Job<ChannelPromptJobData>[]> {
    const jobs = await queue.getJobs(['delayed', 'wait', 'active']);
    return jobs.filter((job) => job?.data.channelId === channelId);
  }

  it('fires at the scheduled local time, once, and arms next week', async () => {
    const sentAt = Date.now();
    const reply = await command('schedule fri 16:00', 'UADMIN', 'C1');
    expect(reply).toContain('every Friday at 16:00 (Europe/Berlin, your time zone)');
    expect(reply).toContain('Friday, 4 December 2026 at 16:00 (Europe/Berlin)');

    const [post] = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'C1',
      3000,
    );
    // BullMQ ran the job after the computed 150 ms delay, not before.
    expect(post!.at - sentAt).toBeGreaterThanOrEqual(140);
    expect(RECOGNITION_PROMPTS.map((p) => p.text)).toContain(post!.params.text);
    expect(JSON.stringify(post!.params.blocks)).toContain('"action_id":"recognition_open"');
    expect(blockKitViolations('message', post!.params.blocks)).toEqual([]);

    await expect
      .poll(async () => (await jobsFor('C1')).map((j) => [j.id, j.data.occurrence]))
      .toEqual([['prompt-T1-C1-2026W50', NEXT_WEEK.toISOString()]]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(channelPosts('C1')).toHaveLength(1);
  });

  it('computes the time in the admin zone: 09:30 Monday in Kolkata (UTC+5:30) is 04:00Z', async () => {
    const reply = await command('schedule monday 9:30am', 'UENVADMIN', 'CTZ');
    expect(reply).toContain('every Monday at 09:30 (Asia/Kolkata');
    const [job] = await jobsFor('CTZ');
    expect(job?.data.occurrence).toBe('2026-12-07T04:00:00.000Z');
    expect(job?.id).toBe('prompt-T1-CTZ-2026W50');
    expect(await command('schedule off', 'UENVADMIN', 'CTZ')).toMatch(/no more weekly recognition prompts/);
    expect(await jobsFor('CTZ')).toEqual([]);
    expect(await recognition.prompts.get('T1', 'CTZ')).toBeUndefined();
  });

  it('posts once per week per channel even with a second worker and a duplicate job', async () => {
    const outcomes: unknown[] = [];
    const deps = t.throughline.deps;
    const second = deps.jobs.worker<ChannelPromptJobData>(
      CHANNEL_PROMPTS_QUEUE,
      createChannelPromptProcessor({
        store: recognition.prompts,
        recognitions: recognition.recognitions,
        scheduler: recognition.scheduler,
        teamClients: deps.teamClients,
        clock: deps.clock,
        logger: deps.logger,
        metrics: deps.metrics,
      }),
      { concurrency: 4 },
    );
    second.on('completed', (_job, value) => outcomes.push(value));
    recognition.worker?.on('completed', (_job, value) => outcomes.push(value));
    await second.waitUntilReady();

    await command('schedule fri 16:00', 'UADMIN', 'C2');
    // A stale duplicate of the same week (a re-add after a crash, say), due at the same moment.
    await queue.add(
      'prompt',
      { teamId: 'T1', channelId: 'C2', occurrence: OCCURRENCE.toISOString() },
      { jobId: 'duplicate-C2', delay: 100 },
    );
    await expect.poll(() => outcomes.length, { timeout: 4000 }).toBeGreaterThanOrEqual(2);
    expect([...outcomes].sort()).toEqual(['already_sent', 'posted']);
    expect(channelPosts('C2')).toHaveLength(1);
    // Both runs armed next week: still exactly one job.
    expect((await jobsFor('C2')).map((j) => j.id)).toEqual(['prompt-T1-C2-2026W50']);
    await second.close();
  });

  it('not_in_channel: keeps the schedule and DMs the admin once how to invite the bot', async () => {
    await command('schedule fri 16:00', 'UADMIN', 'CNOTIN');
    const [dm] = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'UADMIN',
      3000,
    );
    expect(String(dm!.params.text)).toContain('/invite @Throughline');
    expect(await recognition.prompts.get('T1', 'CNOTIN')).toBeDefined();
    expect((await jobsFor('CNOTIN')).map((j) => j.data.occurrence)).toEqual([NEXT_WEEK.toISOString()]);

    // Next week it still cannot post: no second DM.
    const next = (await jobsFor('CNOTIN'))[0]!;
    await next.promote();
    await expect
      .poll(async () => (await jobsFor('CNOTIN')).map((j) => j.data.occurrence))
      .toEqual(['2026-12-18T15:00:00.000Z']);
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === 'UADMIN')).toHaveLength(1);
    expect(channelPosts('CNOTIN')).toEqual([]);
  });

  it('a 429 pauses the workspace for Retry-After and the prompt goes out then, once', async () => {
    t.slack.rateLimit('chat.postMessage', 1);
    await command('schedule fri 16:00', 'UADMIN', 'CRATE');
    const [limited] = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.status === 429, 3000);
    const [posted] = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'CRATE' && c.ok,
      4000,
    );
    expect(posted!.at - limited!.at).toBeGreaterThanOrEqual(900);
    expect(channelPosts('CRATE')).toHaveLength(1);
    expect(await t.throughline.deps.redis.background.pttl(keys.slackPauseUntil('T1'))).toBeLessThanOrEqual(0);
  });

  it('is_archived: removes the schedule and its jobs', async () => {
    await command('schedule fri 16:00', 'UADMIN', 'CARCH');
    t.slack.addChannel({ id: 'CARCH', isArchived: true });
    await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'CARCH' && c.error === 'is_archived',
      3000,
    );
    await expect.poll(() => recognition.prompts.get('T1', 'CARCH')).toBeUndefined();
    await expect.poll(async () => (await jobsFor('CARCH')).length).toBe(0);
    expect(await recognition.prompts.channels('T1')).not.toContain('CARCH');
  });

  it('refuses people who are not admins, kindly; anyone may look', async () => {
    expect(await command('schedule fri 16:00', 'UPEER', 'COFF')).toMatch(/Only workspace admins/);
    expect(await recognition.prompts.get('T1', 'COFF')).toBeUndefined();
    expect(await command('digest on', 'UPEER', 'C1')).toMatch(/Only workspace admins/);
    expect(await command('schedule', 'UPEER', 'C1')).toMatch(
      /gets a recognition prompt every Friday at 16:00/,
    );
    expect(await command('schedule', 'UPEER', 'COFF')).toMatch(/no weekly recognition prompt/);
    // Workspace owners count as admins too.
    expect(await command('schedule fri 9:00', 'UNY', 'COFF')).toContain('America/New_York');
    // 09:00 in New York (EST, UTC-5) is 14:00Z; today's already passed, so next Friday.
    expect((await jobsFor('COFF'))[0]?.data.occurrence).toBe('2026-12-11T14:00:00.000Z');
  });

  it('explains schedule mistakes with /recognize examples', async () => {
    expect(await command('schedule someday', 'UADMIN', 'C1')).toMatch(/`\/recognize schedule fri 16:00`/);
    expect(await command('schedule fri 16:00', 'UADMIN', 'D123')).toMatch(/Run this in the channel/);
  });

  it('the digest thanks last calendar week (Berlin) for public recognitions only; a private one never appears', async () => {
    t.clock.set(new Date(OCCURRENCE.getTime() - 24 * 3600 * 1000));
    await command('schedule fri 16:00', 'UADMIN', 'CDIG');
    expect(await command('digest on', 'UADMIN', 'CDIG')).toMatch(/digest/);

    let posted = 0;
    /** Recognizes in CDIG with the clock at `at`, and waits for the post. */
    async function recognizeAt(at: string, text: string, userId: string) {
      t.clock.set(new Date(at));
      await t.command({ command: '/recognize', text, userId, channelId: 'CDIG' });
      posted += 1;
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'CDIG' && c.ok, {
        count: posted,
      });
    }
    // Last week in Berlin runs from Monday 23 November 00:00 CET (22:00Z on the 22nd) to Monday 30 November.
    await recognizeAt('2026-11-22T22:30:00Z', '<@UOLD|old> cleaned up the backlog', 'U2'); // Sun 23:30: the week before
    await recognizeAt('2026-11-22T23:30:00Z', '<@U2|bob> mentored the new hire', 'U1'); // Mon 00:30: last week
    await recognizeAt('2026-11-29T22:30:00Z', '<@U1|ann> untangled the billing bug #mind', 'U2'); // Sun 23:30: last week
    // Still Sunday in UTC, and within 7 days of the post, but this week in Berlin.
    await recognizeAt('2026-11-29T23:30:00Z', '<@UMONDAY|mo> fixed the build', 'U1');
    // Minutes before the post: counted next week, not now.
    await recognizeAt('2026-12-04T14:55:00Z', '<@UMINUTES|mi> covered the on-call shift', 'U2');
    const secretWords = 'quietly stayed with me through a hard week';
    await t.interact(
      viewSubmissionPayload({
        userId: 'U1',
        callbackId: 'recognition_modal',
        values: {
          [RECOGNITION_BLOCKS.recipients]: {
            value: { type: 'multi_users_select', selected_users: ['USECRET'] },
          },
          [RECOGNITION_BLOCKS.words]: { value: { type: 'plain_text_input', value: secretWords } },
          [RECOGNITION_BLOCKS.dimension]: {
            value: { type: 'static_select', selected_option: { value: 'heart' } },
          },
          [RECOGNITION_BLOCKS.visibility]: {
            value: { type: 'radio_buttons', selected_option: { value: 'private' } },
          },
          // Even with the channel picked, a private recognition never goes there.
          [RECOGNITION_BLOCKS.channel]: {
            value: { type: 'conversations_select', selected_conversation: 'CDIG' },
          },
        },
      }),
    );
    await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'USECRET', 3000);

    // Reschedule just before the time so the job is due now (digest stays on).
    t.clock.set(JUST_BEFORE);
    await command('schedule fri 16:00', 'UADMIN', 'CDIG');
    const [prompt] = await t.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.params.channel === 'CDIG' &&
        JSON.stringify(c.params.blocks).includes('recognition_open'),
      3000,
    );
    const digest = JSON.stringify(prompt!.params.blocks);
    expect(String(prompt!.params.text)).toMatch(/^Thank you for noticing each other last week\. /);
    expect(digest).toContain(
      'Recognized here for caring for people and solving problems together: <@U2> and <@U1>.',
    );
    for (const outside of ['UOLD', 'UMONDAY', 'UMINUTES', 'USECRET']) expect(digest).not.toContain(outside);
    expect(digest).not.toMatch(/\d+ recognitions?|for \d+ (people|person)/);

    const everythingInChannels = t.slack
      .callsTo('chat.postMessage')
      .filter((c) => /^[CG]/.test(String(c.params.channel)))
      .map((c) => JSON.stringify(c.params));
    expect(everythingInChannels.join('\n')).not.toContain('USECRET');
    expect(everythingInChannels.join('\n')).not.toContain(secretWords);
  });

  it('uninstalling the app removes every weekly prompt and its jobs', async () => {
    expect((await recognition.prompts.channels('T1')).length).toBeGreaterThan(0);
    await recognition.cleanupTeam('T1');
    expect(await recognition.prompts.channels('T1')).toEqual([]);
    const pending = await queue.getJobs(['delayed', 'wait']);
    expect(pending.filter((job) => job?.data.teamId === 'T1')).toEqual([]);
  });
});
