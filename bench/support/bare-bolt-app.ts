/**
 * The ack-latency baseline: a bare Bolt 5 app that only acks `/reflect` and `/recognize`, with the
 * same HTTPReceiver settings as Throughline (src/slack/receiver.ts): signature verification on,
 * `processBeforeResponse: false`, the same unhandled-request timeout. No Redis, no Web API calls.
 * Environment: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, PORT.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  processBeforeResponse: false,
  unhandledRequestTimeoutMillis: 2900,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  receiver,
  logLevel: LogLevel.ERROR,
  // Like Throughline's single-workspace authorize once its one auth.test is cached.
  authorize: async () => ({
    botToken: process.env.SLACK_BOT_TOKEN ?? '',
    botId: 'BBOT1',
    botUserId: 'UBOT1',
  }),
});
app.command('/reflect', async ({ ack }) => {
  await ack();
});
app.command('/recognize', async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT ?? 3000));
console.log('bare bolt app started');
process.on('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
