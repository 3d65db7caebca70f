import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, spawnRedisServer } from './global-redis.ts';

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
  const dir = mkdtempSync(join(tmpdir(), 'throughline-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  try {
    for (let index = 0; index < size; index++) {
      const port = await freePort();
      ports.push(port);
      children.push(
        await spawnRedisServer([
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
        ]),
      );
    }
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    // Slots are assigned at once, but each node learns the others' by gossip: wait until all agree.
    const deadline = Date.now() + 15_000;
    for (const port of ports) {
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
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    nodesList: ports.map((port) => `127.0.0.1:${port}`).join(','),
    ports,
    connectToNodes: () => ports.map((port) => new Redis({ port, host: '127.0.0.1' })),
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null) return;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
