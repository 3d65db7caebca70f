import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FORGET_CONFIRM_ACTION } from '#messages/forget-messages.ts';
import { RECOGNITION_BLOCKS } from '#messages/recognition-modal.ts';
import { INTENTION_ACTION, INTENTION_BLOCK, REFLECT_MODAL_CALLBACK_ID } from '#messages/reflect-modal.ts';
import { createLogger, OMITTED } from '#src/logger.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { type CommandFields, eventEnvelope, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import { keys } from '#src/store/keys.ts';
import { blockActionPayload, viewSubmissionPayload } from '#test/support/slack-payloads.ts';
import { BOT_TOKEN, SIGNING_SECRET, startTestApp, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge } from '../nudges/nudge-helpers.ts';
import { answerValues } from '../reflect/reflect-driver.ts';

// Monday 30 November 2026, 10:00 in Berlin (2026-W49).
const MONDAY = new Date('2026-11-30T09:00:00Z');
const APP_TOKEN = 'xapp-1-log-test-app-token';
const MARKERS = {
  answer: 'answer-marker-wombat-1181',
  intention: 'intention-marker-wombat-2292',
  recognition: 'recognition-marker-wombat-3303',
  privateWords: 'private-marker-wombat-4414',
  forgedView: 'forged-marker-wombat-5525',
};

/** How a test speaks to the app as Slack would: HTTP requests, or Socket Mode envelopes. */
interface SlackSide {
  /** The command's immediate answer (the HTTP body, or the Socket Mode ack payload). */
  command(fields: Partial<CommandFields>): Promise<unknown>;
  interact(payload: object): Promise<unknown>;
  event(event: object, fields?: { eventId?: string }): Promise<void>;
}

function overHttp(t: TestApp): SlackSide {
  const body = (text: string): unknown => (text === '' ? undefined : JSON.parse(text));
  return {
    command: async (fields) => body((await t.command(fields)).text),
    interact: async (payload) => body((await t.interact(payload)).text),
    event: async (event, fields) => {
      expect((await t.event(event, fields)).status).toBe(200);
    },
  };
}

function overSocket(slack: SlackDouble): SlackSide {
  return {
    async command(fields) {
      const form = slashCommandBody({ responseUrl: slack.responseUrl(), ...fields });
      return (await slack.sendEnvelope('slash_commands', Object.fromEntries(new URLSearchParams(form))))
        .payload;
    },
    interact: async (payload) => (await slack.sendEnvelope('interactive', payload)).payload,
    async event(event, fields) {
      await slack.sendEnvelope('events_api', eventEnvelope(event, fields));
    },
  };
}

