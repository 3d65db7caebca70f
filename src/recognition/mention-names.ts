import type { WebClient } from '@slack/web-api';
import { escapeWithin } from '#messages/safe-text.ts';

/** Most names looked up for one recognition; anyone beyond is shown as `@someone`. */
export const MAX_NAME_LOOKUPS = 20;
/** Longest name shown, once escaped (keeps the stored words within the record's 3,000). */
const MAX_NAME_CHARS = 60;

/**
 * Display names (escaped for mrkdwn) of people mentioned in a recognition who are not its
 * recipients, so the post can show them as `@name` without pinging them. One users.info per
 * person, in parallel, at most MAX_NAME_LOOKUPS; a person Slack does not answer for is left out.
 */
export async function mentionNames(client: WebClient, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].slice(0, MAX_NAME_LOOKUPS);
  const answers = await Promise.all(
    wanted.map(async (id) => {
      try {
        const { user } = await client.users.info({ user: id });
        const name = user?.profile?.display_name || user?.real_name || user?.name;
        return name ? ([id, escapeWithin(name, MAX_NAME_CHARS)] as const) : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return new Map(answers.filter((entry) => entry !== undefined));
}
