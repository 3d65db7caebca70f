import { Redis } from 'ioredis';
import { loadConfig } from '#src/config.ts';
import { redisOptionsFor } from '#src/redis-connections.ts';
import { migrateToHashTaggedKeys } from './hash-tag-key-layout.ts';

/**
 * `npm run migrate:key-layout`: moves an earlier install's keys to the hash-tagged layout (see
 * hash-tag-key-layout.ts). Reads the same environment as `npm start`.
 */
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  for (const problem of loaded.problems) console.error(`Configuration error: ${problem}`);
  process.exit(1);
}
const { redisUrl, redisTopology } = loaded.config;
if (redisTopology.kind === 'cluster') {
  console.error('Nothing to migrate: earlier versions never ran on Redis Cluster.');
  process.exit(1);
}
const redis = new Redis(redisOptionsFor(redisUrl, redisTopology));
try {
  const { renamed, clashes } = await migrateToHashTaggedKeys(redis);
  console.log(`Moved ${renamed} keys to the hash-tagged layout.`);
  if (clashes.length > 0) {
    console.error(
      `${clashes.length} keys were left because their new name exists already, e.g. ${clashes[0]}`,
    );
    process.exitCode = 2;
  }
} finally {
  redis.disconnect();
}