/** Every feature once, each carrying a marker a person typed. */
async function driveEveryFeature(t: TestApp, slack: SlackSide): Promise<void> {
  const double = t.slack;
  for (const id of ['U1', 'U2', 'UGIVER']) double.addUser({ id, tz: 'Europe/Berlin' });
  double.addUser({ id: 'UADMIN', tz: 'Europe/Berlin', is_admin: true });
  double.addChannel({ id: 'C1', members: ['U1', 'U2', 'UGIVER'] });

  await slack.command({ text: 'schedule wed 16:00', userId: 'U1' });
  // /reflect, then the modal's submission.
  const opened = double.callsTo('views.open').length;
  await slack.command({ text: '', userId: 'U1' });
  const [call] = (await double.waitFor('views.open', { count: opened + 1 })).slice(opened);
  const view = call?.response.view as { id: string; private_metadata: string };
  const redis = t.throughline.deps.redis.interactive;
  await expect.poll(() => redis.hexists(keys.reflectViews('T1', 'U1'), view.id)).toBe(1);
  await slack.interact(
    viewSubmissionPayload({
      callbackId: REFLECT_MODAL_CALLBACK_ID,
      viewId: view.id,
      privateMetadata: view.private_metadata,
      userId: 'U1',
      values: answerValues([MARKERS.answer], {
        [INTENTION_BLOCK]: { [INTENTION_ACTION]: { type: 'plain_text_input', value: MARKERS.intention } },
      }),
    }),
  );
  await double.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
  // A forged submission is refused; its text must not be logged either.
  await slack.interact(
    viewSubmissionPayload({
      callbackId: REFLECT_MODAL_CALLBACK_ID,
      viewId: 'VFORGED01',
      privateMetadata: MARKERS.forgedView,
      userId: 'U1',
      values: answerValues([MARKERS.forgedView]),
    }),
  );
  // History answers with the text itself: the ack carries it.
  expect(JSON.stringify(await slack.command({ text: 'history', userId: 'U1' }))).toContain(MARKERS.answer);
  await slack.command({ text: 'export', userId: 'U1' });
  await double.waitForResponse((r) => String(r.body.text).includes('Your export is in your DM'));
  await slack.event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.1' });
  await double.waitFor('views.publish');

  // Recognition: the command in a channel, and a private one through the form.
  await slack.command({
    command: '/recognize',
    text: `<@U2> ${MARKERS.recognition}`,
    userId: 'UGIVER',
    channelId: 'C1',
  });
  await double.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'C1' && c.ok);
  await slack.interact(
    viewSubmissionPayload({
      userId: 'UGIVER',
      callbackId: 'recognition_modal',
      values: {
        [RECOGNITION_BLOCKS.recipients]: { value: { type: 'multi_users_select', selected_users: ['U1'] } },
        [RECOGNITION_BLOCKS.words]: { value: { type: 'plain_text_input', value: MARKERS.privateWords } },
        [RECOGNITION_BLOCKS.dimension]: {
          value: { type: 'static_select', selected_option: { value: 'heart' } },
        },
        [RECOGNITION_BLOCKS.visibility]: {
          value: { type: 'radio_buttons', selected_option: { value: 'private' } },
        },
        [RECOGNITION_BLOCKS.channel]: {
          value: { type: 'conversations_select', selected_conversation: null },
        },
      },
    }),
  );
  await double.waitFor(
    (c) => c.method === 'chat.postMessage' && JSON.stringify(c.params).includes(MARKERS.privateWords),
  );

  // The care radar, help, and a weekly channel prompt set by an admin.
  await slack.command({ text: 'team <@U2|bo>', userId: 'U1' });
  await slack.command({ text: 'help', userId: 'U1' });
  await slack.command({
    command: '/recognize',
    text: 'schedule fri 16:00',
    userId: 'UADMIN',
    channelId: 'C1',
  });

  // This week's nudge is skipped (reflected); next week's quotes the intention; its Snooze button.
  await fireArmedNudge(t);
  const { weekKey } = await fireArmedNudge(t);
  await double.waitFor(
    (c) => c.method === 'chat.postMessage' && JSON.stringify(c.params).includes(MARKERS.intention),
  );
  await slack.interact(
    blockActionPayload({
      actionId: 'nudge_snooze',
      value: weekKey,
      userId: 'U1',
      responseUrl: double.responseUrl(),
    }),
  );

  // Forget (which deletes that DM and the export in Slack too).
  const before = double.responses.length;
  await slack.interact(
    blockActionPayload({
      actionId: FORGET_CONFIRM_ACTION,
      value: 'forget',
      userId: 'U1',
      responseUrl: double.responseUrl(),
    }),
  );
  await double.waitForResponse(() => true, { count: before + 1 });
}

function capture(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

function leaks(lines: string[]): Record<string, string[]> {
  const secrets = { ...MARKERS, botToken: BOT_TOKEN, appToken: APP_TOKEN, signingSecret: SIGNING_SECRET };
  const found: Record<string, string[]> = {};
  for (const [name, secret] of Object.entries(secrets)) {
    const hits = lines.filter((line) => line.includes(secret));
    if (hits.length > 0) found[name] = hits.map((line) => line.slice(0, 300));
  }
  return found;
}

describe('no reflection text, recognition text or token in the logs, at LOG_LEVEL=trace', () => {
  let t: TestApp | undefined;
  let slack: SlackDouble | undefined;
  afterEach(async () => {
    await t?.stop();
    await slack?.close();
    t = undefined;
    slack = undefined;
  });

  it('HTTP mode: every feature', async () => {
    const { lines, sink } = capture();
    t = await startTestApp({ now: MONDAY, env: { LOG_LEVEL: 'trace' }, logger: createLogger('trace', sink) });
    await driveEveryFeature(t, overHttp(t));
    expect(lines.some((line) => line.includes('ack() call begins'))).toBe(true);
    expect(lines.some((line) => line.includes(OMITTED))).toBe(true);
    expect(leaks(lines)).toEqual({});
  });

  it('Socket Mode: every feature, over a real WebSocket', async () => {
    const { lines, sink } = capture();
    slack = await startSlackDouble({
      teams: [{ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' }],
      appToken: APP_TOKEN,
    });
    t = await startTestApp({
      now: MONDAY,
      slack,
      env: { LOG_LEVEL: 'trace', SLACK_APP_TOKEN: APP_TOKEN },
      logger: createLogger('trace', sink),
    });
    await slack.waitForSocket();
    await driveEveryFeature(t, overSocket(slack));
    // The lines that carried whole payloads are there, cut.
    expect(lines.some((line) => line.includes('ack() call begins'))).toBe(true);
    expect(lines.some((line) => line.includes('Received a message on the WebSocket'))).toBe(true);
    expect(leaks(lines)).toEqual({});
  });
});
