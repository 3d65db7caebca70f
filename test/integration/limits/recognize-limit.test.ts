import { describe, expect, it } from 'vitest';
import { useTestApp } from '#test/support/test-app.ts';

describe('abuse limit on /recognize', () => {
  const t = useTestApp({ now: new Date('2026-12-01T10:00:00Z'), env: { RECOGNITIONS_PER_HOUR: '2' } }, () => {
    for (const id of ['UGIVER', 'U1', 'U2']) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    t.slack.addChannel({ id: 'C1' });
  });

  const channelPosts = () =>
    t.slack.callsTo('chat.postMessage').filter((call) => call.ok && call.params.channel === 'C1');

  async function recognize(userId: string, responseId: string) {
    const response = await t.command({
      command: '/recognize',
      text: '<@U1|ann> stayed late to help a new teammate #heart',
      userId,
      channelId: 'C1',
      responseUrl: t.slack.responseUrl(responseId),
    });
    expect(response.status).toBe(200);
  }

  it('lets a person post up to the limit, then says kindly when to try again and posts nothing', async () => {
    await recognize('UGIVER', 'r1');
    await recognize('UGIVER', 'r2');
    await expect.poll(() => channelPosts().length).toBe(2);

    await recognize('UGIVER', 'r3');
    const [reply] = await t.slack.waitForResponse((post) => post.id === 'r3');
    const text = String((reply?.body as { text?: string } | undefined)?.text);
    expect(text).toContain('Thank you for noticing so many people');
    expect(text).toContain('Nothing was posted');
    expect(text).toMatch(/try again in about \d+ minutes/);
    expect(channelPosts()).toHaveLength(2);

    // Someone else is not limited by it, and the hour passing lifts it.
    await recognize('U2', 'r4');
    await expect.poll(() => channelPosts().length).toBe(3);
    t.clock.advance(60 * 60 * 1000);
    await recognize('UGIVER', 'r5');
    await expect.poll(() => channelPosts().length).toBe(4);
  });
});
