import type { WebClient } from '@slack/web-api';
import { english, type Translator } from '#messages/i18n.ts';
import { inactivePersonMessage, refusalText, unknownPersonMessage } from '#messages/recognition-replies.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import type { ParseContext } from './parse-recognition.ts';

/**
 * Asks Slack about each recipient (users.info, in parallel) and returns a kind refusal for an
 * unknown, deactivated or bot recipient, or undefined when everyone can be recognized.
 */
export async function refusalForPeople(
  client: WebClient,
  recipients: readonly string[],
  context: ParseContext,
  tr: Translator = english(),
): Promise<string | undefined> {
  const answers = await Promise.all(
    recipients.map(async (id) => {
      try {
        const { user } = await client.users.info({ user: id });
        return { id, user, code: undefined };
      } catch (error) {
        return { id, user: undefined, code: slackErrorCode(error) };
      }
    }),
  );
  for (const { id, user, code } of answers) {
    if (code === 'user_not_found' || code === 'user_not_visible') return unknownPersonMessage(id, tr);
    if (code !== undefined) throw new Error(`users.info failed: ${code}`);
    if (user?.is_bot || user?.is_app_user || id === context.botUserId) return refusalText('bot', tr);
    if (user?.deleted) return inactivePersonMessage(id, tr);
  }
  return undefined;
}
