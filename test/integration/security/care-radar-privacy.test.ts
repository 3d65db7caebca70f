import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import {
  radarPeople,
  reflectTeam,
  submitRecognitionForm,
} from '#test/integration/recognition/recognition-driver.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

/**
 * Issue 12, finding 8, through the real router: the care radar counts only recognitions the
 * manager could see (public ones, private ones they gave or shared), so polling `/reflect team`
 * cannot reveal a private thank-you between others; guests cannot use team features.
 */
describe('security: the care radar shows only what the asker could see', () => {
  let t: TestApp;
  let recognition: RecognitionServices;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-12-01T10:00:00Z') });
    for (const id of ['UMGR', 'UPEER', 'U1', 'U2', 'U3', 'U4']) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'UGUEST', is_restricted: true, tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'USINGLE', is_restricted: true, is_ultra_restricted: true, tz: 'Europe/Berlin' });
    t.slack.addChannel({ id: 'C1' });
    recognition = t.throughline.deps.recognition!;
  });
  afterAll(async () => {
    await t.stop();
  });

  const team = (text: string, userId: string) => reflectTeam(t, text, userId);

  async function privately(giver: string, recipients: string[], words: string) {
    const before = t.slack.callsTo('chat.postMessage').length;
    await submitRecognitionForm(t, { giver, users: recipients, words, visibility: 'private' });
    await t.slack.waitFor('chat.postMessage', { count: before + recipients.length, timeoutMs: 3000 });
  }

  it('a private recognition between others does not change the manager’s radar', async () => {
    await team('<@U1|a> <@U2|b> <@U3|c> <@U4|d>', 'UMGR');
    expect(radarPeople((await team('', 'UMGR')).blocks)).toEqual(['U1', 'U2', 'U3', 'U4']);

    await privately('UPEER', ['U1'], 'listened when I needed it');
    // Polling the radar shows nothing: U1 is still listed.
    expect(radarPeople((await team('', 'UMGR')).blocks)).toEqual(['U1', 'U2', 'U3', 'U4']);

    // What the manager could see counts: one they gave privately, one they shared, a public one.
    await privately('UMGR', ['U2'], 'handled the client call with care');
    await privately('UPEER', ['U3', 'UMGR'], 'both of you covered for me');
    const before = t.slack.callsTo('chat.postMessage').length;
    await t.command({
      command: '/recognize',
      text: '<@U4|d> wrote the runbook',
      userId: 'UPEER',
      channelId: 'C1',
    });
    await t.slack.waitFor('chat.postMessage', { count: before + 2, timeoutMs: 3000 });
    expect(radarPeople((await team('', 'UMGR')).blocks)).toEqual(['U1']);

    // The nudge and App Home use the same rule.
    expect(radarPeople(await recognition.backgroundCareRadar.blocksForNudge('T1', 'UMGR'))).toEqual(['U1']);
    expect(radarPeople(await recognition.careRadar.homeSection('T1', 'UMGR'))).toEqual(['U1']);
  });

  it.each([
    ['a multi-channel guest', 'UGUEST'],
    ['a single-channel guest', 'USINGLE'],
  ])('%s cannot use team features: a clear reply, nothing saved', async (_label, guest) => {
    const saved = await team('<@U1|a> <@U2|b>', guest);
    expect(saved.text).toMatch(/not guests/);
    expect(await recognition.radarStore.getTeam('T1', guest)).toEqual([]);
    const shown = await team('', guest);
    expect(shown.text).toMatch(/not guests/);
    expect(radarPeople(shown.blocks)).toEqual([]);
  });
});
