import type { App, BlockAction } from '@slack/bolt';
import {
  FORGET_CANCEL_ACTION,
  FORGET_CONFIRM_ACTION,
  forgetCancelledMessage,
  forgetDoneMessage,
} from '#messages/forget-messages.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
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
    // Read before the profile (and any language choice) is erased: the reply is in their language.
    const tr = translatorOf(context);
    const result = await forgetPerson(
      { personalData: deps.personalData, redis: deps.redis.interactive, logger: deps.logger },
      teamId,
      userId,
    );
    deps.logger.info({ teamId, failed: result.failed.length }, 'a person asked to be forgotten');
    const done = forgetDoneMessage(result.failed, tr);
    if (body.response_url) await respond(done);
    else await client.chat.postMessage({ channel: userId, text: done.text });
    // Redraw their Home so it no longer shows what was deleted, without writing anything.
    await deps.home
      .publishHome(client, teamId, userId, { readOnly: true, tr })
      .catch((error: unknown) =>
        deps.logger.warn({ teamId, code: slackErrorCode(error) }, 'Home refresh after forget failed'),
      );
  });

  app.action<BlockAction>(FORGET_CANCEL_ACTION, async ({ ack, body, respond, context }) => {
    await ack();
    if (body.response_url) await respond(forgetCancelledMessage(translatorOf(context)));
  });
}
