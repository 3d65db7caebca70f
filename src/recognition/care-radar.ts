import type { KnownBlock } from '@slack/types';
import { careRadarSection } from '#messages/care-radar-section.ts';
import { english, type Translator } from '#messages/i18n.ts';
import type { Clock } from '#src/clock.ts';
import type { HomeSection } from '#src/feature.ts';
import { cachedTranslator } from '#src/i18n/person-language.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { type CareRadarStore, createCareRadarStore } from './care-radar-store.ts';
import { createRecognitionStore, type RecognitionStore } from './recognition-store.ts';

/** How far back the radar looks by default. */
export const CARE_RADAR_WEEKS = 4;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface CareRadar {
  /** The manager's declared people, sorted. */
  team: string[];
  /**
   * Those of them with no recognition the manager could see (public, or private ones the manager
   * gave or shared) in the last `weeks` weeks.
   */
  overlooked: string[];
  weeks: number;
}

/**
 * Who on a manager's declared team has no recognition the manager could see (public, or private
 * ones they gave or shared) in the last `weeks` weeks. Reads the
 * manager's own list only, so a radar can only ever be computed for the person asking.
 */
export async function careRadar(
  stores: { radar: CareRadarStore; recognitions: RecognitionStore },
  teamId: string,
  managerId: string,
  now: Date,
  weeks = CARE_RADAR_WEEKS,
): Promise<CareRadar> {
  const team = await stores.radar.getTeam(teamId, managerId);
  const since = now.getTime() - weeks * WEEK_MS;
  // Only what the manager could see counts: a private thank-you between others stays private.
  const recognised = await stores.recognitions.recognisedSince(teamId, team, since, managerId);
  const overlooked = team.filter((person) => !recognised.has(person));
  return { team, overlooked, weeks };
}

export interface CareRadarService {
  radar(teamId: string, managerId: string, weeks?: number): Promise<CareRadar>;
  /** App Home: the "Recognize someone" entry point, and the manager's own radar if they named people. */
  homeSection: HomeSection;
  /** For the weekly nudge DM: the manager's radar blocks (in `tr`), or [] when there is nothing to show. */
  blocksForNudge(teamId: string, managerId: string, tr?: Translator): Promise<KnownBlock[]>;
}

export function createCareRadarService(deps: {
  redis: RedisClient;
  clock: Clock;
  /** The viewer's / recipient's language from their cached profile (absent: English). */
  languages?: Parameters<typeof cachedTranslator>[0];
}): CareRadarService {
  const stores = {
    radar: createCareRadarStore(deps.redis),
    recognitions: createRecognitionStore(deps.redis),
  };
  const radar = (teamId: string, managerId: string, weeks?: number) =>
    careRadar(stores, teamId, managerId, deps.clock.now(), weeks);
  const translatorFor = (teamId: string, userId: string): Promise<Translator> =>
    deps.languages
      ? cachedTranslator(deps.languages, teamId, userId).catch(() => english())
      : Promise.resolve(english());
  return {
    radar,
    async homeSection(teamId, userId) {
      const [result, tr] = await Promise.all([radar(teamId, userId), translatorFor(teamId, userId)]);
      return careRadarSection(result, { surface: 'home' }, tr);
    },
    async blocksForNudge(teamId, managerId, tr) {
      const result = await radar(teamId, managerId);
      if (result.overlooked.length === 0) return [];
      return careRadarSection(result, { surface: 'nudge' }, tr ?? (await translatorFor(teamId, managerId)));
    },
  };
}

/**
 * For the weekly nudge DM (issue 4): the manager's care radar as blocks, or [] when nobody on
 * their declared team is overlooked (or they declared nobody). Pass the background Redis and the
 * app clock: `careRadarBlocksForNudge(deps, teamId, managerId)`.
 */
export function careRadarBlocksForNudge(
  deps: { redis: RedisClient; clock: Clock },
  teamId: string,
  managerId: string,
): Promise<KnownBlock[]> {
  return createCareRadarService(deps).blocksForNudge(teamId, managerId);
}
