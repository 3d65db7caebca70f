import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '#src/redis-connections.ts';

/**
 * What a production Redis must have for Throughline not to lose data: `noeviction` (any other
 * policy may silently drop queued jobs and reflections under memory pressure) and persistence
 * (AOF, or at least RDB snapshots), else a restart loses everything. Returns one warning per
 * problem; an empty list means the settings are sound. Read from INFO, which managed Redis
 * services allow even where CONFIG is disabled.
 */
export function productionWarnings(info: string, saveRules: string | undefined): string[] {
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  const warnings: string[] = [];
  const policy = field('maxmemory_policy');
  if (policy !== undefined && policy !== 'noeviction') {
    warnings.push(
      `Redis maxmemory-policy is "${policy}"; set it to "noeviction", or Redis may evict queued nudges and reflections under memory pressure`,
    );
  }
  const aof = field('aof_enabled') === '1';
  const snapshots = saveRules !== undefined && saveRules.trim() !== '';
  if (!aof && !snapshots && field('aof_enabled') !== undefined) {
    warnings.push(
      'Redis persistence is off (appendonly no and no save rules); a Redis restart would lose every reflection, schedule and queued job. Set appendonly yes',
    );
  }
  return warnings;
}

export async function checkRedisForProduction(redis: RedisClient): Promise<string[]> {
  // On a cluster every primary holds part of the data, so each one is checked.
  const servers: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const warnings = new Set<string>();
  for (const server of servers) {
    for (const warning of await checkOneServer(server)) warnings.add(warning);
  }
  return [...warnings];
}

async function checkOneServer(redis: Redis): Promise<string[]> {
  const info = await redis.info();
  let saveRules: string | undefined;
  try {
    const reply = (await redis.config('GET', 'save')) as string[];
    saveRules = reply[1];
  } catch {
    // CONFIG is disabled on some managed services; they persist by default, so do not warn.
    saveRules = 'managed';
  }
  return productionWarnings(info, saveRules);
}
