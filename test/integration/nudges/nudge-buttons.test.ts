import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { FORGET_CONFIRM_ACTION } from '#messages/forget-messages.ts';
import { followUpJobId, redeliveryJobId, weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import { keys } from '#src/store/keys.ts';
import { testRedisUrl } from '#test/support/redis.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';
import { armedAt, fireArmedNudge, fireJob, nudgeDms, nudgesOf } from './nudge-helpers.ts';

// Monday, 30 November 2026, 10:00 in Berlin (2026-W49); nudges on Wednesdays at 16:00 (15:00Z).
const MONDAY = new Date('2026-11-30T09:00:00Z');
const WEEK = '2026-W49';

const startApp = startsTestApps();

async function wednesdayApp(): Promise<TestApp> {
  const app = await startApp({ now: MONDAY });
  app.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
  await app.command({ text: 'schedule wed 16:00', userId: 'U1' });
  return app;
}

function press(app: TestApp, actionId: string, value = WEEK, userId = 'U1') {
  return app.interact(blockActionPayload({ actionId, value, userId, responseUrl: app.slack.responseUrl() }));
}

async function jobState(app: TestApp, jobId: string) {
  return nudgesOf(app).queue.getJobState(jobId);
}

describe('the nudge DM and its buttons', () => {
  it('an unanswered nudge gets exactly one gentle follow-up, the next working morning', async () => {
    const t = await wednesdayApp();
    await fireArmedNudge(t);
    expect(nudgeDms(t)).toHaveLength(1);
    const followUp = await nudgesOf(t).queue.getJob(followUpJobId('T1', 'U1', WEEK));
    // Thursday 3 December, 09:00 in Berlin.
    expect(followUp?.data.dueAt).toBe(Date.parse('2026-12-03T08:00:00Z'));
    await fireJob(t, followUpJobId('T1', 'U1', WEEK));
    const dms = nudgeDms(t);
    expect(dms).toHaveLength(2);
    expect(String(dms[1]?.params.text)).toContain('gentle reminder');
    // Never more: nothing else is pending for this week, only next week's nudge.
    const pending = await nudgesOf(t).queue.getJobs(['delayed', 'waiting']);
    expect(pending.map((job) => job.id)).toEqual([weeklyNudgeJobId('T1', 'U1', '2026-W50')]);
  });

  it('Snooze 2 h cancels the follow-up and brings the nudge back two hours later, once', async () => {
    const t = await wednesdayApp();
    await fireArmedNudge(t);
    const response = await press(t, 'nudge_snooze');
    expect(response.status).toBe(200);
    const [ack] = await t.slack.waitForResponse();
    expect(JSON.stringify(ack?.body)).toContain('Wednesday, 2 December 2026 at 18:00 (Europe/Berlin)');
    expect(await jobState(t, followUpJobId('T1', 'U1', WEEK))).toBe('unknown');
    const again = await nudgesOf(t).queue.getJob(redeliveryJobId('T1', 'U1', WEEK, 1));
    expect(again?.data.dueAt).toBe(Date.parse('2026-12-02T17:00:00Z'));
    await fireJob(t, redeliveryJobId('T1', 'U1', WEEK, 1));
    expect(nudgeDms(t)).toHaveLength(2);
    expect(String(nudgeDms(t)[1]?.params.text)).toContain('again');
  });

  it('Tomorrow brings it back the next working morning; Skip this week cancels everything for the week', async () => {
    const t = await wednesdayApp();
    await fireArmedNudge(t);
    await press(t, 'nudge_tomorrow');
    await t.slack.waitForResponse();
    const again = await nudgesOf(t).queue.getJob(redeliveryJobId('T1', 'U1', WEEK, 1));
    expect(again?.data.dueAt).toBe(Date.parse('2026-12-03T08:00:00Z'));
    await press(t, 'nudge_skip_week');
    await t.slack.waitForResponse(() => true, { count: 2 });
    expect(await jobState(t, redeliveryJobId('T1', 'U1', WEEK, 1))).toBe('unknown');
    expect(await jobState(t, followUpJobId('T1', 'U1', WEEK))).toBe('unknown');
    expect(await armedAt(t)).toBe('2026-12-09T15:00:00.000Z');
  });

  it('Reflect now opens the reflection modal and cancels the follow-up', async () => {
    const t = await wednesdayApp();
    await fireArmedNudge(t);
    await press(t, 'nudge_reflect_now');
    const [open] = await t.slack.waitFor('views.open');
    expect(open?.ok).toBe(true);
    await expect.poll(() => jobState(t as TestApp, followUpJobId('T1', 'U1', WEEK))).toBe('unknown');
  });

  it('/reflect forget removes every pending nudge job and every nudge key of the person', async () => {
    const t = await wednesdayApp();
    await fireArmedNudge(t);
    await press(t, 'nudge_snooze');
    await t.slack.waitForResponse();
    const nudges = nudgesOf(t);
    // Next week's nudge and the snoozed one (the snooze cancelled the follow-up).
    expect((await nudges.queue.getJobs(['delayed'])).map((job) => job.id).sort()).toEqual(
      [redeliveryJobId('T1', 'U1', WEEK, 1), weeklyNudgeJobId('T1', 'U1', '2026-W50')].sort(),
    );
    // The person's own "Delete everything" button under `/reflect forget`.
    const responseUrl = t.slack.responseUrl('forget-u1');
    await t.interact(blockActionPayload({ actionId: FORGET_CONFIRM_ACTION, userId: 'U1', responseUrl }));
    await t.slack.waitForResponse((response) => response.id === 'forget-u1');
    const left = await nudges.queue.getJobs(['delayed', 'waiting', 'active']);
    expect(left.filter((job) => job.data.userId === 'U1')).toEqual([]);
    const redis = new Redis(testRedisUrl());
    try {
      expect(await redis.keys(`${keys.userRoot('T1', 'U1')}*`)).toEqual([]);
      expect(await redis.zscore(keys.nudgeEnrolled('T1'), 'U1')).toBeNull();
    } finally {
      redis.disconnect();
    }
  });
});

describe('enrolment by consent', () => {
  it('"Nudge me weekly" under a saved reflection enrols at Friday 16:00 local, with a way to choose', async () => {
    const t = await startApp({ now: MONDAY });
    t.slack.addUser({ id: 'U1', tz: 'Australia/Sydney' });
    await press(t, 'nudge_opt_in', 'reflection_saved');
    const [reply] = await t.slack.waitForResponse();
    expect(JSON.stringify(reply?.body)).toContain('Friday, 4 December 2026 at 16:00 (Australia/Sydney)');
    expect(JSON.stringify(reply?.body)).toContain('nudge_choose_schedule');
    expect(await armedAt(t)).toBe('2026-12-04T05:00:00.000Z');
    // Pressed again after choosing another time: the chosen time stays.
    await t.command({ text: 'schedule wed 08:00', userId: 'U1' });
    await press(t, 'nudge_opt_in', 'reflection_saved');
    await t.slack.waitForResponse(() => true, { count: 2 });
    expect(await armedAt(t)).toBe('2026-12-01T21:00:00.000Z');
  });

  it('an admin invite DMs each member of a user group once, enrols nobody, and a repeat invites no one again', async () => {
    const t = await startApp({ now: MONDAY, env: { ADMIN_USER_IDS: 'UADMIN' } });
    for (const id of ['UADMIN', 'U1', 'U2', 'U3']) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    t.slack.addUsergroup({ id: 'S1', handle: 'leads', users: ['U1', 'U2', 'U3', 'UADMIN'] });
    await t.command({ text: 'schedule fri 09:00', userId: 'U3' }); // already enrolled: not invited

    const refused = await t.command({ text: 'invite <!subteam^S1|@leads>', userId: 'U2' });
    expect(refused.text).toContain('Only workspace admins');
    const answer = await t.command({ text: 'invite <!subteam^S1|@leads>', userId: 'UADMIN' });
    expect(answer.status).toBe(200);
    const invitations = await t.slack.waitFor(
      (call) =>
        call.method === 'chat.postMessage' &&
        JSON.stringify(call.params.blocks).includes('nudge_invite_accept'),
      { count: 2, timeoutMs: 5000 },
    );
    expect(invitations.map((call) => call.params.channel).sort()).toEqual(['U1', 'U2']);
    expect((await nudgesOf(t).store.get('T1', 'U1'))?.enrolled).toBeUndefined();

    await t.command({ text: 'invite <!subteam^S1|@leads>', userId: 'UADMIN' });
    const [report] = await t.slack.waitForResponse(
      (r) => JSON.stringify(r.body).includes('Inviting 0 people'),
      {
        timeoutMs: 5000,
      },
    );
    expect(JSON.stringify(report?.body)).toContain('2 were invited before');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.slack.callsTo('chat.postMessage').filter((call) => call.ok)).toHaveLength(2);

    await press(t, 'nudge_invite_accept', 'accept', 'U1');
    await expect.poll(async () => (await nudgesOf(t as TestApp).store.get('T1', 'U1'))?.enrolled).toBe(true);
  });

  it('App Home shows the schedule and its controls', async () => {
    const t = await wednesdayApp();
    await t.event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' });
    await t.slack.waitFor('views.publish');
    const home = JSON.stringify(t.slack.homeView('U1'));
    expect(home).toContain('every Wednesday at 16:00 (Europe/Berlin)');
    for (const action of ['nudge_choose_schedule', 'nudge_home_pause', 'nudge_home_stop'])
      expect(home).toContain(action);
  });

  it('a deactivated person (user_change) is unenrolled and their nudge removed', async () => {
    const t = await wednesdayApp();
    const jobId = weeklyNudgeJobId('T1', 'U1', WEEK);
    expect(await jobState(t, jobId)).toBe('delayed');
    await t.event({ type: 'user_change', user: { id: 'U1', deleted: true, tz: 'Europe/Berlin' } });
    await expect.poll(() => jobState(t as TestApp, jobId)).toBe('unknown');
    expect((await nudgesOf(t).store.get('T1', 'U1'))?.enrolled).toBe(false);
  });
});
