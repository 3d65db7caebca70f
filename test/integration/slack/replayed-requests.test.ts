import { beforeEach, describe, expect, it } from 'vitest';
import { eventEnvelope, postSigned, sign, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import { SIGNING_SECRET, useTestApp } from '#test/support/test-app.ts';

// A byte-identical signed request sent again (a replay by anyone who saw it on the wire or in a
// log) is refused with 401 and has no effect. Slack's own retries of an event carry a new
// signature and the same event_id, and stay de-duplicated on event_id.

describe('replayed signed requests', () => {
  const t = useTestApp({ now: new Date('2026-12-01T10:00:00Z') }, () => {
    for (const id of ['UGIVER', 'U2']) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    t.slack.addChannel({ id: 'C1', members: ['UGIVER', 'U2'] });
  });
  beforeEach(() => {
    t.slack.reset();
  });

  const recognitionPosts = () =>
    t.slack.callsTo('chat.postMessage').filter((call) => call.ok && call.params.channel === 'C1');

  it('a byte-identical /recognize sent twice posts once; the copy gets 401', async () => {
    const body = slashCommandBody({
      command: '/recognize',
      text: '<@U2> for untangling the release',
      userId: 'UGIVER',
      channelId: 'C1',
      responseUrl: t.slack.responseUrl('replay'),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const send = () =>
      postSigned(t.baseUrl, body, 'application/x-www-form-urlencoded', {
        signingSecret: SIGNING_SECRET,
        timestamp,
      });
    const first = await send();
    expect(first.status).toBe(200);
    await expect.poll(() => recognitionPosts().length, { timeout: 3000 }).toBe(1);

    const replay = await send();
    expect(replay.status).toBe(401);
    expect(replay.text).toBe('');
    // Give a wrongly accepted copy the time to post before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(recognitionPosts()).toHaveLength(1);
  });

  it('the same body signed again at another second is a new request (Slack retries that way)', async () => {
    const body = slashCommandBody({
      command: '/recognize',
      text: '<@U2> for the calm on-call week',
      userId: 'UGIVER',
      channelId: 'C1',
      responseUrl: t.slack.responseUrl('resigned'),
    });
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 1, now]) {
      const response = await postSigned(t.baseUrl, body, 'application/x-www-form-urlencoded', {
        signingSecret: SIGNING_SECRET,
        timestamp,
      });
      expect(response.status).toBe(200);
    }
    await expect.poll(() => recognitionPosts().length, { timeout: 3000 }).toBe(2);
  });

  it('an event retry (new signature, same event_id) is answered 200 and handled once', async () => {
    const envelope = JSON.stringify(eventEnvelope({ type: 'app_home_opened', user: 'U2', tab: 'home' }));
    const now = Math.floor(Date.now() / 1000);
    const first = await postSigned(t.baseUrl, envelope, 'application/json', {
      signingSecret: SIGNING_SECRET,
      timestamp: now - 2,
    });
    expect(first.status).toBe(200);
    await t.slack.waitFor('views.publish', 3000);
    const retry = await postSigned(t.baseUrl, envelope, 'application/json', {
      signingSecret: SIGNING_SECRET,
      timestamp: now,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.slack.callsTo('views.publish')).toHaveLength(1);
  });

  it('refuses a signature dated more than five minutes ahead (it could be replayed for longer)', async () => {
    const body = slashCommandBody({ text: 'help', userId: 'U2', responseUrl: t.slack.responseUrl('future') });
    const timestamp = Math.floor(Date.now() / 1000) + 10 * 60;
    const response = await postSigned(t.baseUrl, body, 'application/x-www-form-urlencoded', {
      signingSecret: SIGNING_SECRET,
      timestamp,
      signature: sign(SIGNING_SECRET, timestamp, body),
    });
    expect(response.status).toBe(401);
  });
});
