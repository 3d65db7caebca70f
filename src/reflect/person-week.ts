import type { WebClient } from '@slack/web-api';
import type { Language } from '#messages/i18n.ts';
import { languageOf } from '#src/i18n/person-language.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import type { PersonProfile } from '#src/store/user-profile-store.ts';
import type { ReflectDeps } from './reflect-deps.ts';

/** Listeners racing a trigger_id wait at most this long for users.info before using the cache or UTC. */
export const TIME_ZONE_LOOKUP_BUDGET_MS = 1000;

/**
 * The person's time zone, the ISO week it is now in that zone, and the language they read (their
 * `/reflect language` choice, else Slack's locale): one profile read, cached for a day, or the
 * profile the request's middleware already read.
 */
export async function personWeek(
  deps: Pick<ReflectDeps, 'clock' | 'userProfiles'>,
  client: WebClient,
  teamId: string,
  userId: string,
  options: {
    cache?: boolean;
    /** The person's profile when the request's middleware already read it (profileOf). */
    profile?: PersonProfile;
  } = {},
): Promise<{ timeZone: string; weekKey: string; language: Language }> {
  const { profile: known, ...lookup } = options;
  const profile =
    known ??
    (await deps.userProfiles.getProfile(client, teamId, userId, {
      timeoutMs: TIME_ZONE_LOOKUP_BUDGET_MS,
      ...lookup,
    }));
  return {
    timeZone: profile.timeZone,
    weekKey: isoWeekKey(deps.clock.now(), profile.timeZone),
    language: languageOf(profile),
  };
}
