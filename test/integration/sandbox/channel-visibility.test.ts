import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageReach } from '#src/sandbox/message-pings.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';

/**
 * The double as Slack documents it for reads of a conversation: a private channel the bot is not
 * in does not exist for it (`channel_not_found` from conversations.info and conversations.members),
 * and reading members needs `channels:read` (public) or `groups:read` (private); users.conversations
 * shows another person's private channels only where the bot is a member too.
 */
describe('Slack double: which channels the bot can read', () => {
  let slack: SlackDouble;
  const client = (token = 'xoxb-t1') =>
    new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: { data?: { error?: string } }) => error.data?.error ?? 'unknown',
    );

  beforeAll(async () => {
    slack = await startSlackDouble({
      teams: [
        { teamId: 'T1', botToken: 'xoxb-t1', botUserId: 'UBOT1', botId: 'BBOT1' },
        { teamId: 'T2', botToken: 'xoxb-t2', botUserId: 'UBOT2', botId: 'BBOT2', scopes: ['chat:write'] },
      ],
    });
    slack.addChannel({ id: 'CPUB', isMember: false, members: ['U1'] });
    slack.addChannel({ id: 'GIN', members: ['U1'] });
    slack.addChannel({ id: 'GOUT', isMember: false, members: ['U1'] });
    slack.addChannel({ teamId: 'T2', id: 'CPUB2', members: ['U1'] });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('a public channel the bot is not in: readable', async () => {
    expect((await client().conversations.members({ channel: 'CPUB' })).members).toEqual(['U1']);
    expect((await client().conversations.info({ channel: 'CPUB' })).channel).toMatchObject({
      is_member: false,
    });
  });

  it('a private channel: readable when the bot is in it, channel_not_found when not', async () => {
    expect((await client().conversations.members({ channel: 'GIN' })).members).toEqual(['U1', 'UBOT1']);
    expect(await code(client().conversations.members({ channel: 'GOUT' }))).toBe('channel_not_found');
    expect(await code(client().conversations.info({ channel: 'GOUT' }))).toBe('channel_not_found');
  });

  it("users.conversations lists someone's public channels, and private ones only where the bot is too", async () => {
    const listed = await client().users.conversations({
      user: 'U1',
      types: 'public_channel,private_channel',
    });
    expect(listed.channels?.map((c) => c.id).sort()).toEqual(['CPUB', 'GIN']);
    expect(listed.channels?.[0]).not.toHaveProperty('is_member');
    const publicOnly = await client().users.conversations({ user: 'U1' });
    expect(publicOnly.channels?.map((c) => c.id)).toEqual(['CPUB']);
    const pages: string[] = [];
    for await (const page of client().paginate('users.conversations', {
      user: 'U1',
      types: 'public_channel,private_channel',
      limit: 1,
    })) {
      pages.push(...((page as { channels?: { id: string }[] }).channels ?? []).map((c) => c.id));
    }
    expect(pages.sort()).toEqual(['CPUB', 'GIN']);
    expect(await code(client('xoxb-t2').users.conversations({ user: 'U1' }))).toBe('missing_scope');
  });

  it('members need channels:read', async () => {
    expect(await code(client('xoxb-t2').conversations.members({ channel: 'CPUB2' }))).toBe('missing_scope');
  });

  it('message-pings reads who a message notifies, as Slack does', () => {
    expect(
      messageReach({
        text: 'hi <@U1> &lt;@U2&gt; <!here>',
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: '<@U3|c> <!subteam^S1|@ops> <https://a.example|b>' },
          },
          { type: 'section', text: { type: 'plain_text', text: '<@U4>' } },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: '<https://a.example> <mailto:x@y.example|x@y.example>' }],
          },
        ],
      }),
    ).toEqual({
      users: ['U1', 'U3'],
      broadcasts: ['here'],
      groups: ['S1'],
      hiddenLinks: ['https://a.example|b'],
    });
  });
});
