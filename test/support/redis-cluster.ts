import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { startPrivateRedis } from './global-redis.ts';

const run = promisify(execFile);

export interface PrivateCluster {
  /** `host:port,host:port,…` for REDIS_CLUSTER_NODES. */
  nodesList: string;
  ports: number[];
  /** One plain connection per node (for SCAN and CLUSTER commands in assertions). */
  connectToNodes(): Redis[];
  stop(): Promise<void>;
}

/**
 * A throwaway Redis Cluster of `size` primaries on loopback (no replicas, nothing on disk), with
 * the 16,384 slots spread over them by `redis-cli --cluster create`.
 */
export async function startPrivateCluster(size = 3): Promise<PrivateCluster> {
  const servers: Awaited<ReturnType<typeof startPrivateRedis>>[] = [];
  const stopAll = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (let index = 0; index < size; index++) {
      // Each node keeps its cluster state file in its own throwaway directory.
      servers.push(
        await startPrivateRedis(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']),
      );
    }
    const nodes = servers.map((server) => `127.0.0.1:${server.port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    // Slots are assigned at once, but each node learns the others' by gossip: wait until all agree.
    const deadline = Date.now() + 15_000;
    for (const { port } of servers) {
      const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
      try {
        await probe.connect();
        while (!String(await probe.cluster('INFO')).includes('cluster_state:ok')) {
          if (Date.now() > deadline) throw new Error(`cluster node ${port} did not reach cluster_state:ok`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        probe.disconnect();
      }
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  const ports = servers.map((server) => server.port);
  return {
    nodesList: ports.map((port) => `127.0.0.1:${port}`).join(','),
    ports,
    connectToNodes: () => ports.map((port) => new Redis({ port, host: '127.0.0.1' })),
    stop: stopAll,
  };
}
