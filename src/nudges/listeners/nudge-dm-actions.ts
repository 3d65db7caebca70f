import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { NUDGE_ACTIONS, nudgeAcknowledgement, readNudgeAction } from '#messages/nudge-message.ts';
import { nudgeNoteText, snoozedText } from '#messages/nudge-replies.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import type { NudgeFeature } from '../nudge-feature.ts';
import type { NudgeListenerDeps } from '../nudge-listener-deps.ts';

/**
 * The buttons of the weekly nudge DM. Every press counts as acting on that week's nudge, so its
 * one follow-up is cancelled. Snooze, Tomorrow and Skip replace the nudge with a short note (the
 * buttons go, so they cannot be pressed twice); Reflect now opens this week's modal.
 */
export function registerNudgeDmActions(app: App, deps: NudgeListenerDeps, nudges: NudgeFeature): void {
  const pattern = new RegExp(`^(${Object.values(NUDGE_ACTIONS).join('|')})$`);
  app.action<BlockAction>(pattern, async ({ ack, body, action, client, respond, context }) => {
    await ack();
    const teamId = teamIdOf(body, context);
    const userId = body.user.id;
    const read = readNudgeAction(action.action_id, (action as ButtonAction).value);
    if (!teamId || !read) return;
    const tr = translatorOf(context);
    const { service } = nudges;
    const reply = async (text: string) => {
      if (body.response_url) await respond({ replace_original: true, ...nudgeAcknowledgement(text) });
    };
    switch (read.action) {
      case NUDGE_ACTIONS.reflectNow: {
        // The trigger_id lasts 3 s: open first, then record.
        try {
          await deps.home.openModal({ client, triggerId: body.trigger_id, teamId, userId });
        } catch (error) {
          deps.logger.warn(
            { teamId, code: slackErrorCode(error) },
            'reflection modal did not open from a nudge',
          );
          if (body.response_url)
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              text: nudgeNoteText('modalDidNotOpen', tr),
            });
        }
        await service.acted(teamId, userId, read.weekKey);
        return;
      }
      case NUDGE_ACTIONS.snooze:
      case NUDGE_ACTIONS.tomorrow: {
        const result =
          read.action === NUDGE_ACTIONS.snooze
            ? await service.snooze(teamId, userId, read.weekKey)
            : await service.tomorrow(teamId, userId, read.weekKey);
        if (result.ok) await reply(snoozedText(result.at, result.tz, tr));
        else if (result.reason === 'too-many') await reply(nudgeNoteText('snoozeLimit', tr));
        else await reply(nudgeNoteText('nothingToSnooze', tr));
        return;
      }
      case NUDGE_ACTIONS.skipWeek:
        await service.skipWeek(teamId, userId, read.weekKey);
        await reply(nudgeNoteText('weekSkipped', tr));
        return;
    }
  });
}
