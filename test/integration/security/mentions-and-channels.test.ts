import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RECOGNITION_BLOCKS } from '#messages/recognition-modal.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { messageReach } from '#src/sandbox/message-pings.ts';
import type { RecordedCall } from '#src/sandbox/slack-double.ts';
import {
  recognizeAuthorShortcut,
  submitRecognitionForm,
} from '#test/integration/recognition/recognition-driver.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

/**
 * Issue 12, findings 1, 2 and 12 (recognition form), through the real router with signed
 * requests, real Redis and the Slack double. Giver UGIVER; people U1, U2, U5 (eve, found by
 * users.info only). Channels: C1 (everyone), COTHER (bot yes, giver no), GPRIV (private, giver
 * yes, bot no), GBOTH (private, both), CLIMIT (for the rate-limit case).
 */
describe('security: mentions, channels and limits in recognitions', () => {
  let t: TestApp;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-12-01T10:00:00Z'), env: { RECOGNITIONS_PER_HOUR: '3' } });
    for (const id of ['UGIVER', 'U1', 'U2']) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'U5', name: 'eve', real_name: 'Eve <Stone>', tz: 'Europe/Berlin' });
    t.slack.addChannel({ id: 'C1', members: ['UGIVER', 'U1', 'U2', 'U5'] });
    t.slack.addChannel({ id: 'COTHER', members: ['U1', 'U2'] });
    t.slack.addChannel({ id: 'GPRIV', isMember: false, members: ['UGIVER', 'U1'] });
    t.slack.addChannel({ id: 'GBOTH', members: ['UGIVER', 'U1'] });
    const crowd = Array.from({ length: 20_000 }, (_, i) => `UC${i}`);
    t.slack.addChannel({ id: 'CBIG', members: [...crowd, 'U1', 'UGIVER'] });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(() => {
    t.slack.reset();
    t.clock.advance(60 * 60 * 1000); // a fresh rate-limit window (3 an hour) for each test
  });

  const okPosts = (channel: string) =>
    t.slack.callsTo('chat.postMessage').filter((call) => call.ok && call.params.channel === channel);

  async function command(text: string, channelId = 'C1') {
    seq += 1;
    const response = await t.command({
      command: '/recognize',
      text,
      userId: 'UGIVER',
      channelId,
      responseUrl: t.slack.responseUrl(`sec${seq}`),
    });
    expect(response.status).toBe(200);
    return response;
  }

  const submit = (values: {
    giver?: string;
    users: string[];
    words: string;
    visibility?: 'channel' | 'private';
    channel?: string;
  }) => submitRecognitionForm(t, values);

  describe('finding 1: a recognition pings only the giver and the people recognised', () => {
    it('/recognize with one recipient and 70 more mentions pings 2 people; the others are named', async () => {
      const extra = Array.from({ length: 70 }, (_, i) => `<@UX${i}|p${i}>`).join(' ');
      await command(`<@U1|ann> kept us calm, with ${extra}`);
      const [post] = await t.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.params.channel === 'C1',
      );
      const reach = messageReach(post!.params);
      expect(reach.users).toEqual(['U1', 'UGIVER']);
      expect(JSON.stringify(post!.params.blocks)).toContain('@p69');
      expect(String(post!.params.text)).toContain('@p0 ');
      const [dm] = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
      expect(messageReach(dm!.params).users).toEqual(['UGIVER']);
      // Only U1 got a DM: the 70 are not recipients.
      expect(
        t.slack.callsTo('chat.postMessage').filter((c) => /^U/.test(String(c.params.channel))),
      ).toHaveLength(1);
    });

    it('a mention without a label is shown by the name users.info gives, escaped', async () => {
      await command('<@U1|ann> paired with <@U5> on the outage');
      const [post] = await t.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.params.channel === 'C1',
      );
      expect(messageReach(post!.params).users).toEqual(['U1', 'UGIVER']);
      expect(JSON.stringify(post!.params.blocks)).toContain('paired with @eve on the outage');
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
    });

    it('a labelled link shows its real address, and user groups never ping', async () => {
      await command(
        '<@U1|ann> wrote <https://evil.example/login|https://sso.mycorp.com> for <!subteam^S1|@design>',
      );
      const [post] = await t.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.params.channel === 'C1',
      );
      const reach = messageReach(post!.params);
      expect(reach.hiddenLinks).toEqual([]);
      expect(reach.groups).toEqual([]);
      expect(reach.broadcasts).toEqual([]);
      const blocks = JSON.stringify(post!.params.blocks);
      expect(blocks).toContain('<https://evil.example/login>');
      expect(blocks).not.toContain('sso.mycorp.com');
      expect(blocks).toContain('@design');
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
    });

    it('the form (also what the message shortcut opens): typed mentions, groups and links stay text', async () => {
      const response = await submit({
        users: ['U1'],
        words: 'thanks <@U5> and <!subteam^S1> see <https://evil.example|https://sso.mycorp.com>',
        channel: 'C1',
      });
      expect(response.json()).toMatchObject({ response_action: 'update' });
      const [post] = await t.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.params.channel === 'C1',
      );
      const reach = messageReach(post!.params);
      expect(reach).toEqual({ users: ['U1', 'UGIVER'], broadcasts: [], groups: [], hiddenLinks: [] });
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
    });

    it('the message shortcut copies no text from the message: only its author, then the form rules apply', async () => {
      await recognizeAuthorShortcut(t, 'U1', '<!here> <@U5> see <https://evil.example|docs>');
      const [open] = await t.slack.waitFor('views.open');
      const view = JSON.stringify(open!.params.view);
      expect(view).toContain('"initial_users":["U1"]');
      expect(view).not.toMatch(/!here|U5|evil/);
    });

    it('@here, @channel and @everyone are refused with a kind reply in the command and the form', async () => {
      for (const text of [
        '<@U1|ann> thanks <!here>',
        '<@U1|ann> thanks @channel',
        '<@U1|ann> <!everyone|everyone>',
      ]) {
        const response = await command(text);
        expect(response.json()).toMatchObject({
          response_type: 'ephemeral',
          text: expect.stringMatching(/can't ping a whole channel/),
        });
      }
      const form = await submit({ users: ['U1'], words: 'thanks @everyone', channel: 'C1' });
      expect(form.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.words]: expect.stringMatching(/can't ping a whole channel/) },
      });
      expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    });
  });

  describe('finding 2: the giver must be a member of the channel', () => {
    it('a public channel the giver is not in: an inline error, nothing posted', async () => {
      const response = await submit({ users: ['U1'], words: 'kept us calm', channel: 'COTHER' });
      expect(response.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.channel]: expect.stringMatching(/not a member of that channel/) },
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    });

    it('a private channel the bot is not in: an inline error saying how to invite it', async () => {
      const response = await submit({ users: ['U1'], words: 'kept us calm', channel: 'GPRIV' });
      expect(response.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.channel]: expect.stringMatching(/\/invite @Throughline/) },
      });
      expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    });

    it('channels where the giver (and, if private, the bot) is a member: posted', async () => {
      for (const channel of ['C1', 'GBOTH']) {
        const response = await submit({ users: ['U1'], words: 'kept us calm', channel });
        expect(response.json()).toMatchObject({ response_action: 'update' });
        await t.slack.waitFor(
          (c: RecordedCall) => c.method === 'chat.postMessage' && c.params.channel === channel,
        );
        expect(okPosts(channel)).toHaveLength(1);
      }
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1', {
        count: 2,
      });
    });

    it('a 20,000-member channel is checked within the budget (the giver’s own channels answer first)', async () => {
      t.slack.setLatency(150, 'conversations.members'); // 20 pages: 3 s, longer than the form may wait
      const response = await submit({ users: ['U1'], words: 'kept us calm', channel: 'CBIG' });
      expect(response.json()).toMatchObject({ response_action: 'update' });
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'CBIG');
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
      const stranger = await submit({ giver: 'U5', users: ['U1'], words: 'kept us calm', channel: 'CBIG' });
      expect(stranger.json()).toMatchObject({ response_action: 'errors' });
    });

    it('Slack too slow to say who is in the channel: refused inline, nothing posted', async () => {
      t.slack.setLatency(2500);
      const started = Date.now();
      const response = await submit({ users: ['U1'], words: 'kept us calm', channel: 'C1' });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(response.json()).toMatchObject({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.channel]: expect.stringMatching(/could not check that channel/) },
      });
      expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    });
  });

  describe('finding 12: limits measured after escaping (recognition form)', () => {
    it('1,000 `<` from the form is posted within every Block Kit limit', async () => {
      const response = await submit({ users: ['U1'], words: '<'.repeat(1000), channel: 'C1' });
      expect(response.json()).toMatchObject({ response_action: 'update' });
      const [post] = await t.slack.waitFor(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.params.channel === 'C1' &&
          String(c.params.text).includes('&lt;&lt;'),
      );
      expect(post!.ok).toBe(true);
      expect(blockKitViolations('message', post!.params.blocks)).toEqual([]);
      const [dm] = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
      expect(dm!.ok).toBe(true);
      // And it is stored (the radar and the digest count it): 4,000 characters once escaped.
      await expect
        .poll(async () => {
          const { given } = await t.throughline.deps.recognition!.recognitions.forPerson('T1', 'UGIVER');
          return given.some((record) => record.words === '&lt;'.repeat(1000));
        })
        .toBe(true);
    });

    it('a post Slack refuses does not use up the giver’s rate-limit slot', async () => {
      for (let i = 0; i < 4; i += 1) {
        t.slack.failNext('chat.postMessage', 'invalid_blocks');
        await submit({ users: ['U1'], words: `attempt ${i}`, channel: 'C1' });
        // Nothing was posted; the giver is told (by DM, as the double has not opened this modal).
        await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'UGIVER', {
          count: i + 1,
        });
      }
      for (let i = 0; i < 3; i += 1) {
        await submit({ users: ['U1'], words: `real ${i}`, channel: 'C1' });
        await expect.poll(() => okPosts('C1').length).toBe(i + 1);
      }
      await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1', {
        count: 3,
      });
    });
  });
});
