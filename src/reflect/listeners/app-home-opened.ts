import type { App } from '@slack/bolt';
import { translatorOf } from '#src/i18n/person-language.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import { publishHome } from '../app-home.ts';
import type { ReflectDeps } from '../reflect-deps.ts';

/** Draws the viewer's own Home each time they open the Home tab. */
export function registerAppHomeOpened(app: App, deps: ReflectDeps): void {
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const teamId = teamIdOf(body, context);
    if (!teamId) return;
    try {
      await publishHome(deps, client, teamId, event.user, { tr: translatorOf(context) });
    } catch (error) {
      deps.logger.warn({ teamId, code: slackErrorCode(error) }, 'App Home could not be published');
    }
  });
}
