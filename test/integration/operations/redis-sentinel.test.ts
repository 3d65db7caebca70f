import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '#src/store/keys.ts';
import { freePort, startPrivateRedis } from '#test/support/global-redis.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge, nudgeDms } from '../nudges/nudge-helpers.ts';

/** Starts a real Redis Sentinel watching the primary at `primaryPort`. */
async function startSentinel(
  dir: string,
  primaryPort: number,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const file = join(dir, 'sentinel.conf');
  writeFileSync(
    file,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor primary-one 127.0.0.1 ${primaryPort} 1`,
      'sentinel down-after-milliseconds primary-one 2000',
    ].join('\n'),
  );
  const child = spawn('redis-server', [file, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sentinel did not start')), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('+monitor')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { port, child };
}

describe('Redis Sentinel topology', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('finds the primary through the sentinels and runs commands and jobs on it', async () => {
    const primary = await startPrivateRedis();
    cleanups.push(primary.stop);
    const sentinel = await startSentinel(primary.dir, primary.port);
    cleanups.push(() => {
      sentinel.child.kill('SIGTERM');
    });

    const t: TestApp = await startTestApp({
      keepRedis: true,
      now: new Date('2026-11-30T09:00:00Z'),
      env: {
        // Host and port here are ignored with Sentinel; only credentials and db would be used.
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
        REDIS_SENTINEL_NAME: 'primary-one',
      },
    });
    cleanups.push(t.stop);
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });

    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const reply = await t.command({ userId: 'U1', text: 'schedule fri 16:00' });
    expect(reply.status).toBe(200);

    const direct = new Redis(primary.url);
    cleanups.push(() => direct.disconnect());
    await expect.poll(() => direct.exists(keys.nudgeSchedule('T1', 'U1'))).toBe(1);
    await fireArmedNudge(t);
    expect(nudgeDms(t)).toHaveLength(1);
  });
});
