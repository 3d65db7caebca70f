import type { App, BlockAction } from '@slack/bolt';
import {
  FORGET_CANCEL_ACTION,
  FORGET_CONFIRM_ACTION,
  forgetCancelledMessage,
  forgetDoneMessage,
} from '#messages/forget-messages.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import { forgetPerson } from '../forget-person.ts';
import type { PrivacyDeps } from '../privacy-deps.ts';

/**
 * The buttons of `/reflect forget`. "Delete everything" erases the data of the person who clicked
 * (never anyone named in the payload), from every feature, then sweeps their key root. Clicking
 * again is harmless.
 */
export function registerForgetActions(app: App, deps: PrivacyDeps): void {
  app.action<BlockAction>(FORGET_CONFIRM_ACTION, async ({ ack, body, respond, client, context }) => {
    await ack();
    const teamId = teamIdOf(body, context);
    const userId = body.user.id;
    if (!teamId) return;
    const result = await forgetPerson(
      { personalData: deps.personalData, redis: deps.redis.interactive, logger: deps.logger },
      teamId,
      userId,
    );
    deps.logger.info({ teamId, failed: result.failed.length }, 'a person asked to be forgotten');
    if (body.response_url) await respond(forgetDoneMessage(result.failed));
    else await client.chat.postMessage({ channel: userId, text: forgetDoneMessage(result.failed).text });
    // Redraw their Home so it no longer shows what was deleted, without writing anything.
    await deps.home
      .publishHome(client, teamId, userId, { readOnly: true })
      .catch((error: unknown) =>
        deps.logger.warn({ teamId, code: slackErrorCode(error) }, 'Home refresh after forget failed'),
      );
  });

  app.action<BlockAction>(FORGET_CANCEL_ACTION, async ({ ack, body, respond }) => {
    await ack();
    if (body.response_url) await respond(forgetCancelledMessage());
  });
}
