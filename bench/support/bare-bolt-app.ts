/**
 * The ack-latency baselines: a bare Bolt 5 app with the same HTTPReceiver settings as Throughline
 * (src/slack/receiver.ts): signature verification on, `processBeforeResponse: false`, the same
 * unhandled-request timeout. No Redis.
 * - BARE_CALLS unset: it only acks `/reflect` and `/recognize` (the floor of Bolt itself);
 * - BARE_CALLS=1: after the ack it makes the Slack calls a person's command needs at least, so the
 *   comparison is with an app that does the same necessary work: `/reflect` opens a modal with one
 *   `views.open`; `/recognize` posts one message in the channel and one DM to the person named.
 * Environment: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, PORT, SLACK_API_URL (with BARE_CALLS).
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const calls = process.env.BARE_CALLS === '1';
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
  if (!calls) return;
  await client.views
    .open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'bare_reflect',
        title: { type: 'plain_text', text: 'Reflect' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          {
            type: 'input',
            block_id: 'answer',
            label: { type: 'plain_text', text: 'This week' },
            element: { type: 'plain_text_input', action_id: 'value', multiline: true },
          },
        ],
      },
    })
    .catch(() => undefined);
});
app.command('/recognize', async ({ ack, body, client }) => {
  await ack();
  if (!calls) return;
  const recipient = /<@([UW][A-Z0-9]+)/.exec(body.text)?.[1] ?? body.user_id;
  await client.chat
    .postMessage({ channel: body.channel_id, text: `<@${body.user_id}> recognised <@${recipient}>` })
    .catch(() => undefined);
  await client.chat
    .postMessage({ channel: recipient, text: `<@${body.user_id}> recognised you` })
    .catch(() => undefined);
});
await app.start(Number(process.env.PORT ?? 3000));
console.log('bare bolt app started');
process.on('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
