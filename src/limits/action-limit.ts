import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

export interface ActionLimit {
  /** How many actions one person may take in a window. */
  max: number;
  windowSeconds: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-person abuse limits (e.g. `/recognize` posts, `/reflect invite`), counted in fixed windows
 * aligned to the injected clock: one INCR per action, the key expiring with its window.
 */
export function createActionLimiter(redis: RedisClient, clock: Clock) {
  return {
    async consume(
      teamId: string,
      userId: string,
      action: string,
      limit: ActionLimit,
    ): Promise<LimitDecision> {
      const nowSeconds = Math.floor(clock.now().getTime() / 1000);
      const window = Math.floor(nowSeconds / limit.windowSeconds);
      const key = keys.actionCount(teamId, userId, action, window);
      const [[, count]] = (await redis
        .multi()
        .incr(key)
        .expire(key, limit.windowSeconds + 60)
        .exec()) as [[Error | null, number], [Error | null, number]];
      if (count <= limit.max) return { allowed: true };
      return { allowed: false, retryAfterSeconds: (window + 1) * limit.windowSeconds - nowSeconds };
    },
    /** Gives back one action of the current window (the action had no effect). Never below zero. */
    async release(teamId: string, userId: string, action: string, limit: ActionLimit): Promise<void> {
      const nowSeconds = Math.floor(clock.now().getTime() / 1000);
      const key = keys.actionCount(teamId, userId, action, Math.floor(nowSeconds / limit.windowSeconds));
      const left = await redis.decr(key);
      if (left < 0) await redis.del(key);
    },
  };
}

export type ActionLimiter = ReturnType<typeof createActionLimiter>;
