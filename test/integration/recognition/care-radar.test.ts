import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careRadarBlocksForNudge } from '#src/recognition/care-radar.ts';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { keys } from '#src/store/keys.ts';
import { fireArmedNudge } from '#test/integration/nudges/nudge-helpers.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { radarPeople, reflectTeam, submitRecognitionForm } from './recognition-driver.ts';

const NOW = new Date('2026-12-01T10:00:00Z');
const WEEK = 7 * 24 * 3600 * 1000;

describe('care radar', () => {
  let t: TestApp;
  let recognition: RecognitionServices;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    for (const id of ['UMGR', 'UOTHER', 'UPEER', 'U1', 'U2', 'U3', 'U4', 'U5']) {
      t.slack.addUser({ id, tz: 'Europe/Berlin' });
    }
    t.slack.addChannel({ id: 'C1' });
    t.slack.addUsergroup({ id: 'S1', users: ['U1', 'U2', 'UMGR'] });
    recognition = t.throughline.deps.recognition!;
  });
  afterAll(async () => {
    await t.stop();
  });

  const team = (text: string, userId: string) => reflectTeam(t, text, userId);

  async function recognise(giver: string, text: string) {
    const before = t.slack.callsTo('chat.postMessage').length;
    await t.command({ command: '/recognize', text, userId: giver, channelId: 'C1' });
    await t.slack.waitFor('chat.postMessage', { count: before + 2, timeoutMs: 3000 });
  }

  async function recognisePrivately(giver: string, recipient: string, words: string) {
    const before = t.slack.callsTo('chat.postMessage').length;
    await submitRecognitionForm(t, { giver, users: [recipient], words, visibility: 'private' });
    await t.slack.waitFor('chat.postMessage', { count: before + 1, timeoutMs: 3000 });
  }

  it('a manager names a team of 5; nobody recognised yet, so all 5 show', async () => {
    const reply = await team('<@U1|a> <@U2|b>, <@U3|c> and <@U4|d> <@U5|e>', 'UMGR');
    expect(reply.text).toContain('Saved 5 people');
    expect(radarPeople(reply.blocks)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
    expect(blockKitViolations('message', reply.blocks)).toEqual([]);
  });

  it('with recognitions the manager could see for 2 of them in the last 4 weeks, the manager sees the other 3', async () => {
    // U4 was recognised, but five weeks ago: that is outside the radar's four weeks.
    t.clock.set(new Date(NOW.getTime() - 5 * WEEK));
    await recognise('UPEER', '<@U4|d> set up the on-call rota');
    t.clock.set(new Date(NOW.getTime() - 3 * WEEK));
    await recognise('UPEER', '<@U1|a> wrote the migration guide');
    t.clock.set(new Date(NOW.getTime() - WEEK));
    // Private between UPEER and U2: the manager cannot see it, so it does not count (issue 12, 8).
    await recognisePrivately('UPEER', 'U2', 'listened when I needed it');
    t.clock.set(NOW);
    await recognise('UMGR', '<@U3|c> unblocked the release #mind');

    const reply = await team('', 'UMGR');
    expect(reply.text).toContain('Your people');
    expect(radarPeople(reply.blocks)).toEqual(['U2', 'U4', 'U5']);
    expect(JSON.stringify(reply.blocks)).toContain('only you can see this');

    const nudge = await careRadarBlocksForNudge(
      { redis: t.throughline.deps.redis.background, clock: t.clock },
      'T1',
      'UMGR',
    );
    expect(radarPeople(nudge)).toEqual(['U2', 'U4', 'U5']);
    expect(await recognition.backgroundCareRadar.blocksForNudge('T1', 'UMGR')).toEqual(nudge);
  });

  it('another user asking sees nothing of it', async () => {
    const reply = await team('', 'UOTHER');
    expect(reply.text).toContain("You haven't named your people yet");
    const seen = JSON.stringify(reply);
    for (const id of ['U1', 'U2', 'U3', 'U4', 'U5', 'UMGR']) expect(seen).not.toContain(`<@${id}>`);
    expect(radarPeople(reply.blocks ?? [])).toEqual([]);
    expect(
      await careRadarBlocksForNudge(
        { redis: t.throughline.deps.redis.background, clock: t.clock },
        'T1',
        'UOTHER',
      ),
    ).toEqual([]);
  });

  it('App Home shows the radar to the manager only', async () => {
    await t.event({ type: 'app_home_opened', user: 'UMGR', channel: 'DMGR', tab: 'home', event_ts: '1.1' });
    await t.event({
      type: 'app_home_opened',
      user: 'UOTHER',
      channel: 'DOTHER',
      tab: 'home',
      event_ts: '1.2',
    });
    await t.slack.waitFor((c) => c.method === 'views.publish', { count: 2, timeoutMs: 5000 });
    const managerHome = t.slack.homeView('UMGR');
    const otherHome = t.slack.homeView('UOTHER');
    expect(radarPeople(managerHome?.blocks)).toEqual(['U2', 'U4', 'U5']);
    expect(radarPeople(otherHome?.blocks)).toEqual([]);
    expect(JSON.stringify(otherHome?.blocks)).not.toMatch(/<@U[45]>/);
    // Everyone gets the way in: a "Recognize someone" button.
    expect(JSON.stringify(otherHome?.blocks)).toContain('"action_id":"recognition_open"');
  });

  it("the manager's weekly nudge DM lists the same 3, with Recognize buttons", async () => {
    const reply = await t.command({ text: 'schedule wed 09:00', userId: 'UMGR' });
    expect(reply.status).toBe(200);
    await fireArmedNudge(t, 'UMGR');
    const [dm] = t.slack.callsTo('chat.postMessage').filter((c) => c.ok && c.params.channel === 'UMGR');
    expect(radarPeople(dm?.params.blocks)).toEqual(['U2', 'U4', 'U5']);
    expect(blockKitViolations('message', dm?.params.blocks)).toEqual([]);
    t.clock.set(NOW);
  });

  it('expands a user group (leaving the manager out), replaces the list, and clears it', async () => {
    const reply = await team('<!subteam^S1|@design> <@U5|e>', 'UMGR');
    expect(reply.text).toContain('Saved 3 people');
    expect(reply.text).toContain('I left you out');
    expect(await recognition.radarStore.getTeam('T1', 'UMGR')).toEqual(['U1', 'U2', 'U5']);

    const bad = await team('<!subteam^SNOPE|@ghosts>', 'UMGR');
    expect(bad.text).toContain('nothing changed');
    expect(await recognition.radarStore.getTeam('T1', 'UMGR')).toEqual(['U1', 'U2', 'U5']);

    const junk = await team('bob', 'UMGR');
    expect(junk.text).toContain("couldn't read `bob`");

    const cleared = await team('clear', 'UMGR');
    expect(cleared.text).toContain('empty');
    expect(await recognition.radarStore.getTeam('T1', 'UMGR')).toEqual([]);
  });

  it('export and forget cover recognitions and the radar', async () => {
    await team('<@U1|a> <@U2|b> <@U4|d>', 'UMGR');
    const source = recognition.personalData;

    const mine = (await source.export('T1', 'U2')) as {
      received: { visibility: string; words: string }[];
      given: unknown[];
    };
    expect(mine.received.map((r) => r.visibility)).toEqual(['private']);
    expect(mine.received[0]?.words).toBe('listened when I needed it');
    const managers = (await source.export('T1', 'UMGR')) as { careRadarPeople: string[]; given: unknown[] };
    expect(managers.careRadarPeople).toEqual(['U1', 'U2', 'U4']);
    expect(managers.given).toHaveLength(1);
    // UPEER gave three recognitions; the private one is theirs to see.
    const peer = (await source.export('T1', 'UPEER')) as { given: { visibility: string }[] };
    expect(peer.given.map((r) => r.visibility).sort()).toEqual(['channel', 'channel', 'private']);

    // U2 forgets: the private recognition is gone (for the giver too) and U2 leaves UMGR's radar.
    await source.erase('T1', 'U2');
    expect(await source.export('T1', 'U2')).toEqual({
      given: [],
      received: [],
      careRadarPeople: [],
      weeklyPromptChannelsYouSet: [],
    });
    expect(((await source.export('T1', 'UPEER')) as { given: unknown[] }).given).toHaveLength(2);
    expect(await recognition.radarStore.getTeam('T1', 'UMGR')).toEqual(['U1', 'U4']);

    // UPEER forgets: what they gave is deleted, so U1 and U4 lose those recognitions.
    await source.erase('T1', 'UPEER');
    expect(((await source.export('T1', 'U1')) as { received: unknown[] }).received).toEqual([]);
    // The manager forgets: their list and the reverse index go.
    await source.erase('T1', 'UMGR');
    expect(await recognition.radarStore.getTeam('T1', 'UMGR')).toEqual([]);
    const left = await t.throughline.deps.redis.background.keys(`${keys.userRoot('T1', 'UMGR')}:*`);
    expect(left.filter((key) => /recognition|care-radar/.test(key))).toEqual([]);
  });
});
