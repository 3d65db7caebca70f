import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RECOGNITION_BLOCKS, recognitionNotSentText } from '#messages/recognition-modal.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import type { RecordedCall } from '#src/sandbox/slack-double.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { recognizeAuthorShortcut, submitRecognitionForm } from './recognition-driver.ts';

/**
 * `/recognize` over signed HTTP through the real Bolt app, real Redis, and the Slack double.
 * Giver UGIVER; people U1..U3; a bot URBOT; channels C1 (bot and everyone are members), CNOTIN
 * (the giver is in it, the bot is not), CARCH (archived).
 */
describe('/recognize', () => {
  let t: TestApp;
  let responseSeq = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-12-01T10:00:00Z') });
    for (const id of ['UGIVER', 'U1', 'U2', 'U3']) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'URBOT', is_bot: true });
    t.slack.addChannel({ id: 'C1', members: ['UGIVER', 'U1', 'U2', 'U3'] });
    t.slack.addChannel({ id: 'CNOTIN', isMember: false, members: ['UGIVER'] });
    t.slack.addChannel({ id: 'CARCH', isArchived: true });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(() => {
    t.slack.reset();
  });

  const posts = (channel: string) =>
    t.slack.callsTo('chat.postMessage').filter((call) => call.ok && call.params.channel === channel);
  const channelPosts = () =>
    t.slack
      .callsTo('chat.postMessage')
      .filter((call) => typeof call.params.channel === 'string' && /^[CG]/.test(call.params.channel));

  /** Sends `/recognize` and returns the ephemeral reply text: the ack body, or the first response_url post. */
  async function recognize(text: string, fields: { userId?: string; channelId?: string } = {}) {
    responseSeq += 1;
    const responseId = `rec${responseSeq}`;
    const response = await t.command({
      command: '/recognize',
      text,
      userId: fields.userId ?? 'UGIVER',
      channelId: fields.channelId ?? 'C1',
      responseUrl: t.slack.responseUrl(responseId),
    });
    expect(response.status).toBe(200);
    return {
      response,
      async ephemeral(): Promise<string> {
        if (response.text !== '') {
          const body = response.json() as { text?: string; response_type?: string };
          if (body.text) {
            expect(body.response_type).toBe('ephemeral');
            return body.text;
          }
        }
        const [answer] = await t.slack.waitForResponse((r) => r.id === responseId, 3000);
        expect(answer?.body.response_type).toBe('ephemeral');
        return String(answer?.body.text);
      },
    };
  }

  it('posts once in the channel (mentioning U1, naming the giver) and DMs U1 a link', async () => {
    await recognize('<@U1|ann> shipped the fix #mind');
    const [post] = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'C1');
    const [dm] = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
    expect(posts('C1')).toHaveLength(1);
    const postText = `${post!.params.text} ${JSON.stringify(post!.params.blocks)}`;
    expect(postText).toContain('<@U1>');
    expect(postText).toContain('<@UGIVER>');
    expect(postText).toContain('shipped the fix');
    expect(postText).toContain('Mind');
    expect(postText).not.toContain('#mind');
    expect(blockKitViolations('message', post!.params.blocks)).toEqual([]);
    // The DM links to the post Slack stored.
    const stored = t.slack.messages('C1')[0]!;
    expect(JSON.stringify(dm!.params.blocks)).toContain(`p${stored.ts.replace('.', '')}`);
    expect(posts('U1')).toHaveLength(1);
  });

  it('three mentions: one post, three DMs', async () => {
    await recognize('<@U1|ann> <@U2|bob> <@U3|cy> ran the incident review together');
    await t.slack.waitFor((c) => c.method === 'chat.postMessage' && /^U/.test(String(c.params.channel)), {
      count: 3,
    });
    expect(posts('C1')).toHaveLength(1);
    for (const id of ['U1', 'U2', 'U3']) expect(posts(id)).toHaveLength(1);
    expect(JSON.stringify(posts('C1')[0]!.params.blocks)).toContain('<@U1>, <@U2> and <@U3>');
  });

  const refusals: [string, string, RegExp][] = [
    ['self-recognition', '<@UGIVER|me> did great work', /can't recognize yourself/],
    ['a bot recipient (users.info is_bot)', '<@URBOT|robot> deployed it', /Bots don't need thanks/],
    ["the bot's own id", '<@UBOT1|throughline> reminded us', /Bots don't need thanks/],
    ['4,000 characters', `<@U1> ${'y'.repeat(4000)}`, /4,006 characters.*under 1,000/],
    ['<!channel>', '<@U1> <!channel> look at this', /can't ping a whole channel/],
    ['<!here>', '<@U1> thanks <!here|here>', /can't ping a whole channel/],
    ['@everyone', '<@U1> thanks @everyone', /can't ping a whole channel/],
    ['<!everyone>', '<@U1> thanks <!everyone>', /can't ping a whole channel/],
    [
      'an unknown user id',
      '<@U999|ghost> fixed the build',
      /couldn't find one of the people you named \(`U999`\)/,
    ],
    ['a name Slack could not resolve', '@ghost fixed the build', /couldn't find `@ghost`/],
  ];

  it.each(refusals)('refuses %s with a clear ephemeral reply and no post', async (_label, text, expected) => {
    const reply = await recognize(text);
    expect(await reply.ephemeral()).toMatch(expected);
    // Let any stray work finish before asserting nothing was posted.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(t.slack.callsTo('views.open')).toEqual([]);
  });

  it('with no text: a clear ephemeral reply, the modal opens, nothing is posted', async () => {
    const reply = await recognize('');
    expect(await reply.ephemeral()).toMatch(/Who would you like to recognize/);
    const [open] = await t.slack.waitFor('views.open');
    expect(open!.ok).toBe(true);
    expect(JSON.stringify(open!.params.view)).toContain('"initial_conversation":"C1"');
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('with a mention but no words: the modal opens pre-filled with that person', async () => {
    const reply = await recognize('<@U2|bob> #soul');
    expect(await reply.ephemeral()).toMatch(/What did they do/);
    const [open] = await t.slack.waitFor('views.open');
    const view = JSON.stringify(open!.params.view);
    expect(view).toContain('"initial_users":["U2"]');
    expect(view).toContain('"value":"soul"');
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('not_in_channel: tells the giver how to add the bot; nothing is posted or DMed', async () => {
    const reply = await recognize('<@U1|ann> wrote the runbook', { channelId: 'CNOTIN' });
    expect(await reply.ephemeral()).toMatch(/not a member.*\/invite @Throughline/);
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.ok)).toEqual([]);
  });

  it('is_archived: says so; nothing is posted or DMed', async () => {
    const reply = await recognize('<@U1|ann> wrote the runbook', { channelId: 'CARCH' });
    expect(await reply.ephemeral()).toMatch(/archived/);
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.ok)).toEqual([]);
  });

  it('channel_not_found: says the bot cannot see the channel', async () => {
    t.slack.failNext('chat.postMessage', 'channel_not_found');
    const reply = await recognize('<@U1|ann> wrote the runbook');
    expect(await reply.ephemeral()).toMatch(/can't see that channel/);
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.ok)).toEqual([]);
  });

  it('counts recognitions in /metrics by visibility and dimension only', async () => {
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/throughline_recognitions_total\{visibility="channel",dimension="mind"\} 1/);
    expect(metrics).not.toMatch(/UGIVER|U1"|shipped/);
  });

  describe('the recognition modal', () => {
    const submit = (values: {
      users: string[];
      words: string;
      visibility: 'channel' | 'private';
      channel?: string;
    }) => submitRecognitionForm(t, values);

    it('posting in a channel: thanks the giver, posts once, DMs each person', async () => {
      const response = await submit({
        users: ['U1', 'U2'],
        words: 'kept <the> launch calm',
        visibility: 'channel',
        channel: 'C1',
      });
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({ response_action: 'update' });
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && /^U/.test(String(c.params.channel)), {
        count: 2,
      });
      expect(posts('C1')).toHaveLength(1);
      // Text typed in the modal is escaped: it can never become a mention or a link.
      expect(JSON.stringify(posts('C1')[0]!.params.blocks)).toContain('kept &lt;the&gt; launch calm');
    });

    it('sending privately: DMs only, never a channel post', async () => {
      const response = await submit({
        users: ['U3'],
        words: 'quietly covered my on-call',
        visibility: 'private',
      });
      expect(response.json()).toMatchObject({ response_action: 'update' });
      const [dm] = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U3');
      expect(JSON.stringify(dm!.params.blocks)).toContain('private recognition');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(channelPosts()).toEqual([]);
    });

    it('refuses self, bots and broadcasts with inline errors', async () => {
      const self = await submit({ users: ['UGIVER'], words: 'me', visibility: 'channel', channel: 'C1' });
      expect(self.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.recipients]: expect.stringMatching(/yourself/) },
      });
      const bot = await submit({ users: ['URBOT'], words: 'beep', visibility: 'private' });
      expect(bot.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.recipients]: expect.stringMatching(/Bots/) },
      });
      const loud = await submit({ users: ['U1'], words: 'thanks @channel', visibility: 'private' });
      expect(loud.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.words]: expect.stringMatching(/ping/) },
      });
      const nowhere = await submit({ users: ['U1'], words: 'thanks', visibility: 'channel' });
      expect(nowhere.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.channel]: expect.any(String) },
      });
      expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    });

    it("answers within Slack's 3 s even when users.info is slow", async () => {
      t.slack.setLatency(2500, 'users.info');
      const started = Date.now();
      const response = await submit({
        users: ['U1'],
        words: 'kept us calm',
        visibility: 'channel',
        channel: 'C1',
      });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(response.json()).toMatchObject({ response_action: 'update' });
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1', 3000);
      expect(posts('C1')).toHaveLength(1);
    });

    it('a channel the bot is not in: the modal says how to invite it', async () => {
      const response = await submit({
        users: ['U1'],
        words: 'thanks',
        visibility: 'channel',
        channel: 'CNOTIN',
      });
      expect(response.json()).toMatchObject({ response_action: 'update' });
      // The double has not opened this view, so the update fails and the giver gets a DM instead.
      const [told] = await t.slack.waitFor(
        (c: RecordedCall) => c.method === 'chat.postMessage' && c.params.channel === 'UGIVER',
      );
      expect(String(told!.params.text)).toMatch(/\/invite @Throughline/);
    });
    it('a failure on our side: the giver is told it was not sent; nothing reaches the channel', async () => {
      t.slack.failNext('chat.postMessage', 'fatal_error');
      const response = await submit({ users: ['U1'], words: 'thanks', visibility: 'channel', channel: 'C1' });
      expect(response.json()).toMatchObject({ response_action: 'update' });
      // The double has not opened this view, so the update fails and the giver gets a DM instead.
      const [told] = await t.slack.waitFor(
        (c: RecordedCall) => c.method === 'chat.postMessage' && c.params.channel === 'UGIVER',
      );
      expect(told!.params.text).toBe(recognitionNotSentText());
      expect(posts('C1')).toEqual([]);
      expect(posts('U1')).toEqual([]);
    });
  });

  describe('opening the modal', () => {
    it('"Recognize someone" on the weekly prompt pre-selects that channel', async () => {
      await t.interact(
        blockActionPayload({
          userId: 'U2',
          actionId: 'recognition_open',
          value: 'C1',
          channelId: 'C1',
          container: { type: 'message', message_ts: '1.000100', channel_id: 'C1' },
        }),
      );
      const [open] = await t.slack.waitFor('views.open');
      expect(JSON.stringify(open!.params.view)).toContain('"initial_conversation":"C1"');
    });

    it('"Recognize" on the care radar pre-selects that person', async () => {
      await t.interact(
        blockActionPayload({
          userId: 'UGIVER',
          actionId: 'care_radar_recognize',
          value: 'U3',
          container: { type: 'view', view_id: 'VHOME' },
        }),
      );
      const [open] = await t.slack.waitFor('views.open');
      expect(JSON.stringify(open!.params.view)).toContain('"initial_users":["U3"]');
    });

    it('the "Recognize the author" shortcut pre-selects the author and the channel', async () => {
      await recognizeAuthorShortcut(t, 'U2', 'I fixed the flaky test');
      const [open] = await t.slack.waitFor('views.open');
      const view = JSON.stringify(open!.params.view);
      expect(view).toContain('"initial_users":["U2"]');
      expect(view).toContain('"initial_conversation":"C1"');
    });
  });
});
