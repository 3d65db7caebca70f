import type { App } from '@slack/bolt';
import { scheduleSetReply } from '#messages/nudge-replies.ts';
import { NUDGE_SCHEDULE_CALLBACK, readNudgeScheduleSubmission } from '#messages/nudge-schedule-modal.ts';
import { profileOf, translatorOf } from '#src/i18n/person-language.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import type { NudgeFeature } from '../nudge-feature.ts';
import type { NudgeListenerDeps } from '../nudge-listener-deps.ts';

/**
 * The day-and-time modal's submit: enrols (or moves) the submitter's nudges, closes the modal and
 * confirms: the Home is redrawn when it was opened from there, otherwise a DM says when the next
 * nudge comes.
 */
export function registerNudgeScheduleView(app: App, deps: NudgeListenerDeps, nudges: NudgeFeature): void {
  app.view(NUDGE_SCHEDULE_CALLBACK, async ({ ack, body, view, client, context }) => {
    const tr = translatorOf(context);
    const read = readNudgeScheduleSubmission(view.state.values, tr);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    const teamId = teamIdOf(body, context);
    // Bolt authorized the request, so a workspace is always named.
    if (!teamId) return;
    const userId = body.user.id;
    try {
      // The middleware already read the person's profile; ask again only if it could not.
      const tz =
        profileOf(context)?.timeZone ??
        (await deps.userProfiles.getTimeZone(client, teamId, userId, { timeoutMs: 1000 }));
      const result = await nudges.service.enrol(teamId, userId, tz, read.schedule);
      if (view.private_metadata === 'home') await deps.home.publishHome(client, teamId, userId);
      else
        await client.chat.postMessage({
          channel: userId,
          text: scheduleSetReply(result.schedule, result.tz, result.next, tr).text,
        });
    } catch (error) {
      deps.logger.warn({ teamId, code: slackErrorCode(error) }, 'nudge schedule from the modal failed');
    }
  });
}
