import type { App, BlockAction } from '@slack/bolt';
import { reflectFormErrorText } from '#messages/reflect-modal.ts';
import { REFLECT_NOW_ACTION } from '#messages/reflect-now-button.ts';
import { profileOf, translatorOf } from '#src/i18n/person-language.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import { openReflectModal } from '../open-reflect-modal.ts';
import type { ReflectDeps } from '../reflect-deps.ts';

/**
 * "Reflect now" wherever it is shown (App Home, the weekly nudge DM): opens this week's modal for
 * the person who clicked, with the click's trigger_id.
 */
export function registerReflectNowAction(app: App, deps: ReflectDeps): void {
  app.action<BlockAction>(REFLECT_NOW_ACTION, async ({ ack, body, client, context, respond }) => {
    await ack();
    const teamId = teamIdOf(body, context);
    const userId = body.user.id;
    if (!teamId) return;
    const tr = translatorOf(context);
    try {
      await openReflectModal({
        client,
        triggerId: body.trigger_id,
        teamId,
        userId,
        tr,
        profile: profileOf(context),
        deps,
      });
    } catch (error) {
      deps.logger.warn(
        { teamId, code: slackErrorCode(error) },
        'reflection modal did not open from a button',
      );
      try {
        if (body.response_url)
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: reflectFormErrorText('didNotOpen', tr),
          });
        else await client.chat.postMessage({ channel: userId, text: reflectFormErrorText('didNotOpen', tr) });
      } catch {
        // Nothing more we can do; the log has it.
      }
    }
  });
}
