import type { ConnectionOptions } from 'bullmq';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A connection to one Redis (single server or Sentinel primary) or to a Redis Cluster. Both
 * answer the same commands; keys.ts hash-tags every workspace's keys so multi-key commands stay in
 * one slot, and the BullMQ prefix is hash-tagged too (jobs/job-runtime.ts).
 */
export type RedisClient = Redis | Cluster;

/**
 * Connections are made for their role:
 * - `interactive`: used while answering Slack. Fails fast (no offline queue, short timeouts) so a
 *   Redis outage turns into a kind error message inside Slack's 3 s, never a hang.
 * - `background`: stores used by jobs. Retries a little, bounded by a timeout; auto-pipelined.
 * - `producer`: BullMQ's queues, with the background settings but not auto-pipelined (see ROLES).
 * - BullMQ workers get `maxRetriesPerRequest: null` (BullMQ requires it for blocking connections):
 *   plain options from which each worker builds its own connections, or on a cluster one Cluster
 *   client that BullMQ shares and duplicates for its blocking reads.
 * Every connection reconnects forever in the background, so the process outlives a Redis restart.
 */
export interface RedisConnections {
  interactive: RedisClient;
  background: RedisClient;
  /** BullMQ's queues (producers): background settings, not auto-pipelined. */
  producer: RedisClient;
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

type HostPort = { host: string; port: number };

/**
 * Where Redis is: the URL alone (one server); Sentinel, which finds the current primary; or a
 * Cluster, found from any of its nodes (the client learns the rest and follows slot moves).
 */
export type RedisTopology =
  | { kind: 'single' }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string }
  | { kind: 'cluster'; nodes: HostPort[] };

/**
 * Connection options for the topology (for a cluster: what each node connection shares). With
 * Sentinel, the URL still gives the password, user, database and TLS; ioredis asks the sentinels
 * for the primary and follows failovers.
 */
export function redisOptionsFor(url: string, topology: RedisTopology): RedisOptions {
  const fromUrl = redisOptionsFromUrl(url);
  if (topology.kind === 'single') return fromUrl;
  const { host: _host, port: _port, ...rest } = fromUrl;
  if (topology.kind === 'cluster') {
    // A cluster has only database 0 (config.ts refuses another), so none is selected.
    const { db: _db, ...auth } = rest;
    return auth;
  }
  return { ...rest, sentinels: topology.sentinels, name: topology.name, sentinelPassword: fromUrl.password };
}

/** The settings each role asks of its connections, whatever the topology. */
interface RoleSettings {
  connectionName: string;
  maxRetriesPerRequest: number | null;
  enableOfflineQueue?: boolean;
  connectTimeout?: number;
  commandTimeout?: number;
  enableAutoPipelining?: boolean;
}

const ROLES = {
  interactive: {
    connectionName: 'throughline-interactive',
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1500,
    commandTimeout: 1500,
    // Commands issued in the same tick (one request's reads in parallel, and requests whose
    // replies arrived together) go out in one write: a write per command cost more CPU than any
    // other Redis work while answering Slack (bench/ack-latency.ts profile).
    enableAutoPipelining: true,
  },
  background: {
    connectionName: 'throughline-background',
    maxRetriesPerRequest: 3,
    connectTimeout: 5000,
    commandTimeout: 5000,
    // As for `interactive`: a worker's jobs issue their reads in parallel, and many jobs run at
    // once, so one write carries many commands (measured in docs/redis.md).
    enableAutoPipelining: true,
  },
  // BullMQ's producers: BullMQ defines its ~50 scripts on the connection it is given, and an
  // auto-pipelined connection copies every defined script onto each pipeline it builds, which cost
  // more than the writes it saved. So the queues get a connection of their own, not pipelined.
  producer: {
    connectionName: 'throughline-producer',
    maxRetriesPerRequest: 3,
    connectTimeout: 5000,
    commandTimeout: 5000,
  },
  worker: { connectionName: 'throughline-worker', maxRetriesPerRequest: null },
} satisfies Record<string, RoleSettings>;

function clusterClient(nodes: HostPort[], base: RedisOptions, role: RoleSettings): Cluster {
  const { enableOfflineQueue, enableAutoPipelining, ...perNode } = role;
  const options: ClusterOptions = {
    redisOptions: { ...base, ...perNode },
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    clusterRetryStrategy: reconnectForever,
    // Slots move during resharding or failover: follow MOVED/ASK and retry while the cluster heals.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
  };
  return new Cluster(nodes, options);
}

export function createRedisConnections(
  url: string,
  logger: Logger,
  topology: RedisTopology = { kind: 'single' },
): RedisConnections {
  const base = redisOptionsFor(url, topology);
  const watch = (redis: RedisClient, role: string) => {
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
  const connect = (role: RoleSettings): RedisClient =>
    topology.kind === 'cluster'
      ? clusterClient(topology.nodes, base, role)
      : new Redis({ ...base, ...role, retryStrategy: reconnectForever });

  const interactive = watch(connect(ROLES.interactive), 'interactive');
  const background = watch(connect(ROLES.background), 'background');
  const producer = watch(connect(ROLES.producer), 'producer');
  // BullMQ cannot build a cluster client from plain options, so on a cluster it gets one to share.
  const workerCluster = topology.kind === 'cluster' ? watch(connect(ROLES.worker), 'worker') : undefined;
  const workerOptions: ConnectionOptions = workerCluster ?? {
    ...base,
    ...ROLES.worker,
    retryStrategy: reconnectForever,
  };
  const clients = [interactive, background, producer, ...(workerCluster ? [workerCluster] : [])];
  return {
    interactive,
    background,
    producer,
    workerOptions,
    async close() {
      await Promise.allSettled(clients.map((client) => client.quit()));
      for (const client of clients) client.disconnect();
    },
  };
}

/**
 * Waits (bounded) until a connection is ready. Start-up uses it so the first Slack request does not
 * meet a connection still handshaking; if Redis is down the app starts anyway and recovers later.
 */
export async function waitUntilReady(redis: RedisClient, timeoutMs: number): Promise<boolean> {
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
export async function redisAnswers(redis: RedisClient, timeoutMs = 1000): Promise<boolean> {
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
