import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, spawnRedisServer, stopRedisServer } from './private-redis.ts';

/**
 * Where the sandbox keeps its data. It never writes into a Redis that holds other data:
 * - `REDIS_URL` set: that server, in database 15 unless the URL names one;
 * - nothing set and a Redis answers on 127.0.0.1:6379: database 15 there;
 * - nothing answers: a private `redis-server` from the PATH, append-only file under `.throughline/`.
 * The chosen database must be empty or carry the sandbox's marker key, else the sandbox refuses.
 */
export const SANDBOX_DATABASE = 15;
export const SANDBOX_MARKER_KEY = 'throughline-sandbox:marker';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

export interface SandboxRedis {
  url: string;
  /** For the start-up line: which server and database the sandbox uses. */
  description: string;
  stop(): Promise<void>;
}

/** A start-up problem with one line for the person, printed without a stack trace. */
export class SandboxStartError extends Error {}

export async function openSandboxRedis(settings: {
  redisUrl?: string;
  dataDir: string;
  /** Where a Redis is looked for when none is named (tests point it at a closed port). */
  defaultUrl?: string;
  /** The server binary (tests name a missing one). */
  redisServer?: string;
}): Promise<SandboxRedis> {
  const defaultUrl = settings.defaultUrl ?? DEFAULT_REDIS;
  if (settings.redisUrl !== undefined) return claimDatabase(withDatabase(settings.redisUrl), async () => {});
  if (await answers(defaultUrl)) return claimDatabase(withDatabase(defaultUrl), async () => {});
  const dir = resolve(settings.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = await spawnRedisServer(
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
      settings.redisServer,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SandboxStartError(
        'The sandbox needs Redis and none answers on 127.0.0.1:6379. Install redis-server ' +
          '(Debian/Ubuntu: sudo apt-get install redis-server · macOS: brew install redis · ' +
          'Docker: docker run -d -p 6379:6379 redis:7) and run npm start again.',
      );
    }
    throw error;
  }
  const url = `redis://127.0.0.1:${port}`;
  const opened = await claimDatabase(url, () => stopRedisServer(child));
  return { ...opened, description: `a private redis-server on port ${port} (data in ${dir})` };
}

function withDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = `/${SANDBOX_DATABASE}`;
  return parsed.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Refuses a database that holds anything but sandbox data; marks it as the sandbox's. */
async function claimDatabase(url: string, stop: () => Promise<void>): Promise<SandboxRedis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => {});
  const shown = redactedUrl(url);
  try {
    await client.connect().catch(() => {
      throw new SandboxStartError(`The sandbox cannot reach Redis at ${shown}; check REDIS_URL.`);
    });
    const [size, marked] = await Promise.all([client.dbsize(), client.exists(SANDBOX_MARKER_KEY)]);
    if (size > 0 && marked === 0) {
      throw new SandboxStartError(
        `The sandbox will not write into ${shown}: that database already holds other data. ` +
          'Point REDIS_URL at an empty database (for example …/14), or unset it.',
      );
    }
    await client.set(SANDBOX_MARKER_KEY, 'this database belongs to the Throughline sandbox');
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.disconnect();
  }
  return { url, description: `database ${new URL(url).pathname.slice(1) || '0'} of ${shown}`, stop };
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return `${parsed.protocol}//${parsed.host}`;
}
