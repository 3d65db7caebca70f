import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-error-code.ts';

/** Members read per conversations.members page (Slack's maximum). */
const PAGE_SIZE = 1000;

/**
 * Why the giver may not post a recognition in `channelId`, or undefined when they may. The giver
 * must be a member (the bot's `chat:write.public` must never let someone post where they are not);
 * in a private channel the bot must be a member too. Asks Slack: conversations.info (private?
 * archived? the bot in it?) and conversations.members, page by page until the giver is found.
 */
export async function channelRefusal(
  client: WebClient,
  channelId: string,
  giverId: string,
): Promise<string | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived) return MESSAGES.archived;
    if (channel?.is_private && !channel.is_member) return MESSAGES.botNotInPrivate;
    if (!(await isMember(client, channelId, giverId))) return MESSAGES.giverNotIn;
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    // A private channel the bot is not in is invisible to it: Slack says channel_not_found.
    if (code === 'channel_not_found') return MESSAGES.botNotInPrivate;
    throw error;
  }
}

async function isMember(client: WebClient, channelId: string, userId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: PAGE_SIZE, cursor });
    if (page.members?.includes(userId)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}

export const MESSAGES = {
  giverNotIn:
    "You're not a member of that channel, so I can't post there for you. Pick a channel you're in, or choose \"Send privately\".",
  botNotInPrivate:
    'I\'m not a member of that channel. Type `/invite @Throughline` in it first, pick another channel, or choose "Send privately".',
  archived:
    'That channel is archived, so nothing can be posted there. Pick another channel, or send it privately.',
  unchecked:
    'Sorry, I could not check that channel with Slack just now. Please try again in a minute, or choose "Send privately".',
} as const;
