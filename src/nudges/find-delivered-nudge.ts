import type { WebClient } from '@slack/web-api';
import { isNudgeFor } from './nudge-metadata.ts';

/** Newest messages read; see below for why one page is enough. */
const HISTORY_LIMIT = 100;

/** The DM's channel and the timestamps of every copy of that nudge in it, oldest first. */
export interface NudgeCopies {
  channel: string;
  ts: string[];
}

/**
 * Asks Slack which copies of the nudge DM for this week and kind are in the person's DM with the
 * app: `conversations.open` (scope `im:write`) gives the DM's id, `conversations.history` (scope
 * `im:history`) its newest messages with their metadata (nudge-metadata.ts).
 *
 * One page is enough: the app's Messages tab is read-only (manifest.yml), so only the app posts in
 * that DM, a few messages a week, and the question is asked minutes (at most hours) after the
 * attempt that may have posted. Throws when Slack cannot answer (a workspace installed before these
 * scopes answers `missing_scope`, a 429, the network); the caller decides what that means.
 */
export async function findNudgeCopies(
  client: WebClient,
  userId: string,
  weekKey: string,
  kind: string,
): Promise<NudgeCopies> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (channel === undefined) throw new Error('conversations.open answered without a channel');
  const history = await client.conversations.history({
    channel,
    include_all_metadata: true,
    limit: HISTORY_LIMIT,
  });
  const ts = (history.messages ?? [])
    .filter((message) => isNudgeFor(message, weekKey, kind))
    .map((message) => message.ts)
    .filter((value): value is string => typeof value === 'string')
    .sort((a, b) => Number(a) - Number(b));
  return { channel, ts };
}
