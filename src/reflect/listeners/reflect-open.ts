import { reflectFormErrorText } from '#messages/reflect-modal.ts';
import { profileOf, translatorOf } from '#src/i18n/person-language.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { openReflectModal } from '../open-reflect-modal.ts';
import type { ReflectDeps } from '../reflect-deps.ts';

/** Bare `/reflect`: acknowledge at once, then open this week's modal with the command's trigger_id. */
export function reflectOpenSubcommand(deps: ReflectDeps): ReflectSubcommand {
  return async ({ ack, command, client, context, respond }) => {
    await ack();
    const tr = translatorOf(context);
    try {
      await openReflectModal({
        client,
        triggerId: command.trigger_id,
        teamId: command.team_id,
        userId: command.user_id,
        tr,
        profile: profileOf(context),
        deps,
      });
    } catch (error) {
      deps.logger.warn(
        { teamId: command.team_id, code: slackErrorCode(error) },
        'reflection modal did not open',
      );
      await respond({ response_type: 'ephemeral', text: reflectFormErrorText('didNotOpen', tr) });
    }
  };
}
