import type { App, BlockAction } from '@slack/bolt';
import { NUDGE_HOME_ACTIONS } from '#messages/nudge-home-section.ts';
import { profileOf } from '#src/i18n/person-language.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import type { NudgeFeature } from '../nudge-feature.ts';
import type { NudgeListenerDeps } from '../nudge-listener-deps.ts';

/** The nudge controls on App Home: opt in, pause one week, resume, stop. Then the Home is redrawn. */
export function registerNudgeHomeActions(app: App, deps: NudgeListenerDeps, nudges: NudgeFeature): void {
  const pattern = new RegExp(`^(${Object.values(NUDGE_HOME_ACTIONS).join('|')})$`);
  app.action<BlockAction>(pattern, async ({ ack, body, action, client, context }) => {
    await ack();
    const teamId = teamIdOf(body, context);
    const userId = body.user.id;
    if (!teamId) return;
    const { service } = nudges;
    switch (action.action_id) {
      case NUDGE_HOME_ACTIONS.optIn: {
        // The middleware already read the person's profile; ask again only if it could not.
        const tz =
          profileOf(context)?.timeZone ??
          (await deps.userProfiles.getTimeZone(client, teamId, userId, { timeoutMs: 1000 }));
        await service.enrol(teamId, userId, tz);
        break;
      }
      case NUDGE_HOME_ACTIONS.pause:
        await service.pause(teamId, userId, 1);
        break;
      case NUDGE_HOME_ACTIONS.resume:
        await service.resume(teamId, userId);
        break;
      case NUDGE_HOME_ACTIONS.stop:
        await service.unenrol(teamId, userId);
        break;
      default:
        return;
    }
    await deps.home
      .publishHome(client, teamId, userId)
      .catch((error: unknown) =>
        deps.logger.warn(
          { teamId, code: slackErrorCode(error) },
          'Home refresh after a nudge control failed',
        ),
      );
  });
}
