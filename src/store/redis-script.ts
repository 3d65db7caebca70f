import { createHash } from 'node:crypto';
import type { RedisClient } from '#src/redis-connections.ts';

/**
 * A Lua script run by its SHA1 (EVALSHA: a few bytes a call instead of the whole text), loaded
 * with EVAL the first time a server does not know it (NOSCRIPT: a new or restarted Redis).
 */
export function redisScript(body: string) {
  const sha = createHash('sha1').update(body).digest('hex');
  return async (redis: RedisClient, keyList: string[], args: string[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, keyList.length, ...keyList, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return redis.eval(body, keyList.length, ...keyList, ...args);
    }
  };
}
