import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, spawnRedisServer } from '#src/sandbox/private-redis.ts';

export { freePort, spawnRedisServer };

declare module 'vitest' {
  export interface ProvidedContext {
    redisBaseUrl: string;
  }
}

/** Starts a throwaway redis-server and resolves once it accepts connections. */
export async function startPrivateRedis(
  extraArgs: string[] = [],
  fixedPort?: number,
): Promise<{ url: string; port: number; dir: string; process: ChildProcess; stop: () => Promise<void> }> {
  const port = fixedPort ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'throughline-redis-'));
  const child = await spawnRedisServer([
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    ...extraArgs,
  ]);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `redis://127.0.0.1:${port}`, port, dir, process: child, stop };
}

export default async function setup(project: TestProject) {
  // Always a private server: the suite flushes databases, so it must never touch a shared Redis.
  const redis = await startPrivateRedis();
  project.provide('redisBaseUrl', redis.url);
  return redis.stop;
}
