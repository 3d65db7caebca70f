import { get } from 'node:http';
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => 'error' as never,
  setName: () => undefined,
};

describe('the Slack double speaks Socket Mode', () => {
  let slack: SlackDouble | undefined;
  let client: SocketModeClient | undefined;
  afterEach(async () => {
    await client?.disconnect();
    await slack?.close();
    client = undefined;
    slack = undefined;
  });

  it('apps.connections.open hands out a single-use URL; the client gets hello, envelopes, and its acks come back', async () => {
    slack = await startSlackDouble({ appToken: 'xapp-1-double' });
    client = new SocketModeClient({
      appToken: 'xapp-1-double',
      logger: silent,
      autoReconnectEnabled: false,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    const received: { type: string; body: unknown }[] = [];
    client.on('slash_commands', async ({ ack, body }) => {
      received.push({ type: 'slash_commands', body });
      await ack({ response_type: 'ephemeral', text: 'pong' });
    });
    client.on('app_home_opened', async ({ ack, body, retry_num }) => {
      received.push({ type: 'events_api', body: { body, retry_num } });
      await ack();
    });
    await client.start();
    await slack.waitForSocket();
    expect(slack.socketConnections).toBe(1);

    const ack = await slack.sendEnvelope('slash_commands', {
      command: '/reflect',
      text: 'ping',
      user_id: 'U1',
    });
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'pong' });
    const event = await slack.sendEnvelope(
      'events_api',
      { type: 'event_callback', event_id: 'Ev1', event: { type: 'app_home_opened' } },
      { retryAttempt: 1, retryReason: 'timeout' },
    );
    expect(event.payload ?? {}).toEqual({});
    expect(received).toMatchObject([
      { type: 'slash_commands', body: { command: '/reflect', text: 'ping' } },
      { type: 'events_api', body: { retry_num: 1 } },
    ]);

    // A bot token may not open a connection; a wss URL works once.
    const bot = new WebClient('xoxb-t1', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await expect(bot.apps.connections.open({})).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
    const app = new WebClient('', {
      slackApiUrl: slack.apiUrl,
      headers: { Authorization: 'Bearer xapp-1-double' },
      retryConfig: { retries: 0 },
    });
    const { url } = await app.apps.connections.open({});
    const upgrade = (target: string) =>
      new Promise<number | 'upgraded'>((resolve, reject) => {
        const request = get(target.replace('ws://', 'http://'), {
          headers: {
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-version': '13',
            'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          },
        });
        request.on('response', (response) => resolve(response.statusCode ?? 0));
        request.on('upgrade', (_response, socket) => {
          socket.destroy();
          resolve('upgraded');
        });
        request.on('error', reject);
      });
    expect(await upgrade(String(url))).toBe('upgraded');
    // The same URL again, or a ticket Slack never issued: refused.
    expect(await upgrade(String(url))).toBe(401);
    const forged = new URL(String(url));
    forged.searchParams.set('ticket', 'not-issued');
    expect(await upgrade(forged.toString())).toBe(401);
  });
});
