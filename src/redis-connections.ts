import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Connections are made for their role:
 * - `interactive`: used while answering Slack. Fails fast (no offline queue, short timeouts) so a
 *   Redis outage turns into a kind error message inside Slack's 3 s, never a hang.
 * - `background`: producers and stores used by jobs. Retries a little, bounded by a timeout.
 * - BullMQ workers get plain options with `maxRetriesPerRequest: null` (BullMQ requires it for
 *   blocking connections) and build their own connections from them.
 * Every connection reconnects forever in the background, so the process outlives a Redis restart.
 */
export interface RedisConnections {
  interactive: Redis;
  background: Redis;
  workerOptions: ConnectionOptions;
  close(): Promise<void>;
}

const reconnectForever = (attempt: number) => Math.min(200 * attempt, 2000);

export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Where Redis is: the URL alone (one server), or Sentinel, which finds the current primary. */
export type RedisTopology =
  | { kind: 'single' }
  | { kind: 'sentinel'; sentinels: { host: string; port: number }[]; name: string };

/**
 * Connection options for the topology. With Sentinel, the URL still gives the password,
 * user, database and TLS; ioredis asks the sentinels for the primary and follows failovers.
 */
export function redisOptionsFor(url: string, topology: RedisTopology): RedisOptions {
  const fromUrl = redisOptionsFromUrl(url);
  if (topology.kind === 'single') return fromUrl;
  const { host: _host, port: _port, ...rest } = fromUrl;
  return { ...rest, sentinels: topology.sentinels, name: topology.name, sentinelPassword: fromUrl.password };
}

export function createRedisConnections(
  url: string,
  logger: Logger,
  topology: RedisTopology = { kind: 'single' },
): RedisConnections {
  const base = redisOptionsFor(url, topology);
  const watch = (redis: Redis, role: string) => {
    // Log each outage once, not once per reconnect attempt.
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) logger.warn({ role, err: error.message }, 'redis connection error');
      down = true;
    });
    redis.on('ready', () => {
      if (down) logger.info({ role }, 'redis connection restored');
      down = false;
    });
    return redis;
  };
  const interactive = watch(
    new Redis({
      ...base,
      connectionName: 'throughline-interactive',
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 1500,
      commandTimeout: 1500,
      retryStrategy: reconnectForever,
    }),
    'interactive',
  );
  const background = watch(
    new Redis({
      ...base,
      connectionName: 'throughline-background',
      maxRetriesPerRequest: 3,
      connectTimeout: 5000,
      commandTimeout: 5000,
      retryStrategy: reconnectForever,
    }),
    'background',
  );
  const workerOptions: ConnectionOptions = {
    ...base,
    connectionName: 'throughline-worker',
    maxRetriesPerRequest: null,
    retryStrategy: reconnectForever,
  };
  return {
    interactive,
    background,
    workerOptions,
    async close() {
      await Promise.allSettled([interactive.quit(), background.quit()]);
      interactive.disconnect();
      background.disconnect();
    },
  };
}

/**
 * Waits (bounded) until a connection is ready. Start-up uses it so the first Slack request does not
 * meet a connection still handshaking; if Redis is down the app starts anyway and recovers later.
 */
export async function waitUntilReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}

/** True when Redis answers a PING within the timeout. */
export async function redisAnswers(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    return (await Promise.race([redis.ping(), timeout])) === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
