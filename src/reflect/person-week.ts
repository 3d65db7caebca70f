import type { WebClient } from '@slack/web-api';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import type { ReflectDeps } from './reflect-deps.ts';

/** Listeners racing a trigger_id wait at most this long for users.info before using the cache or UTC. */
export const TIME_ZONE_LOOKUP_BUDGET_MS = 1000;

/** The person's time zone and the ISO week it is now in that zone. */
export async function personWeek(
  deps: Pick<ReflectDeps, 'clock' | 'userProfiles'>,
  client: WebClient,
  teamId: string,
  userId: string,
  options: { cache?: boolean } = {},
): Promise<{ timeZone: string; weekKey: string }> {
  const timeZone = await deps.userProfiles.getTimeZone(client, teamId, userId, {
    timeoutMs: TIME_ZONE_LOOKUP_BUDGET_MS,
    ...options,
  });
  return { timeZone, weekKey: isoWeekKey(deps.clock.now(), timeZone) };
}
