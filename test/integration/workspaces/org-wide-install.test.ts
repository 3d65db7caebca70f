import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_PROMPTS_QUEUE, type ChannelPromptJobData } from '#src/recognition/channel-prompt-jobs.ts';
import type { SlackDouble } from '#src/sandbox/slack-double.ts';
import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { keys } from '#src/store/keys.ts';
import { DOUBLE_OAUTH, installWithCode, oauthEnv } from '#test/support/oauth.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge } from '../nudges/nudge-helpers.ts';

// An org-wide (Enterprise Grid) install: one installation and one bot token for the org E1, used
// in its workspaces T21 and T22. Everything that runs outside a request (nudges, invitations,
// channel prompts with their digest, the export) must find that installation from the workspace
// id alone, and uninstalling the org must clean every workspace.

const ENV = { ...oauthEnv(5), ADMIN_USER_IDS: 'WADMIN1,WADMIN2' };
const ORG_TOKEN = 'xoxb-org-e1-token';
const WORKSPACES = [
  { teamId: 'T21', admin: 'WADMIN1', person: 'WANN', invitee: 'WCAT', group: 'S21', channel: 'C21' },
  { teamId: 'T22', admin: 'WADMIN2', person: 'WBEN', invitee: 'WDAN', group: 'S22', channel: 'C22' },
] as const;
// Friday 4 December 2026, 16:00 in Berlin is 15:00Z; the clock stands an hour before it, and the
// test runs the channel prompts' delayed jobs when it is ready.
const OCCURRENCE = new Date('2026-12-04T15:00:00.000Z');
const AN_HOUR_BEFORE = new Date(OCCURRENCE.getTime() - 3600_000);
const LAST_WEDNESDAY = new Date('2026-11-25T12:00:00.000Z');

let slack: SlackDouble;
let t: TestApp;

let replies = 0;
/**
 * Sends a command from a workspace of the org and returns its reply (ack or response_url), or ''
 * at once for a command that answers with a post of its own.
 */
async function orgCommand(
  workspace: (typeof WORKSPACES)[number],
  userId: string,
  text: string,
  command = '/reflect',
  awaitReply = true,
): Promise<string> {
  replies += 1;
  const id = `org-reply-${replies}`;
  const response = await t.command({
    teamId: workspace.teamId,
    enterpriseId: 'E1',
    isEnterpriseInstall: true,
    userId,
    channelId: workspace.channel,
    command,
    text,
    responseUrl: slack.responseUrl(id),
  });
  expect(response.status).toBe(200);
  const acked = response.text === '' ? undefined : (response.json() as { text?: string }).text;
  if (acked || !awaitReply) return acked ?? '';
  const [reply] = await slack.waitForResponse((r) => r.id === id, 5000);
  return String(reply?.body.text);
}

const okPosts = (channel: string) =>
  slack.callsTo('chat.postMessage').filter((call) => call.ok && call.params.channel === channel);

beforeAll(async () => {
  slack = await startSlackDouble({
    teams: WORKSPACES.map(({ teamId }) => ({
      teamId,
      enterpriseId: 'E1',
      botToken: `xoxb-unused-${teamId}`,
      botUserId: 'UBOTE1',
      botId: 'BBOTE1',
    })),
    oauth: DOUBLE_OAUTH,
  });
  for (const w of WORKSPACES) {
    slack.addUser({ teamId: w.teamId, id: w.admin, tz: 'Europe/Berlin' });
    slack.addUser({ teamId: w.teamId, id: w.person, tz: 'Europe/Berlin' });
    slack.addUser({ teamId: w.teamId, id: w.invitee, tz: 'Europe/Berlin' });
    slack.addUsergroup({ teamId: w.teamId, id: w.group, handle: `leads-${w.teamId}`, users: [w.invitee] });
    slack.addChannel({ teamId: w.teamId, id: w.channel, members: [w.admin, w.person] });
  }
  slack.addOAuthCode('code-org', {
    teamId: 'T21',
    enterpriseId: 'E1',
    isEnterpriseInstall: true,
    botToken: ORG_TOKEN,
    botUserId: 'UBOTE1',
    botId: 'BBOTE1',
    authedUserId: 'WADMIN1',
  });
  t = await startTestApp({ slack, env: ENV, now: AN_HOUR_BEFORE });

  await installWithCode(t.baseUrl, 'code-org');
});

afterAll(async () => {
  await t?.stop();
  await slack?.close();
});

