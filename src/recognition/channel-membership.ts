import type { WebClient } from '@slack/web-api';
import { english, type Translator } from '#messages/i18n.ts';
import { recognitionNoteText } from '#messages/recognition-replies.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';

/** Members read per conversations.members page (Slack's maximum). */
const MEMBERS_PAGE = 1000;
/** Conversations read per users.conversations page (Slack's maximum). */
const CONVERSATIONS_PAGE = 999;

/**
 * Why the giver may not post a recognition in `channelId`, or undefined when they may. The giver
 * must be a member (the bot's `chat:write.public` must never let someone post where they are not);
 * in a private channel the bot must be a member too. Asks Slack: conversations.info (private?
 * archived? the bot in it?), then whether the giver is a member (see `isMember`).
 */
export async function channelRefusal(
  client: WebClient,
  channelId: string,
  giverId: string,
  tr: Translator = english(),
): Promise<string | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived) return recognitionNoteText('archived', tr);
    if (channel?.is_private && !channel.is_member) return recognitionNoteText('botNotInPrivate', tr);
    if (!(await isMember(client, channelId, giverId))) return recognitionNoteText('giverNotIn', tr);
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    // A private channel the bot is not in is invisible to it: Slack says channel_not_found.
    if (code === 'channel_not_found') return recognitionNoteText('botNotInPrivate', tr);
    throw error;
  }
}

/**
 * Whether `userId` is in the channel, from whichever complete list Slack gives first: the
 * channel's members (one page for most channels, many for a #general of 20,000) or the person's
 * channels (one page for nearly everyone). Either list is the whole truth, so the first to end
 * answers, and the other stops at its next page.
 */
async function isMember(client: WebClient, channelId: string, userId: string): Promise<boolean> {
  let answered = false;
  const search = async (next: (cursor?: string) => Promise<{ found: boolean; cursor?: string }>) => {
    let cursor: string | undefined;
    do {
      if (answered) return undefined;
      const page = await next(cursor);
      if (page.found) return true;
      cursor = page.cursor || undefined;
    } while (cursor);
    return false;
  };
  const members = search(async (cursor) => {
    const page = await client.conversations.members({ channel: channelId, limit: MEMBERS_PAGE, cursor });
    return { found: page.members?.includes(userId) ?? false, cursor: page.response_metadata?.next_cursor };
  });
  const channels = search(async (cursor) => {
    const page = await client.users.conversations({
      user: userId,
      types: 'public_channel,private_channel',
      limit: CONVERSATIONS_PAGE,
      cursor,
    });
    return {
      found: page.channels?.some((channel) => channel.id === channelId) ?? false,
      cursor: page.response_metadata?.next_cursor,
    };
  });
  // The first list to end answers; a failure counts only when both fail.
  try {
    return (await Promise.any([members, channels])) === true;
  } catch (error) {
    throw error instanceof AggregateError ? error.errors[0] : error;
  } finally {
    answered = true;
  }
}
