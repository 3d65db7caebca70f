import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOGNITION_BLOCKS } from '#messages/recognition-modal.ts';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import { viewSubmissionPayload } from '#src/sandbox/slack-requests.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

/**
 * Issue 12, finding 8, through the real router: the care radar counts only recognitions the
 * manager could see (public ones, private ones they gave or shared), so polling `/reflect team`
 * cannot reveal a private thank-you between others; guests cannot use team features.
 */
function radarPeople(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { accessory?: { action_id?: string; value?: string } }) =>
    block.accessory?.action_id === 'care_radar_recognize' ? [block.accessory.value ?? ''] : [],
  );
}

describe('security: the care radar shows only what the asker could see', () => {
  let t: TestApp;
  let recognition: RecognitionServices;
  let seq = 0;

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

  async function team(text: string, userId: string): Promise<{ text: string; blocks?: unknown[] }> {
    seq += 1;
    const id = `radar${seq}`;
    const response = await t.command({
      command: '/reflect',
      text: `team ${text}`.trim(),
      userId,
      responseUrl: t.slack.responseUrl(id),
    });
    expect(response.status).toBe(200);
    if (response.text !== '') {
      const body = response.json() as { text?: string; blocks?: unknown[] };
      if (body.text) return body as { text: string; blocks?: unknown[] };
    }
    const [answer] = await t.slack.waitForResponse((r) => r.id === id, 3000);
    return answer!.body as { text: string; blocks?: unknown[] };
  }

  async function privately(giver: string, recipients: string[], words: string) {
    const before = t.slack.callsTo('chat.postMessage').length;
    await t.interact(
      viewSubmissionPayload({
        userId: giver,
        callbackId: 'recognition_modal',
        values: {
          [RECOGNITION_BLOCKS.recipients]: {
            value: { type: 'multi_users_select', selected_users: recipients },
          },
          [RECOGNITION_BLOCKS.words]: { value: { type: 'plain_text_input', value: words } },
          [RECOGNITION_BLOCKS.visibility]: {
            value: { type: 'radio_buttons', selected_option: { value: 'private' } },
          },
        },
      }),
    );
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
