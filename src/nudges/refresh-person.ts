import type { WebClient } from '@slack/web-api';
import { english, type Translator } from '#messages/i18n.ts';
import { startOfIsoWeekInZone } from '#src/schedule/iso-week.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import { buildNudgeMessage, type NudgeMessage } from './build-nudge-message.ts';
import type { NudgeRun, Step } from './nudge-run.ts';
import { nudgeSlackFailure, personGone } from './nudge-slack-failure.ts';
import type { NudgeRecord } from './nudge-store.ts';

type SlackUser = { deleted?: boolean; is_bot?: boolean; tz?: string; locale?: string };

/**
 * Step 4 of a nudge: the person, now (users.info with their locale: still there, not a bot, still
 * in the same time zone and language); the message is prepared meanwhile in the language of their
 * cached profile (it only reads reflections), and built again in the rare case Slack's locale moved
 * them to another language. Answers the record and message to send, and `cacheTz` and
 * `cacheLocale`, the unchanged zone and Slack's locale, whose cache entry the claim step refreshes.
 */
export async function refreshPerson(
  run: NudgeRun,
  client: WebClient,
  enrolled: NudgeRecord,
  snoozes: number,
): Promise<
  Step<{ record: NudgeRecord; message: NudgeMessage; cacheTz: string | undefined; cacheLocale?: string }>
> {
  const { data, deps } = run;
  const lookup = client.users.info({ user: data.userId, include_locale: true });
  lookup.catch(() => undefined); // awaited below; never an unhandled rejection
  const translatorFor = (slackLocale?: string): Promise<Translator> =>
    deps.translatorFor
      ? deps.translatorFor(data.teamId, data.userId, slackLocale)
      : Promise.resolve(english());
  const cachedTr = await translatorFor();
  const prepared = buildNudgeMessage(data, enrolled, snoozes, deps, cachedTr);
  prepared.catch(() => undefined); // awaited below; never an unhandled rejection
  let user: SlackUser | undefined;
  try {
    user = (await lookup).user as SlackUser | undefined;
  } catch (error) {
    return { done: await nudgeSlackFailure(run, client, enrolled, error, 'users.info') };
  }
  if (!user || user.deleted) return personGone(run, 'user_disabled');
  if (user.is_bot) return personGone(run, 'user_is_bot');
  const tzNow = typeof user.tz === 'string' && isValidTimeZone(user.tz) ? user.tz : undefined;
  const localeNow = typeof user.locale === 'string' ? user.locale : undefined;
  const tr = localeNow === undefined ? cachedTr : await translatorFor(localeNow);
  if (tzNow === undefined || tzNow === enrolled.tz) {
    const message =
      tr.language === cachedTr.language
        ? await prepared
        : await buildNudgeMessage(data, enrolled, snoozes, deps, tr);
    return { record: enrolled, message, cacheTz: tzNow, cacheLocale: localeNow };
  }
  return followTimeZone(run, enrolled, tzNow, snoozes, tr, localeNow);
}

/**
 * No user_change reached us (or it raced this job): follow the person's new zone. A weekly nudge
 * whose time in the new zone is still more than a minute away is moved there.
 */
async function followTimeZone(
  run: NudgeRun,
  enrolled: NudgeRecord,
  tzNow: string,
  snoozes: number,
  tr: Translator,
  localeNow: string | undefined,
): Promise<Step<{ record: NudgeRecord; message: NudgeMessage; cacheTz: undefined }>> {
  const { data, deps } = run;
  const { teamId, userId } = data;
  await deps.rememberTimeZone(teamId, userId, tzNow, localeNow);
  const record = await deps.store.save(teamId, userId, {
    schedule: enrolled.schedule,
    tz: tzNow,
    enrolled: true,
  });
  if (data.kind !== 'weekly') {
    await deps.scheduler.rearm(teamId, userId, record);
  } else {
    const weekStart = startOfIsoWeekInZone(new Date(data.dueAt), tzNow);
    const dueAt = nextOccurrence(record.schedule, tzNow, new Date(weekStart.getTime() - 1)).getTime();
    if (dueAt > run.now().getTime() + 60_000) {
      await deps.store.setArmed(teamId, userId, record.version, run.context.jobId, dueAt);
      run.count('rescheduled_time_zone');
      return { done: { status: 'reschedule', dueAt, data: { ...data, version: record.version, dueAt } } };
    }
  }
  const message = await buildNudgeMessage(data, record, snoozes, deps, tr);
  return { record, message, cacheTz: undefined };
}
