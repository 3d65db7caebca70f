import type { WebClient } from '@slack/web-api';
import { Cluster, type Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { keys } from './keys.ts';

/**
 * What Throughline remembers from a person's Slack profile: only their time zone (`users.info`
 * `tz`, IANA), cached under the person's key root so export and forget cover it.
 *
 * `getTimeZone` answers from the cache while it is younger than a day; an older entry is refreshed
 * from Slack, and kept if Slack does not answer. With no entry at all and no answer from Slack it
 * falls back to UTC without caching that guess, so the next call asks Slack again.
 */
export const TIME_ZONE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const FALLBACK_TIME_ZONE = 'UTC';
/**
 * A profile nobody used for this long is deleted by Redis. Every use refreshes it at least daily
 * (getTimeZone) and each nudge weekly, so only people who stopped using the bot lose theirs; the
 * next use asks Slack again.
 */
export const PROFILE_TTL_SECONDS = 30 * 24 * 60 * 60;

// Updates the zone only if the person already has a profile (someone who used the bot).
const UPDATE_IF_KNOWN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'tz', ARGV[1], 'tzCheckedAt', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

export interface CachedTimeZone {
  tz: string;
  /** When Slack last confirmed it (epoch ms). */
  checkedAt: number;
}

export interface GetTimeZoneOptions {
  /** Give up on Slack after this long and use the cache or UTC (listeners racing a trigger_id). */
  timeoutMs?: number;
  /** false: ask Slack without writing the cache (e.g. right after the person was forgotten). */
  cache?: boolean;
}

export interface UserProfileStore {
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
    const entry = await redis.hgetall(keys.userProfile(teamId, userId));
    const checkedAt = Number(entry.tzCheckedAt);
    if (!entry.tz || !isValidTimeZone(entry.tz) || !Number.isFinite(checkedAt)) return undefined;
    return { tz: entry.tz, checkedAt };
  }

  async function setTimeZone(teamId: string, userId: string, tz: string): Promise<void> {
    if (!isValidTimeZone(tz)) return;
    const key = keys.userProfile(teamId, userId);
    await redis
      .multi()
      .hset(key, { tz, tzCheckedAt: String(clock.now().getTime()) })
      .expire(key, PROFILE_TTL_SECONDS)
      .exec();
  }

  async function updateTimeZoneIfKnown(teamId: string, userId: string, tz: string): Promise<boolean> {
    if (!isValidTimeZone(tz)) return false;
    const updated = await redis.eval(
      UPDATE_IF_KNOWN,
      1,
      keys.userProfile(teamId, userId),
      tz,
      String(clock.now().getTime()),
      PROFILE_TTL_SECONDS,
    );
    return updated === 1;
  }

  async function askSlack(
    client: WebClient,
    teamId: string,
    userId: string,
    timeoutMs: number | undefined,
    cache: boolean,
  ): Promise<string | undefined> {
    const lookup = client.users.info({ user: userId }).then((result) => {
      const tz = result.user?.tz;
      return typeof tz === 'string' && isValidTimeZone(tz) ? tz : undefined;
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
      if (answer && cache) await setTimeZone(teamId, userId, answer);
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

  return {
    cachedTimeZone,
    setTimeZone,
    updateTimeZoneIfKnown,
    expireOldProfiles,
    async getTimeZone(client, teamId, userId, options = {}) {
      const cached = await cachedTimeZone(teamId, userId);
      if (cached && clock.now().getTime() - cached.checkedAt < TIME_ZONE_MAX_AGE_MS) return cached.tz;
      const fresh = await askSlack(client, teamId, userId, options.timeoutMs, options.cache ?? true);
      return fresh ?? cached?.tz ?? FALLBACK_TIME_ZONE;
    },
    personalData: {
      name: 'profile',
      async export(teamId, userId) {
        const entry = await redis.hgetall(keys.userProfile(teamId, userId));
        if (Object.keys(entry).length === 0) return null;
        const { tz, tzCheckedAt, ...other } = entry;
        const checkedAt = Number(tzCheckedAt);
        return {
          timeZone: tz ?? null,
          timeZoneCheckedAt: Number.isFinite(checkedAt) ? new Date(checkedAt).toISOString() : null,
          // Anything another feature keeps in the same hash is exported as stored.
          ...(Object.keys(other).length > 0 ? { other } : {}),
        };
      },
      async erase(teamId, userId) {
        await redis.del(keys.userProfile(teamId, userId));
      },
    },
  };
}
