import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { buildAppHome, HOME_RECENT_COUNT } from '#messages/app-home.ts';
import type { Translator } from '#messages/i18n.ts';
import { weeksBetween } from '#src/schedule/iso-week.ts';
import { dimensionBalance } from './dimension-balance.ts';
import { renderHomeSections } from './home-sections.ts';
import { personWeek } from './person-week.ts';
import type { ReflectDeps } from './reflect-deps.ts';
import { reflectionStreak } from './streak.ts';

export const BALANCE_WEEKS = 12;

export interface HomeOptions {
  /**
   * Draw without writing anything (no time-zone cache, no extra sections): used right after the
   * person was forgotten, so redrawing their Home does not recreate a key of theirs.
   */
  readOnly?: boolean;
  /**
   * The language to draw in (the acting person's, from the request). Without it, the person's own
   * language from their profile: their choice, else Slack's locale (cached for a day).
   */
  tr?: Translator;
}

/**
 * Draws the App Home of `userId` from their own data only. The caller publishes it to that same
 * person (`views.publish` with `user_id` = the viewer), so nobody's Home ever shows another
 * person's reflections.
 */
export async function buildHomeView(
  deps: ReflectDeps,
  client: WebClient,
  teamId: string,
  userId: string,
  options: HomeOptions = {},
): Promise<HomeView> {
  const { weekKey, language } = await personWeek(deps, client, teamId, userId, {
    cache: !options.readOnly,
  });
  const tr = options.tr ?? deps.translations.for(language);
  const [weeks, history, recent, last, paused, extras] = await Promise.all([
    deps.reflections.reflectedWeeks(teamId, userId),
    deps.reflections.promptHistory(teamId, userId, weekKey, BALANCE_WEEKS),
    deps.reflections.listRecent(teamId, userId, HOME_RECENT_COUNT),
    deps.reflections.lastIntention(teamId, userId, weekKey),
    deps.pausedWeeks(teamId, userId).catch(() => []),
    options.readOnly
      ? Promise.resolve([])
      : renderHomeSections(deps.homeSections, teamId, userId, deps.logger),
  ]);
  return buildAppHome(
    {
      weekKey,
      reflectedThisWeek: weeks.includes(weekKey),
      streak: reflectionStreak({ reflectedWeeks: weeks, pausedWeeks: paused, currentWeekKey: weekKey }),
      balance: dimensionBalance(history, weekKey, BALANCE_WEEKS),
      balanceWeeks: BALANCE_WEEKS,
      totalWeeks: weeks.length,
      recent,
      ...(last ? { lastIntention: { text: last.text, weeksAgo: weeksBetween(last.weekKey, weekKey) } } : {}),
    },
    extras,
    tr,
  );
}

/** Builds and publishes the person's Home. */
export async function publishHome(
  deps: ReflectDeps,
  client: WebClient,
  teamId: string,
  userId: string,
  options: HomeOptions = {},
): Promise<void> {
  const view = await buildHomeView(deps, client, teamId, userId, options);
  await client.views.publish({ user_id: userId, view });
}