describe('an org-wide (Enterprise Grid) install', () => {
  it('is stored once, for the org', async () => {
    const installation = await t.throughline.deps.installations?.fetchInstallation({
      teamId: undefined,
      enterpriseId: 'E1',
      isEnterpriseInstall: true,
    });
    expect(installation?.isEnterpriseInstall).toBe(true);
    expect(installation?.bot?.token).toBe(ORG_TOKEN);
    expect(await t.throughline.deps.installations?.listInstalled()).toEqual(['E1']);
  });

  it("posts each workspace its weekly channel prompt, with last week's digest, with the org token", async () => {
    for (const w of WORKSPACES) {
      expect(await orgCommand(w, w.admin, 'schedule fri 16:00', '/recognize')).toMatch(/^Done/);
      expect(await orgCommand(w, w.admin, 'digest on', '/recognize')).toMatch(/^Done/);
      // The digest covers last calendar week: recognize on the Wednesday before.
      t.clock.set(LAST_WEDNESDAY);
      await orgCommand(w, w.admin, `<@${w.person}> for the calm release #mind`, '/recognize', false);
      const recognized = () => okPosts(w.channel).some((call) => String(call.params.text).includes(w.person));
      await expect.poll(recognized, { timeout: 5000 }).toBe(true);
      t.clock.set(AN_HOUR_BEFORE);
    }
    const queue = t.throughline.deps.jobs.queue<ChannelPromptJobData>(CHANNEL_PROMPTS_QUEUE);
    for (const w of WORKSPACES) {
      const jobs = await queue.getJobs(['delayed']);
      const job = jobs.find((candidate) => candidate?.data.teamId === w.teamId);
      expect(job?.data.occurrence).toBe(OCCURRENCE.toISOString());
      t.clock.set(OCCURRENCE);
      await job?.promote();
      const prompts = () =>
        okPosts(w.channel).filter((call) => JSON.stringify(call.params.blocks).includes('recognition_open'));
      await expect.poll(() => prompts().length, { timeout: 5000 }).toBe(1);
      const [prompt] = prompts();
      expect(prompt?.token).toBe(ORG_TOKEN);
      expect(prompt?.teamId).toBe(w.teamId);
      expect(String(prompt?.params.text)).toMatch(/^Thank you for noticing each other last week\. /);
      expect(JSON.stringify(prompt?.params.blocks)).toContain(`<@${w.person}>`);
    }
  });

  it('sends each workspace its weekly nudges with the org token', async () => {
    for (const w of WORKSPACES) await orgCommand(w, w.person, 'schedule fri 17:00');
    for (const w of WORKSPACES) {
      await expect
        .poll(async () => (await t.throughline.deps.nudges?.store.get(w.teamId, w.person))?.jobId)
        .toBeTruthy();
      await fireArmedNudge(t, w.person, w.teamId);
      const [dm] = okPosts(w.person);
      expect(dm?.token).toBe(ORG_TOKEN);
      expect(dm?.teamId).toBe(w.teamId);
    }
  });

  it('sends invitations to a user group of each workspace', async () => {
    for (const w of WORKSPACES) {
      await orgCommand(w, w.admin, `invite <!subteam^${w.group}|@leads>`);
    }
    for (const w of WORKSPACES) {
      const invitations = () =>
        okPosts(w.invitee).filter((call) =>
          JSON.stringify(call.params.blocks).includes('nudge_invite_accept'),
        );
      await expect.poll(() => invitations().length, { timeout: 5000 }).toBe(1);
      expect(invitations()[0]?.token).toBe(ORG_TOKEN);
      expect(invitations()[0]?.teamId).toBe(w.teamId);
    }
  });

  it('sends /reflect export as a file in each workspace', async () => {
    for (const w of WORKSPACES) {
      const responseUrl = slack.responseUrl(`export-${w.teamId}`);
      await t.command({
        teamId: w.teamId,
        enterpriseId: 'E1',
        isEnterpriseInstall: true,
        userId: w.person,
        text: 'export',
        responseUrl,
      });
      const [done] = await slack.waitForResponse((r) => r.id === `export-${w.teamId}`, 5000);
      expect(String(done?.body.text)).toBe('Your export is in your DM with Throughline.');
    }
    const uploads = slack.callsTo('files.completeUploadExternal').filter((call) => call.ok);
    expect(uploads.map((call) => [call.teamId, call.token])).toEqual([
      ['T21', ORG_TOKEN],
      ['T22', ORG_TOKEN],
    ]);
  });

  it('uninstalling the org removes the installation and cleans every workspace of it', async () => {
    const cleaned: string[] = [];
    t.throughline.deps.teamCleanup.push(async (teamId) => {
      cleaned.push(teamId);
    });
    const response = await t.event(
      { type: 'app_uninstalled' },
      { teamId: 'T21', enterpriseId: 'E1', isEnterpriseInstall: true },
    );
    expect(response.status).toBe(200);
    await expect.poll(() => [...cleaned].sort(), { timeout: 3000 }).toEqual(['T21', 'T22']);
    for (const w of WORKSPACES) {
      await expect(t.throughline.deps.teamClients.forTeam(w.teamId)).rejects.toThrow();
      expect(await t.throughline.deps.nudges?.store.get(w.teamId, w.person)).toBeUndefined();
    }
    expect(await t.throughline.deps.installations?.listInstalled()).toEqual([]);
    const redis = t.throughline.deps.redis.interactive;
    expect(await redis.exists(keys.installation('E1'))).toBe(0);
  });
});
