import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { DOUBLE_OAUTH, installWithCode, oauthEnv } from '#test/support/oauth.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge, nudgesOf } from '../nudges/nudge-helpers.ts';

// Two workspaces installed through OAuth, each with a person whose id is U1 (Slack ids are only
// unique within a workspace). Data, schedules and recognitions must never cross.

const ENV = oauthEnv(9);
const TOKENS = { TA: 'xoxb-team-a-token', TB: 'xoxb-team-b-token' } as const;
const MONDAY = new Date('2026-11-30T09:00:00Z');

let slack: SlackDouble;
let t: TestApp;

async function install(teamId: keyof typeof TOKENS) {
  slack.addOAuthCode(`code-${teamId}`, {
    teamId,
    botToken: TOKENS[teamId],
    teamName: teamId,
    authedUserId: 'U1',
  });
  await installWithCode(t.baseUrl, `code-${teamId}`);
}

beforeAll(async () => {
  slack = await startSlackDouble({
    teams: [{ teamId: 'T0', botToken: 'xoxb-unused', botUserId: 'UBOT0', botId: 'BBOT0' }],
    oauth: DOUBLE_OAUTH,
  });
  t = await startTestApp({ slack, env: ENV, now: MONDAY });
  await install('TA');
  await install('TB');
  slack.addUser({ teamId: 'TA', id: 'U1', tz: 'Europe/Berlin' });
  slack.addUser({ teamId: 'TA', id: 'U2', tz: 'Europe/Berlin' });
  slack.addUser({ teamId: 'TB', id: 'U1', tz: 'America/New_York' });
  slack.addUser({ teamId: 'TB', id: 'U2', tz: 'America/New_York' });
  slack.addChannel({ teamId: 'TA', id: 'CA' });
  slack.addChannel({ teamId: 'TB', id: 'CB' });
});

afterAll(async () => {
  await t?.stop();
  await slack?.close();
});

describe('two workspaces with the same user id', () => {
  it('keeps schedules apart and sends each nudge with its own workspace token', async () => {
    await t.command({ teamId: 'TA', userId: 'U1', text: 'schedule fri 16:00' });
    await t.command({ teamId: 'TB', userId: 'U1', text: 'schedule wed 08:30' });
    const store = nudgesOf(t).store;
    await expect.poll(async () => (await store.get('TA', 'U1'))?.tz).toBe('Europe/Berlin');
    await expect.poll(async () => (await store.get('TB', 'U1'))?.tz).toBe('America/New_York');
    expect((await store.get('TA', 'U1'))?.schedule).toMatchObject({ weekday: 5, hour: 16, minute: 0 });
    expect((await store.get('TB', 'U1'))?.schedule).toMatchObject({ weekday: 3, hour: 8, minute: 30 });

    await fireArmedNudge(t, 'U1', 'TA');
    await fireArmedNudge(t, 'U1', 'TB');
    const dms = slack.callsTo('chat.postMessage').filter((call) => call.ok && call.params.channel === 'U1');
    expect(dms.map((call) => [call.teamId, call.token]).sort()).toEqual([
      ['TA', TOKENS.TA],
      ['TB', TOKENS.TB],
    ]);
  });

  it('keeps reflections apart: history in one workspace never shows the other', async () => {
    // What the person sees: the ack body and anything posted to this command's response_url.
    const history = async (teamId: string) => {
      const id = `history-${teamId}-${Date.now()}`;
      const reply = await t.command({
        teamId,
        userId: 'U1',
        text: 'history',
        responseUrl: slack.responseUrl(id),
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      return reply.text + JSON.stringify(slack.responses.filter((r) => r.id === id).map((r) => r.body));
    };
    // A reflection stored for TA's U1 is invisible to TB's U1.
    const deps = t.throughline.deps;
    await deps.reflect.reflections.save('TA', 'U1', {
      weekKey: '2026-W49',
      timeZone: 'Europe/Berlin',
      prompts: [{ id: 'soul-p-01', dimension: 'soul', text: 'A prompt', answer: 'Team A only: zebraquilt' }],
      ratings: {},
    });
    expect(await deps.reflect.reflections.hasReflected('TA', 'U1', '2026-W49')).toBe(true);
    expect(await deps.reflect.reflections.hasReflected('TB', 'U1', '2026-W49')).toBe(false);
    expect(await history('TA')).toContain('zebraquilt');
    expect(await history('TB')).not.toContain('zebraquilt');
  });

  it('keeps recognitions apart: a recognition in one workspace is not on the other radar or record', async () => {
    await t.command({
      teamId: 'TA',
      userId: 'U2',
      command: '/recognize',
      channelId: 'CA',
      text: '<@U1|ann> fixed the build #mind',
    });
    await expect.poll(() => slack.messages('CA').length).toBe(1);
    const recognition = t.throughline.deps.recognition;
    if (!recognition) throw new Error('recognition feature missing');
    // The record is stored after the post and its DMs went out.
    await expect
      .poll(async () => (await recognition.recognitions.forPerson('TA', 'U1')).received.length)
      .toBe(1);
    expect(await recognition.recognitions.forPerson('TB', 'U1')).toEqual({ given: [], received: [] });
    const last = await recognition.recognitions.lastReceivedAt('TB', ['U1']);
    expect(last.get('U1')).toBeUndefined();
    expect(slack.messages('CB')).toEqual([]);
    const post = slack.callsTo('chat.postMessage').find((call) => call.params.channel === 'CA');
    expect(post?.token).toBe(TOKENS.TA);
  });
});
