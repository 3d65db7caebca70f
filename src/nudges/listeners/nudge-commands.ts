import {
  badInputReply,
  notEnrolledReply,
  pausedReply,
  resumedReply,
  scheduleSetReply,
} from '#messages/nudge-replies.ts';
import { pauseWeeksError, scheduleErrorText } from '#messages/schedule-input-errors.ts';
import { profileOf, translatorOf } from '#src/i18n/person-language.ts';
import {
  MAX_PAUSE_WEEKS,
  MIN_PAUSE_WEEKS,
  parsePauseWeeks,
  parseScheduleText,
} from '#src/schedule/parse-schedule.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';
import type { NudgeFeature } from '../nudge-feature.ts';
import type { NudgeListenerDeps } from '../nudge-listener-deps.ts';

/** Listeners racing Slack's 3 s wait at most this long for users.info before using the cache or UTC. */
const TIME_ZONE_BUDGET_MS = 1000;

/**
 * `/reflect schedule <day> <HH:MM>`: validates first (bad input is answered with the right form
 * and stores nothing), then enrols or moves the schedule and says when the next nudge comes, in
 * the person's own zone. Days and times are read, and the answer written, in the person's language.
 */
export function scheduleSubcommand(
  deps: Pick<NudgeListenerDeps, 'userProfiles'>,
  nudges: NudgeFeature,
): ReflectSubcommand {
  return async ({ ack, command, client, args, context }) => {
    const tr = translatorOf(context);
    const parsed = parseScheduleText(args, tr.language);
    if (!parsed.ok) {
      await ack(badInputReply(scheduleErrorText(parsed.error, tr)));
      return;
    }
    // The middleware already read the person's profile; ask again only if it could not.
    const tz =
      profileOf(context)?.timeZone ??
      (await deps.userProfiles.getTimeZone(client, command.team_id, command.user_id, {
        timeoutMs: TIME_ZONE_BUDGET_MS,
      }));
    const result = await nudges.service.enrol(command.team_id, command.user_id, tz, parsed.schedule);
    await ack(scheduleSetReply(result.schedule, result.tz, result.next, tr));
  };
}

/** `/reflect pause [weeks]`: 1 to 12 weeks (default 1); the paused weeks keep the streak. */
export function pauseSubcommand(nudges: NudgeFeature): ReflectSubcommand {
  return async ({ ack, command, args, context }) => {
    const tr = translatorOf(context);
    const parsed = parsePauseWeeks(args);
    if (!parsed.ok) {
      await ack(badInputReply(pauseWeeksError(MIN_PAUSE_WEEKS, MAX_PAUSE_WEEKS, tr)));
      return;
    }
    const result = await nudges.service.pause(command.team_id, command.user_id, parsed.weeks);
    await ack(result.ok ? pausedReply(result.weeks, result.tz, result.next, tr) : notEnrolledReply(tr));
  };
}

/** `/reflect resume`: ends a pause from this week on. */
export function resumeSubcommand(nudges: NudgeFeature): ReflectSubcommand {
  return async ({ ack, command, context }) => {
    const tr = translatorOf(context);
    const result = await nudges.service.resume(command.team_id, command.user_id);
    await ack(result.ok ? resumedReply(result.tz, result.next, tr) : notEnrolledReply(tr));
  };
}
