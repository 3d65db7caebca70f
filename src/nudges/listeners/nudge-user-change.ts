import type { App } from '@slack/bolt';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import type { NudgeFeature } from '../nudge-feature.ts';
import type { NudgeListenerDeps } from '../nudge-listener-deps.ts';

/**
 * `user_change` (Slack sends it for every member, external Slack Connect people included): only
 * people Throughline already knows are updated; nothing is stored about anyone else. A new time zone moves the person's next nudge (Slack sends no event for DST
 * itself; the zone name stays, and sends re-check users.info anyway); a deactivated person is
 * unenrolled and their pending nudges removed.
 */
export function registerNudgeUserChange(app: App, deps: NudgeListenerDeps, nudges: NudgeFeature): void {
  app.event('user_change', async ({ event, body, context }) => {
    const user = event.user as { id?: string; tz?: string; deleted?: boolean; is_bot?: boolean };
    const teamId = teamIdOf(body, context);
    if (!teamId || typeof user.id !== 'string') return;
    if (user.deleted === true || user.is_bot === true) {
      if (await nudges.service.unenrol(teamId, user.id))
        deps.logger.info({ teamId }, 'deactivated person unenrolled');
      return;
    }
    if (typeof user.tz === 'string' && isValidTimeZone(user.tz)) {
      await deps.userProfiles.updateTimeZoneIfKnown(teamId, user.id, user.tz);
      await nudges.service.timeZoneChanged(teamId, user.id, user.tz);
    }
  });
}
