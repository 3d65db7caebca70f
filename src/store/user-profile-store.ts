import type { WebClient } from '@slack/web-api';
import { Cluster, type Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { keys } from './keys.ts';
import { redisScript } from './redis-script.ts';

/**
 * What Throughline remembers from a person's Slack profile: their time zone (`users.info` `tz`, IANA)
 * and locale (`users.info` with `include_locale`, e.g. `de-AT`), plus the language they chose with
 * `/reflect language` (absent = follow Slack). Cached under the person's key root so export and
 * forget cover it.
 *
 * `getProfile` answers from the cache while it is younger than a day; an older entry is refreshed
 * from Slack, and kept if Slack does not answer. With no entry at all and no answer from Slack the
 * zone falls back to UTC (and the locale to unknown) without caching that guess, so the next call
 * asks Slack again.
 */
export const TIME_ZONE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const FALLBACK_TIME_ZONE = 'UTC';
/**
 * A profile nobody used for this long is deleted by Redis. Every use refreshes it at least daily
 * (getTimeZone) and each nudge weekly, so only people who stopped using the bot lose theirs; the
 * next use asks Slack again.
 */
export const PROFILE_TTL_SECONDS = 30 * 24 * 60 * 60;
/**
 * How long a workspace's common language is remembered (UserProfileStore.commonLanguage). Working it
 * out from every person's entry cost 0.67 ms of CPU per channel post at 1,000 people and 13 ms plus
 * 5.4 ms of Redis at 20,000 (HVALS and parsing); the remembered one, a GET, 0.03–0.05 ms
 * (`npm run bench:common-language`). Any change to an entry forgets it sooner.
 */
export const COMMON_LANGUAGE_SECONDS = 10 * 60;

// The profile writes are Lua scripts: each is one command, so on the auto-pipelined background
// connection it shares a write with the nudge's other commands (a MULTI is always a write of its own),
// and its reads and writes are one atomic step.

// KEYS[1] profile. ARGV: tz, now (epoch ms), TTL seconds, '1' = only if the person already has a
// profile (someone who used the bot). Returns 1 if it wrote.
const SET_ZONE = `
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'tz', ARGV[1], 'tzCheckedAt', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

// tally(language): notes the language the person reads (their choice, else Slack's locale) in the
// workspace's tally (KEYS[2], field ARGV[1] = the person, value 'language|now'), and forgets the
// workspace's remembered common language (KEYS[3]) when the person's language changed.
// ARGV[1] person, ARGV[2] now (epoch ms), ARGV[3] TTL seconds.
const TALLY = `
local function tally(language)
  local previous = redis.call('HGET', KEYS[2], ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], language .. '|' .. ARGV[2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  if not previous or string.match(previous, '^[^|]*') ~= language then redis.call('DEL', KEYS[3]) end
end
`;

// KEYS: profile, the workspace's tally, its common language. ARGV: person, now, TTL, tz, Slack's
// locale ('' = Slack has none: the cache is still complete). The person reads their chosen language,
// else the locale.
const CACHE_SLACK_ANSWER = `${TALLY}
redis.call('HSET', KEYS[1], 'tz', ARGV[4], 'tzCheckedAt', ARGV[2], 'locale', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[3])
local reads = redis.call('HGET', KEYS[1], 'language')
if not reads or reads == '' then reads = ARGV[5] end
if reads ~= '' then tally(reads) end
`;

// KEYS: profile, tally, common language. ARGV: person, now, TTL, the chosen language ('' = follow
// Slack: the cached locale, if any, is what the person reads). A choice alone keeps the profile
// too: it expires with it unless the person uses the bot.
const SET_LANGUAGE_CHOICE = `${TALLY}
if ARGV[4] == '' then
  redis.call('HDEL', KEYS[1], 'language')
  local locale = redis.call('HGET', KEYS[1], 'locale')
  if locale and locale ~= '' then
    tally(locale)
  else
    redis.call('HDEL', KEYS[2], ARGV[1])
    redis.call('DEL', KEYS[3])
  end
else
  redis.call('HSET', KEYS[1], 'language', ARGV[4])
  tally(ARGV[4])
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
`;

const setZoneScript = redisScript(SET_ZONE);
const cacheSlackAnswerScript = redisScript(CACHE_SLACK_ANSWER);
const setLanguageChoiceScript = redisScript(SET_LANGUAGE_CHOICE);

export interface CachedTimeZone {
  tz: string;
  /** When Slack last confirmed it (epoch ms). */
  checkedAt: number;
}

/** A person's profile as the features use it. */
export interface PersonProfile {
  timeZone: string;
  /** Slack's locale for the person (`de-AT`, `ja-JP`); undefined while Slack has not told us. */
  slackLocale?: string;
  /** The language the person chose with `/reflect language`; undefined = follow Slack. */
  languageChoice?: string;
}

export interface GetTimeZoneOptions {
  /** Give up on Slack after this long and use the cache or UTC (listeners racing a trigger_id). */
  timeoutMs?: number;
  /** false: ask Slack without writing the cache (e.g. right after the person was forgotten). */
  cache?: boolean;
}

export interface UserProfileStore {
  /** Time zone, Slack locale and language choice (cached; refreshed from users.info when older than a day). */
  getProfile(
    client: WebClient,
    teamId: string,
    userId: string,
    options?: GetTimeZoneOptions,
  ): Promise<PersonProfile>;
  /** The cached profile, without asking Slack (background jobs that already refreshed the zone). */
  cachedProfile(teamId: string, userId: string): Promise<Partial<PersonProfile>>;
  /** Records `/reflect language xx` (a supported language the caller checked), or `undefined` for auto. */
  setLanguageChoice(teamId: string, userId: string, language: string | undefined): Promise<void>;
  /**
   * The language (chosen, else Slack's locale) of each person Throughline saw in the last
   * PROFILE_TTL_SECONDS, for a channel's default language.
   */
  workspaceLocales(teamId: string): Promise<string[]>;
  /**
   * The workspace's common language: `pick` over workspaceLocales, remembered for
   * COMMON_LANGUAGE_SECONDS and forgotten as soon as anyone's entry changes language, comes or goes.
   */
  commonLanguage(teamId: string, pick: (locales: readonly string[]) => string): Promise<string>;
  /** The person's IANA time zone (cached; refreshed from users.info when older than a day). */
  getTimeZone(
    client: WebClient,
    teamId: string,
    userId: string,
    options?: GetTimeZoneOptions,
  ): Promise<string>;
  /** The cached entry, without asking Slack. */
  cachedTimeZone(teamId: string, userId: string): Promise<CachedTimeZone | undefined>;
  /** Records a zone the person's own use of the bot learned. Invalid zones are ignored. */
  setTimeZone(teamId: string, userId: string, tz: string): Promise<void>;
  /**
   * Records what a users.info with `include_locale` made elsewhere said (the nudge send path), as
   * getProfile caches its own answer. An invalid zone is ignored; an unreadable locale is stored as none.
   */
  rememberSlackProfile(
    teamId: string,
    userId: string,
    answer: { tz: string; locale?: string },
  ): Promise<void>;
  /**
   * Records a zone Slack announced (`user_change`, sent for every member, Slack Connect people
   * included) only for someone Throughline already knows; true if it did.
   */
  updateTimeZoneIfKnown(teamId: string, userId: string, tz: string): Promise<boolean>;
  /**
   * Gives every profile stored before profiles expired (by any `user_change`, for members who never
   * used the bot too) an expiry of PROFILE_TTL_SECONDS after it was last checked. A SCAN of the
   * keyspace that writes only to profiles without an expiry; returns how many it changed.
   */
  expireOldProfiles(): Promise<number>;
  /** The profile section of `/reflect export` and `/reflect forget`. */
  personalData: PersonalDataSource;
}

export function createUserProfileStore(deps: {
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
}): UserProfileStore {
  const { redis, clock, logger } = deps;

  async function cachedTimeZone(teamId: string, userId: string): Promise<CachedTimeZone | undefined> {
    return cachedZoneOf(await redis.hgetall(keys.userProfile(teamId, userId)));
  }

  /** KEYS and the leading ARGV (person, now, TTL) of the scripts that touch the language tally. */
  function tallyArgs(teamId: string, userId: string): [string[], string[]] {
    return [
      [keys.userProfile(teamId, userId), keys.workspaceLocales(teamId), keys.workspaceLanguage(teamId)],
      [userId, String(clock.now().getTime()), String(PROFILE_TTL_SECONDS)],
    ];
  }

  async function setZone(teamId: string, userId: string, tz: string, onlyIfKnown: boolean): Promise<boolean> {
    const written = await setZoneScript(
      redis,
      [keys.userProfile(teamId, userId)],
      [tz, String(clock.now().getTime()), String(PROFILE_TTL_SECONDS), onlyIfKnown ? '1' : '0'],
    );
    return written === 1;
  }

  async function setTimeZone(teamId: string, userId: string, tz: string): Promise<void> {
    if (isValidTimeZone(tz)) await setZone(teamId, userId, tz, false);
  }

  /** Caches what Slack said; `locale` '' means Slack had none, so the cache is still complete. */
  async function cacheSlackAnswer(teamId: string, userId: string, answer: SlackAnswer): Promise<void> {
    const [keyList, args] = tallyArgs(teamId, userId);
    await cacheSlackAnswerScript(redis, keyList, [...args, answer.tz, answer.locale ?? '']);
  }

  async function updateTimeZoneIfKnown(teamId: string, userId: string, tz: string): Promise<boolean> {
    return isValidTimeZone(tz) && setZone(teamId, userId, tz, true);
  }

  async function askSlack(
    client: WebClient,
    teamId: string,
    userId: string,
    timeoutMs: number | undefined,
    cache: boolean,
  ): Promise<SlackAnswer | undefined> {
    const lookup = client.users
      .info({ user: userId, include_locale: true })
      .then((result): SlackAnswer | undefined => {
        const tz = result.user?.tz;
        if (typeof tz !== 'string' || !isValidTimeZone(tz)) return undefined;
        const locale = result.user?.locale;
        return { tz, locale: typeof locale === 'string' && SLACK_LOCALE.test(locale) ? locale : undefined };
      });
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer =
        timeoutMs === undefined
          ? await lookup
          : await Promise.race([
              lookup,
              new Promise<undefined>((resolve) => {
                timer = setTimeout(() => resolve(undefined), timeoutMs);
              }),
            ]);
      if (answer && cache) await cacheSlackAnswer(teamId, userId, answer);
      return answer;
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), teamId },
        'users.info failed; using cached or default time zone',
      );
      return undefined;
    } finally {
      clearTimeout(timer);
      lookup.catch(() => undefined);
    }
  }

  async function expireOldProfiles(): Promise<number> {
    let changed = 0;
    const servers: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
    for (const server of servers) {
      let cursor = '0';
      do {
        const [next, found] = await server.scan(cursor, 'MATCH', 'tl:{*}:user:*:profile', 'COUNT', 1000);
        cursor = next;
        // One round trip per batch: the TTLs together (on a cluster the client splits them by node).
        const ttls = await Promise.all(found.map((key) => redis.ttl(key)));
        for (const [index, key] of found.entries()) {
          if (ttls[index] !== -1) continue;
          const checkedAt = Number(await redis.hget(key, 'tzCheckedAt'));
          const from = Number.isFinite(checkedAt) ? checkedAt : clock.now().getTime();
          // A past time deletes the key at once, as Redis documents for PEXPIREAT.
          await redis.pexpireat(key, from + PROFILE_TTL_SECONDS * 1000);
          changed += 1;
        }
      } while (cursor !== '0');
    }
    return changed;
  }

  async function getProfile(
    client: WebClient,
    teamId: string,
    userId: string,
    options: GetTimeZoneOptions = {},
  ): Promise<PersonProfile> {
    const entry = await redis.hgetall(keys.userProfile(teamId, userId));
    const cached = cachedZoneOf(entry);
    const languageChoice = entry.language || undefined;
    // A profile cached before locales were kept has no `locale` field: refresh it once.
    const complete = entry.locale !== undefined;
    if (cached && complete && clock.now().getTime() - cached.checkedAt < TIME_ZONE_MAX_AGE_MS) {
      return { timeZone: cached.tz, slackLocale: entry.locale || undefined, languageChoice };
    }
    const fresh = await askSlack(client, teamId, userId, options.timeoutMs, options.cache ?? true);
    return {
      timeZone: fresh?.tz ?? cached?.tz ?? FALLBACK_TIME_ZONE,
      slackLocale: fresh ? fresh.locale : entry.locale || undefined,
      languageChoice,
    };
  }

  async function workspaceLocales(teamId: string): Promise<string[]> {
    const key = keys.workspaceLocales(teamId);
    const oldest = clock.now().getTime() - PROFILE_TTL_SECONDS * 1000;
    const isCurrent = (value: string) => {
      const [language = '', seenAt] = value.split('|');
      return Number(seenAt) >= oldest && language !== '' ? language : undefined;
    };
    // Values only (`language|seenAt`, one per person): every channel post reads this, and the
    // person ids are needed only when some entries are stale and must go.
    const current: string[] = [];
    let anyStale = false;
    for (const value of await redis.hvals(key)) {
      const language = isCurrent(value);
      if (language === undefined) anyStale = true;
      else current.push(language);
    }
    if (anyStale) {
      const entries = await redis.hgetall(key);
      const stale = Object.keys(entries).filter((userId) => isCurrent(entries[userId] ?? '') === undefined);
      if (stale.length > 0) await redis.hdel(key, ...stale);
    }
    return current;
  }

  return {
    getProfile,
    cachedTimeZone,
    workspaceLocales,
    setTimeZone,
    async rememberSlackProfile(teamId, userId, answer) {
      if (!isValidTimeZone(answer.tz)) return;
      const locale =
        answer.locale !== undefined && SLACK_LOCALE.test(answer.locale) ? answer.locale : undefined;
      await cacheSlackAnswer(teamId, userId, { tz: answer.tz, locale });
    },
    updateTimeZoneIfKnown,
    expireOldProfiles,
    async getTimeZone(client, teamId, userId, options = {}) {
      return (await getProfile(client, teamId, userId, options)).timeZone;
    },
    async cachedProfile(teamId, userId) {
      const entry = await redis.hgetall(keys.userProfile(teamId, userId));
      return {
        ...(cachedZoneOf(entry) ? { timeZone: entry.tz } : {}),
        ...(entry.locale ? { slackLocale: entry.locale } : {}),
        ...(entry.language ? { languageChoice: entry.language } : {}),
      };
    },
    async setLanguageChoice(teamId, userId, language) {
      const [keyList, args] = tallyArgs(teamId, userId);
      await setLanguageChoiceScript(redis, keyList, [...args, language ?? '']);
    },
    async commonLanguage(teamId, pick) {
      const key = keys.workspaceLanguage(teamId);
      const remembered = await redis.get(key);
      if (remembered) return remembered;
      const language = pick(await workspaceLocales(teamId));
      // A change landing between the read above and this write is forgotten within the expiry.
      await redis.set(key, language, 'EX', COMMON_LANGUAGE_SECONDS);
      return language;
    },
    personalData: {
      name: 'profile',
      async export(teamId, userId) {
        const entry = await redis.hgetall(keys.userProfile(teamId, userId));
        if (Object.keys(entry).length === 0) return null;
        const { tz, tzCheckedAt, locale, language, ...other } = entry;
        const checkedAt = Number(tzCheckedAt);
        return {
          timeZone: tz ?? null,
          timeZoneCheckedAt: Number.isFinite(checkedAt) ? new Date(checkedAt).toISOString() : null,
          slackLocale: locale || null,
          language: language || 'auto',
          // Anything another feature keeps in the same hash is exported as stored.
          ...(Object.keys(other).length > 0 ? { other } : {}),
        };
      },
      async erase(teamId, userId) {
        await redis.del(keys.userProfile(teamId, userId));
        await redis
          .multi()
          .hdel(keys.workspaceLocales(teamId), userId)
          .del(keys.workspaceLanguage(teamId))
          .exec();
      },
    },
  };
}

interface SlackAnswer {
  tz: string;
  locale: string | undefined;
}

// Slack's locales are BCP 47 tags such as en-US, de-DE, pt-BR, es-LA, ja-JP.
const SLACK_LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

function cachedZoneOf(entry: Record<string, string>): CachedTimeZone | undefined {
  const checkedAt = Number(entry.tzCheckedAt);
  if (!entry.tz || !isValidTimeZone(entry.tz) || !Number.isFinite(checkedAt)) return undefined;
  return { tz: entry.tz, checkedAt };
}
