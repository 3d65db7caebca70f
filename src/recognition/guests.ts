import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from '#src/slack/slack-error.ts';

/**
 * Whether Slack says this person is a guest (`is_restricted`: multi-channel, `is_ultra_restricted`:
 * single-channel). Guests cannot use team features: a guest naming members of the workspace would
 * learn about people outside the channels they were invited to. Throws when Slack does not answer.
 */
export async function isGuest(client: WebClient, userId: string): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return Boolean(user?.is_restricted || user?.is_ultra_restricted);
  } catch (error) {
    throw new Error(`users.info failed: ${slackErrorCode(error)}`);
  }
}
