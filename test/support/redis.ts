import { Redis } from 'ioredis';
import { inject } from 'vitest';

/**
 * Each vitest worker gets its own Redis database on the private server, so files running in
 * parallel never see each other's keys and a test may flush its database freely.
 */
export function testRedisUrl(): string {
  const poolId = Number(process.env.VITEST_POOL_ID ?? '1');
  return `${inject('redisBaseUrl')}/${poolId % 16}`;
}

export async function flushTestRedis(): Promise<void> {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
