import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-123-456-abc',
  SLACK_SIGNING_SECRET: 'secret',
  REDIS_URL: 'redis://:pw@127.0.0.1:6379',
};

describe('Redis topology from the environment', () => {
  it('is one server by default', () => {
    const loaded = loadConfig(base);
    expect(loaded.ok && loaded.config.redisTopology).toEqual({ kind: 'single' });
  });

  it('reads REDIS_CLUSTER_NODES as host:port seeds (default port 6379)', () => {
    const loaded = loadConfig({ ...base, REDIS_CLUSTER_NODES: 'redis-a:7000, redis-b:7001,10.0.0.3:6379' });
    expect(loaded.ok && loaded.config.redisTopology).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'redis-a', port: 7000 },
        { host: 'redis-b', port: 7001 },
        { host: '10.0.0.3', port: 6379 },
      ],
    });
  });

  it.each([
    [
      'a malformed node list',
      { REDIS_CLUSTER_NODES: 'redis-a' },
      'REDIS_CLUSTER_NODES must be a comma list of host:port',
    ],
    [
      'Cluster and Sentinel together',
      { REDIS_CLUSTER_NODES: 'a:7000', REDIS_SENTINELS: 's:26379' },
      'REDIS_CLUSTER_NODES and REDIS_SENTINELS cannot both be set',
    ],
    [
      'a database number with a cluster',
      { REDIS_CLUSTER_NODES: 'a:7000', REDIS_URL: 'redis://127.0.0.1:6379/3' },
      'Redis Cluster has only database 0',
    ],
  ])('refuses %s with one line naming the variable', (_name, env, expected) => {
    const loaded = loadConfig({ ...base, ...env });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems).toEqual([expect.stringContaining(expected)]);
  });
});
