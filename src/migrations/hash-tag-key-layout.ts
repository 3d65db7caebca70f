import type { Redis } from 'ioredis';
import { QUEUE_PREFIX } from '#src/store/keys.ts';

/**
 * One-off move from the first key layout to the hash-tagged one that Redis Cluster needs:
 * - `tl:T123:…` → `tl:{T123}:…` (every key of a workspace; see src/store/keys.ts);
 * - `tlq:…` (BullMQ queues) → `{tlq}:…` (BullMQ builds every key from prefix, queue and id, so
 *   renamed queues and their jobs, delayed ones included, carry on as they were).
 * Keys without a workspace (`tl:installations`, `tl:nudge-teams`, `tl:oauth-state:…`) keep their
 * names. RENAMENX never overwrites a key the new version already wrote; such a clash is counted
 * and the old key left in place for an operator to look at.
 *
 * Run it once, on the single Redis (or Sentinel primary) the earlier version used, with every
 * Throughline process stopped: `npm run migrate:key-layout`. Running it again moves nothing.
 */
export interface MigrationResult {
  renamed: number;
  /** Old keys whose new name already existed; left untouched. */
  clashes: string[];
}

const OLD_QUEUE_PREFIX = 'tlq';
const UNTAGGED_GLOBALS = new Set(['installations', 'nudge-teams', 'oauth-state', 'field-encryption-since']);

/** The hash-tagged name of a first-layout key, or undefined when the key keeps its name. */
export function hashTaggedName(key: string): string | undefined {
  if (key.startsWith(`${OLD_QUEUE_PREFIX}:`)) return `${QUEUE_PREFIX}${key.slice(OLD_QUEUE_PREFIX.length)}`;
  const match = /^tl:([A-Za-z0-9_-]{1,64})(:.*)?$/.exec(key);
  if (!match) return undefined; // already tagged (`tl:{…}`), or not ours
  const [, first = '', rest = ''] = match;
  if (UNTAGGED_GLOBALS.has(first)) return undefined;
  return `tl:{${first}}${rest}`;
}

export async function migrateToHashTaggedKeys(redis: Redis): Promise<MigrationResult> {
  const result: MigrationResult = { renamed: 0, clashes: [] };
  for (const pattern of ['tl:*', `${OLD_QUEUE_PREFIX}:*`]) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const key of found) {
        const target = hashTaggedName(key);
        if (target === undefined) continue;
        // A renamed key may be met again by the same SCAN; its new name is tagged, so it is skipped.
        const moved = await redis.renamenx(key, target).catch((error: unknown) => {
          // Gone since SCAN saw it (expired, or another run moved it): nothing to do.
          if (error instanceof Error && /no such key/i.test(error.message)) return undefined;
          throw error;
        });
        if (moved === 1) result.renamed += 1;
        else if (moved === 0) result.clashes.push(key);
      }
    } while (cursor !== '0');
  }
  return result;
}
