import type { WebClient } from '@slack/web-api';
import { classifySlackError } from '#src/slack/slack-error.ts';
import { findNudgeCopies } from './find-delivered-nudge.ts';
import type { NudgeRun } from './nudge-run.ts';

/**
 * After a resend (the earlier attempt's DM was not found), look once more: if the earlier DM landed
 * after all, the person has two copies; the newer ones are deleted so one stays. Best effort;
 * answers the copy kept (undefined when the look failed).
 */
export async function deleteNewerCopies(
  run: NudgeRun,
  client: WebClient,
): Promise<{ channel: string; ts: string } | undefined> {
  const { data } = run;
  try {
    const copies = await findNudgeCopies(client, data.userId, data.weekKey, run.markerKind);
    for (const ts of copies.ts.slice(1)) {
      await client.chat.delete({ channel: copies.channel, ts });
      run.count('deleted_duplicate');
    }
    const [oldest] = copies.ts;
    return oldest ? { channel: copies.channel, ts: oldest } : undefined;
  } catch (error) {
    run.deps.logger.warn(
      { teamId: data.teamId, code: classifySlackError(error).kind },
      'could not check for a second copy of a resent nudge',
    );
    return undefined;
  }
}
