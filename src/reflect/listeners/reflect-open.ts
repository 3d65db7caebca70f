import { MODAL_DID_NOT_OPEN_TEXT } from '#messages/reflect-modal.ts';
import type { AppDeps } from '#src/deps.ts';
import { openReflectModal } from '#src/reflect/open-reflect-modal.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import type { ReflectSubcommand } from '../../slack/reflect-command.ts';

/** Bare `/reflect`: acknowledge at once, then open this week's modal with the command's trigger_id. */
export function reflectOpenSubcommand(deps: AppDeps): ReflectSubcommand {
  return async ({ ack, command, client, respond }) => {
    await ack();
    try {
      await openReflectModal({
        client,
        triggerId: command.trigger_id,
        teamId: command.team_id,
        userId: command.user_id,
        deps,
      });
    } catch (error) {
      deps.logger.warn(
        { teamId: command.team_id, code: slackErrorCode(error) },
        'reflection modal did not open',
      );
      await respond({ response_type: 'ephemeral', text: MODAL_DID_NOT_OPEN_TEXT });
    }
  };
}
