/**
 * The ack-latency baselines: a bare Bolt 5 app with the same HTTPReceiver settings as Throughline
 * (src/slack/receiver.ts): signature verification on, `processBeforeResponse: false`, the same
 * unhandled-request timeout. No Redis, and nothing built per request.
 * - BARE_CALLS unset: it only acks `/reflect` and `/recognize` (the floor of Bolt itself);
 * - BARE_CALLS=1: after the ack it makes the Slack calls a person's command needs, sending exactly
 *   what Throughline sends, so the comparison is with an app that does the same necessary Slack
 *   work: `/reflect` opens Throughline's reflection modal with one `views.open`; `/recognize` posts
 *   Throughline's recognition (text and Block Kit) in the channel and its DM to the person named.
 *   The payloads come from BARE_PAYLOADS, a JSON file bench/ack-latency.ts writes from what the
 *   real app sent to the Slack double; it is read once at start, and per request only the
 *   trigger_id and the channels are filled in.
 * - BARE_CALLS=all: `/recognize` also makes the two other calls Throughline makes, with nothing built
 *   around them: users.info for the person named (before posting) and chat.getPermalink for the
 *   channel post (before the DM). `/reflect` is as with BARE_CALLS=1 (Throughline's own users.info is
 *   cached). It shows what Throughline's own work costs beyond every Slack call it makes.
 * Environment: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, PORT, SLACK_API_URL and BARE_PAYLOADS (with BARE_CALLS).
 */
import { readFileSync } from 'node:fs';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { View } from '@slack/types';

interface BarePayloads {
  reflectView: View;
  recognitionPost: { text: string } & Record<string, unknown>;
  recognitionDm: { text: string } & Record<string, unknown>;
}

const calls = process.env.BARE_CALLS === '1' || process.env.BARE_CALLS === 'all';
const allCalls = process.env.BARE_CALLS === 'all';
const payloads: BarePayloads | undefined = calls
  ? (JSON.parse(readFileSync(process.env.BARE_PAYLOADS ?? '', 'utf8')) as BarePayloads)
  : undefined;
const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  processBeforeResponse: false,
  unhandledRequestTimeoutMillis: 2900,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  receiver,
  logLevel: LogLevel.ERROR,
  ...(process.env.SLACK_API_URL ? { clientOptions: { slackApiUrl: process.env.SLACK_API_URL } } : {}),
  // Like Throughline's single-workspace authorize once its one auth.test is cached.
  authorize: async () => ({
    botToken: process.env.SLACK_BOT_TOKEN ?? '',
    botId: 'BBOT1',
    botUserId: 'UBOT1',
  }),
});
app.command('/reflect', async ({ ack, body, client }) => {
  await ack();
  if (!payloads) return;
  await client.views.open({ trigger_id: body.trigger_id, view: payloads.reflectView }).catch(() => undefined);
});
app.command('/recognize', async ({ ack, body, client }) => {
  await ack();
  if (!payloads) return;
  const recipient = /<@([UW][A-Z0-9]+)/.exec(body.text)?.[1] ?? body.user_id;
  if (allCalls) await client.users.info({ user: recipient }).catch(() => undefined);
  const posted = await client.chat
    .postMessage({ ...payloads.recognitionPost, channel: body.channel_id })
    .catch(() => undefined);
  if (allCalls && posted?.ts)
    await client.chat
      .getPermalink({ channel: body.channel_id, message_ts: posted.ts })
      .catch(() => undefined);
  await client.chat.postMessage({ ...payloads.recognitionDm, channel: recipient }).catch(() => undefined);
});
await app.start(Number(process.env.PORT ?? 3000));
console.log('bare bolt app started');
process.on('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
