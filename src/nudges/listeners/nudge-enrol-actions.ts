import type { App, BlockAction, ButtonAction, Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { NUDGE_INVITE_ACTIONS } from '#messages/nudge-invitation.ts';
import { nudgeNoteText, optedInReply } from '#messages/nudge-replies.ts';
import { NUDGE_CHOOSE_ACTION, nudgeScheduleModal } from '#messages/nudge-schedule-modal.ts';
import { NUDGE_OPT_IN_ACTION } from '#messages/reflect-confirmation.ts';
import { profileOf, translatorOf } from '#src/i18n/person-language.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import type { NudgeFeature } from '../nudge-feature.ts';
import type { NudgeListenerDeps } from '../nudge-listener-deps.ts';

const TIME_ZONE_BUDGET_MS = 1000;

/**
 * Enrolment is by consent only: "Nudge me weekly" under a saved reflection, "Yes" in an admin's
 * invitation, or the schedule modal. Each enrols the person who clicked (never anyone named in the
 * payload) at Friday 16:00 their time, with a button to choose another day and time.
 */
export function registerNudgeEnrolActions(app: App, deps: NudgeListenerDeps, nudges: NudgeFeature): void {
  // The middleware already read the clicker's profile; ask again only if it could not.
  const timeZoneOf = async (client: WebClient, context: Context, teamId: string, userId: string) =>
    profileOf(context)?.timeZone ??
    (await deps.userProfiles.getTimeZone(client, teamId, userId, { timeoutMs: TIME_ZONE_BUDGET_MS }));

  for (const actionId of [NUDGE_OPT_IN_ACTION, NUDGE_INVITE_ACTIONS.accept]) {
    app.action<BlockAction>(actionId, async ({ ack, body, client, respond, context }) => {
      await ack();
      const teamId = teamIdOf(body, context);
      const userId = body.user.id;
      if (!teamId) return;
      // Pressing it again (or after choosing another time) keeps the schedule the person has.
      const current = await nudges.service.status(teamId, userId);
      const result =
        current.enrolled && current.schedule && current.tz
          ? {
              schedule: current.schedule,
              tz: current.tz,
              next: current.nextAt ? { dueAt: current.nextAt } : undefined,
            }
          : await nudges.service.enrol(teamId, userId, await timeZoneOf(client, context, teamId, userId));
      if (body.response_url) {
        await respond({
          replace_original: actionId === NUDGE_INVITE_ACTIONS.accept,
          ...optedInReply(result.schedule, result.tz, result.next, translatorOf(context)),
        });
      }
    });
  }

  app.action<BlockAction>(NUDGE_INVITE_ACTIONS.decline, async ({ ack, body, respond, context }) => {
    await ack();
    if (body.response_url) {
      await respond({
        replace_original: true,
        text: nudgeNoteText('invitationDeclined', translatorOf(context)),
      });
    }
  });

  // Opens the day-and-time modal (from the invitation, the opt-in reply or App Home).
  app.action<BlockAction>(NUDGE_CHOOSE_ACTION, async ({ ack, body, action, client, context }) => {
    await ack();
    const teamId = teamIdOf(body, context);
    const userId = body.user.id;
    if (!teamId) return;
    try {
      const [tz, record] = await Promise.all([
        timeZoneOf(client, context, teamId, userId),
        nudges.store.get(teamId, userId),
      ]);
      const origin = (action as ButtonAction).value === 'home' ? 'home' : 'dm';
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          ...nudgeScheduleModal({ current: record?.schedule, timeZone: tz }, translatorOf(context)),
          private_metadata: origin,
        },
      });
    } catch (error) {
      deps.logger.warn({ teamId, code: slackErrorCode(error) }, 'nudge schedule modal did not open');
    }
  });
}
