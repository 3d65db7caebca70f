import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { openSandboxRedis, SANDBOX_MARKER_KEY, SandboxStartError } from '#src/sandbox/sandbox-redis.ts';
import { freePort } from '#test/support/global-redis.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';
import { runMainProcess, startMainProcess } from '#test/support/run-process.ts';

/** `npm start` with no Slack credentials: the sandbox, on loopback, within 15 s. */
describe('npm start without Slack credentials', () => {
  it('prints the sandbox URL within 15 s and serves a page naming Throughline', async () => {
    await flushTestRedis();
    const port = await freePort();
    const started = Date.now();
    const child = startMainProcess({ REDIS_URL: testRedisUrl(), PORT: String(port) });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no sandbox line in 15 s:\n${child.output()}`)),
          15_000,
        );
        const check = () => {
          const found = /Throughline sandbox: open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(child.output());
          if (found?.[1]) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        };
        child.stdout?.on('data', check);
        child.once('exit', () => reject(new Error(`exited early:\n${child.output()}`)));
      });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(line).toBe(`http://127.0.0.1:${port}/`);
      expect(child.output()).toContain('SLACK_BOT_TOKEN');
      expect(child.output()).toMatch(/data in database \d+ of redis:\/\/127\.0\.0\.1:\d+/);
      const page = await fetch(line);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Throughline');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('is a configuration error naming SLACK_BOT_TOKEN in production', async () => {
    const result = await runMainProcess({ NODE_ENV: 'production', REDIS_URL: testRedisUrl(), PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Configuration error: SLACK_BOT_TOKEN is required');
    expect(result.stdout).not.toContain('sandbox');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('any Slack credential means a real Slack', () => {
  it('a signing secret without a token is a configuration error, not the sandbox', async () => {
    const result = await runMainProcess({
      SLACK_SIGNING_SECRET: 'secret',
      REDIS_URL: testRedisUrl(),
      PORT: '0',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Configuration error: SLACK_BOT_TOKEN is required');
    expect(result.stdout).not.toContain('sandbox');
  });
});

describe('where the sandbox keeps its data', () => {
  const dirs: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'throughline-sandbox-'));
    dirs.push(dir);
    return dir;
  };

  it('refuses a database that holds other data, and takes an empty one (marking it)', async () => {
    await flushTestRedis();
    const client = new Redis(testRedisUrl());
    try {
      await client.set('someone-elses-key', '1');
      await expect(openSandboxRedis({ redisUrl: testRedisUrl(), dataDir: dataDir() })).rejects.toThrow(
        /will not write into .*already holds other data/,
      );
      await client.flushdb();
      const opened = await openSandboxRedis({ redisUrl: testRedisUrl(), dataDir: dataDir() });
      stops.push(opened.stop);
      expect(await client.exists(SANDBOX_MARKER_KEY)).toBe(1);
      expect(opened.description).toMatch(/^database \d+ of redis:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await client.flushdb();
      client.disconnect();
    }
  });

  it('uses database 15 when the URL names none', async () => {
    const base = testRedisUrl().replace(/\/\d+$/, '');
    const client = new Redis(`${base}/15`);
    try {
      await client.flushdb();
      const opened = await openSandboxRedis({ redisUrl: base, dataDir: dataDir() });
      stops.push(opened.stop);
      expect(opened.url).toMatch(/\/15$/);
      expect(await client.exists(SANDBOX_MARKER_KEY)).toBe(1);
    } finally {
      await client.flushdb();
      client.disconnect();
    }
  });

  it('starts a private redis-server with an append-only file under the data folder when none answers', async () => {
    const dir = dataDir();
    const closed = await freePort();
    const opened = await openSandboxRedis({ dataDir: dir, defaultUrl: `redis://127.0.0.1:${closed}` });
    stops.push(opened.stop);
    expect(opened.description).toContain('private redis-server');
    const client = new Redis(opened.url);
    try {
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      await client.set('kept', 'across restarts');
    } finally {
      client.disconnect();
    }
    await opened.stop();
    expect(existsSync(join(dir, 'redis'))).toBe(true);
    const again = await openSandboxRedis({ dataDir: dir, defaultUrl: `redis://127.0.0.1:${closed}` });
    stops.push(again.stop);
    const reader = new Redis(again.url);
    try {
      expect(await reader.get('kept')).toBe('across restarts');
    } finally {
      reader.disconnect();
    }
  });

  it('without redis-server installed says how to install it', async () => {
    const closed = await freePort();
    const error = await openSandboxRedis({
      dataDir: dataDir(),
      defaultUrl: `redis://127.0.0.1:${closed}`,
      redisServer: 'redis-server-that-is-not-installed',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxStartError);
    expect(String((error as Error).message)).toMatch(
      /apt-get install redis-server.*brew install redis.*docker run/,
    );
  });
});
