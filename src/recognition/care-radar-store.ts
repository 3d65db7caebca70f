import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

/** Most people one manager may name for their care radar. */
export const MAX_TEAM_SIZE = 200;

/**
 * The people each manager named with `/reflect team` (a set under the manager's user root), plus
 * a reverse index under each person's root so forgetting either side leaves nothing behind.
 * Only the manager ever reads their own list.
 */
export interface CareRadarStore {
  /** Replaces the manager's list; returns the list as stored (sorted). */
  setTeam(teamId: string, managerId: string, people: readonly string[]): Promise<string[]>;
  getTeam(teamId: string, managerId: string): Promise<string[]>;
  clearTeam(teamId: string, managerId: string): Promise<void>;
  /** Removes the person's own list and removes them from every other manager's list. */
  erasePerson(teamId: string, userId: string): Promise<void>;
}

export function createCareRadarStore(redis: RedisClient): CareRadarStore {
  async function getTeam(teamId: string, managerId: string): Promise<string[]> {
    return (await redis.smembers(keys.careRadarTeam(teamId, managerId))).sort();
  }

  async function clearTeam(teamId: string, managerId: string): Promise<void> {
    const current = await getTeam(teamId, managerId);
    const multi = redis.multi().del(keys.careRadarTeam(teamId, managerId));
    for (const person of current) multi.srem(keys.careRadarDeclaredBy(teamId, person), managerId);
    await multi.exec();
  }

  return {
    getTeam,
    clearTeam,
    async setTeam(teamId, managerId, people) {
      const next = [...new Set(people)].filter((id) => id !== managerId).slice(0, MAX_TEAM_SIZE);
      const current = await getTeam(teamId, managerId);
      const multi = redis.multi().del(keys.careRadarTeam(teamId, managerId));
      if (next.length > 0) multi.sadd(keys.careRadarTeam(teamId, managerId), ...next);
      for (const person of current) {
        if (!next.includes(person)) multi.srem(keys.careRadarDeclaredBy(teamId, person), managerId);
      }
      for (const person of next) multi.sadd(keys.careRadarDeclaredBy(teamId, person), managerId);
      await multi.exec();
      return next.sort();
    },
    async erasePerson(teamId, userId) {
      await clearTeam(teamId, userId);
      const managers = await redis.smembers(keys.careRadarDeclaredBy(teamId, userId));
      const multi = redis.multi().del(keys.careRadarDeclaredBy(teamId, userId));
      for (const manager of managers) multi.srem(keys.careRadarTeam(teamId, manager), userId);
      await multi.exec();
    },
  };
}
