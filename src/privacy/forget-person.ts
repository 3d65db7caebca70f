import { Cluster, type Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';
import type { PersonalDataSource } from '../store/personal-data.ts';

export interface ForgetResult {
  /** Sources whose erase failed (the person is asked to try again). */
  failed: string[];
  /** Keys still under the person's root after every source ran, now deleted. */
  leftoverKeys: number;
}

/**
 * Deletes everything about one person: each feature erases its own data (and pending jobs), then
 * every key left under the person's key root is deleted, so nothing of theirs stays in Redis even
 * if a feature forgot a key. Idempotent: running it again on a forgotten person changes nothing.
 */
export async function forgetPerson(
  deps: { personalData: readonly PersonalDataSource[]; redis: RedisClient; logger: Logger },
  teamId: string,
  userId: string,
): Promise<ForgetResult> {
  const results = await Promise.allSettled(deps.personalData.map((source) => source.erase(teamId, userId)));
  const failed: string[] = [];
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      const name = deps.personalData[index]?.name ?? `source-${index}`;
      failed.push(name);
      deps.logger.error(
        {
          teamId,
          source: name,
          err: result.reason instanceof Error ? result.reason.message : String(result.reason),
        },
        'forget: a feature could not erase its data',
      );
    }
  });
  const leftoverKeys = await deleteUnderUserRoot(deps.redis, teamId, userId);
  if (leftoverKeys > 0) deps.logger.warn({ teamId, leftoverKeys }, 'forget: deleted keys no feature erased');
  return { failed, leftoverKeys };
}

/** SCAN + UNLINK of `userRoot` itself and everything under `userRoot:`. Returns how many were deleted. */
export async function deleteUnderUserRoot(
  redis: RedisClient,
  teamId: string,
  userId: string,
): Promise<number> {
  const root = keys.userRoot(teamId, userId);
  let deleted = await redis.unlink(root);
  // SCAN walks one server: on a cluster, every primary (the person's keys share the workspace's
  // hash tag, so one of them holds them all, but which one changes when slots move).
  const servers: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  for (const server of servers) {
    let cursor = '0';
    do {
      // Key parts are [A-Za-z0-9_-] and the hash-tag braces are not glob characters, so the root
      // matches only itself.
      const [next, found] = await server.scan(cursor, 'MATCH', `${root}:*`, 'COUNT', 1000);
      cursor = next;
      // Through `redis`, not `server`: the cluster client sends the keys to whoever owns them now.
      if (found.length > 0) deleted += await redis.unlink(...found);
    } while (cursor !== '0');
  }
  return deleted;
}
