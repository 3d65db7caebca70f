import { z } from 'zod';
import type { RedisTopology } from './redis-connections.ts';

/**
 * The only reader of process.env. Everything else receives a parsed `Config`.
 * Each problem becomes one line that names the variable, so an admin can fix the
 * environment without reading a stack trace.
 */

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

function urlWithProtocols(name: string, protocols: string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );
}

const hostPortList = optionalText.refine(
  (value) =>
    value === undefined || value.split(',').every((node) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(node.trim())),
  { message: 'must be a comma list of host:port' },
);

function parseHostPorts(list: string, defaultPort: number): { host: string; port: number }[] {
  return list.split(',').map((node) => {
    const [host = '', port = String(defaultPort)] = node.trim().split(':');
    return { host, port: Number(port) };
  });
}

const encryptionKey = optionalText.refine(
  (value) => value === undefined || /^[A-Za-z0-9+/]{43}=$/.test(value),
  {
    message: 'must be 32 bytes in base64 (44 characters; make one with `openssl rand -base64 32`)',
  },
);

/**
 * Nudge jobs one worker process runs at once. A nudge mostly waits on Slack and Redis, so at 10 one
 * worker used 69–90 % of a core in a busy minute; at 32 it sent 300 workspaces × 20 due together
 * (6,000 DMs) in 11.1–12.9 s against 14.8–16.4 s, at 1.8–2.0 ms of worker CPU per DM against
 * 2.3–2.5 (`BENCH_MULTI_CONCURRENCY=10|32 npx tsx bench/multi-workspace.ts 300 20 20 300 0 0`, two
 * interleaved pairs, 2026-12-01). A workspace's own rate is the send gate's, whatever this is.
 */
export const DEFAULT_NUDGE_WORKER_CONCURRENCY = 32;

function wholeNumber(fallback: string, min: number, max: number) {
  return optionalText
    .transform((value) => value ?? fallback)
    .pipe(z.string().regex(/^\d+$/, `must be a whole number from ${min} to ${max}`))
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

const envSchema = z.object({
  // Required in single-workspace mode; in OAuth mode each workspace's token comes from its install.
  SLACK_BOT_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xoxb-'), {
    message: 'must start with xoxb-',
  }),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  // Seals bot tokens of OAuth installations at rest.
  TOKEN_ENCRYPTION_KEY: encryptionKey,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xapp-'), {
    message: 'must start with xapp-',
  }),
  SLACK_API_URL: optionalText
    .transform((value) => value ?? 'https://slack.com/api/')
    .pipe(urlWithProtocols('SLACK_API_URL', ['http:', 'https:']))
    .transform((value) => (value.endsWith('/') ? value : `${value}/`)),
  REDIS_URL: optionalText
    .transform((value) => value ?? 'redis://127.0.0.1:6379')
    .pipe(urlWithProtocols('REDIS_URL', ['redis:', 'rediss:'])),
  // Sentinel: a comma list of host:port of the sentinels, and the name of the primary they watch.
  REDIS_SENTINELS: hostPortList,
  REDIS_SENTINEL_NAME: optionalText.transform((value) => value ?? 'mymaster'),
  // Cluster: a comma list of host:port of some of its nodes (the client finds the others).
  REDIS_CLUSTER_NODES: hostPortList,
  PORT: optionalText
    .transform((value) => value ?? '3000')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number from 1 to 65535'))
    .transform(Number)
    // 0 asks the OS for a free port (tests); anything above 65535 is a typo.
    .pipe(z.number().int().max(65535, 'must be from 1 to 65535')),
  // Optional: serve /admin/queues and /metrics on this internal port instead of PORT.
  ADMIN_PORT: optionalText
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number from 1 to 65535').optional())
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number().int().max(65535, 'must be from 1 to 65535').optional()),
  ADMIN_USER_IDS: optionalText.transform((value) =>
    value === undefined
      ? []
      : value
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
  ),
  REFLECTION_ENCRYPTION_KEY: encryptionKey,
  // Turns on the queue dashboard at /admin/queues, behind this password (HTTP Basic auth).
  ADMIN_DASHBOARD_PASSWORD: optionalText.refine((value) => value === undefined || value.length >= 12, {
    message: 'must be at least 12 characters',
  }),
  // Older keys, for reading reflections sealed before a key rotation (see docs/privacy.md).
  REFLECTION_ENCRYPTION_PREVIOUS_KEYS: optionalText.refine(
    (value) =>
      value === undefined || value.split(',').every((key) => /^[A-Za-z0-9+/]{43}=$/.test(key.trim())),
    { message: 'must be a comma list of 32-byte base64 keys (44 characters each)' },
  ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  // Slack allows "several hundred" DMs a minute per workspace; values in the thousands are for the
  // test double and benchmarks (a million a minute is pacing as good as off: the unpaced baseline).
  NUDGES_PER_MINUTE: optionalText
    .transform((value) => value ?? '120')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000')),
  // What this process runs: `all` (default), `web` (Slack listeners, no job workers) or `worker`
  // (job workers only, no HTTP receiver), so workers can be scaled out on their own.
  ROLE: optionalText
    .transform((value) => value ?? 'all')
    .pipe(z.enum(['all', 'web', 'worker'], { error: 'must be one of all, web, worker' })),
  // When the one gentle follow-up of an unanswered nudge goes out.
  NUDGE_FOLLOW_UP: optionalText
    .transform((value) => (value ?? 'next-working-morning').toLowerCase())
    .pipe(
      z
        .string()
        .regex(
          /^(next-working-morning|off|([1-9]|[1-6]\d|7[0-2])h)$/,
          'must be next-working-morning, off, or a number of hours from 1h to 72h',
        ),
    ),
  // Abuse limits per person: recognitions per hour, `/reflect invite` runs per day.
  RECOGNITIONS_PER_HOUR: wholeNumber('20', 1, 1000),
  INVITES_PER_DAY: wholeNumber('10', 1, 1000),
  NUDGE_WORKER_CONCURRENCY: wholeNumber(String(DEFAULT_NUDGE_WORKER_CONCURRENCY), 1, 200),
  // BullMQ lock and stalled-check intervals; lower only to make crash recovery quicker in tests.
  WORKER_LOCK_DURATION_MS: wholeNumber('30000', 1000, 600_000),
  WORKER_STALLED_INTERVAL_MS: wholeNumber('30000', 1000, 600_000),
});

/** Checks that span variables; run on the raw environment so they are reported with the rest. */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  const oauthVariables = [
    'SLACK_CLIENT_ID',
    'SLACK_CLIENT_SECRET',
    'SLACK_STATE_SECRET',
    'TOKEN_ENCRYPTION_KEY',
  ];
  const oauth = oauthVariables.some(present);
  if (oauth) {
    for (const name of oauthVariables.filter((variable) => !present(variable))) {
      problems.push(
        `${name} is required for multi-workspace (OAuth) mode, because ${oauthVariables.filter(present).join(', ')} is set`,
      );
    }
  } else if (!present('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN is required (the bot token, xoxb-…)');
  }
  if (!present('SLACK_APP_TOKEN') && !present('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  const adminPort = (env.ADMIN_PORT ?? '').trim();
  if (
    adminPort !== '' &&
    adminPort !== '0' &&
    Number(adminPort) === Number((env.PORT ?? '').trim() || '3000')
  ) {
    problems.push(
      'ADMIN_PORT must differ from PORT (it keeps /admin/queues and /metrics off the public port)',
    );
  }
  if (present('REDIS_CLUSTER_NODES') && present('REDIS_SENTINELS')) {
    problems.push('REDIS_CLUSTER_NODES and REDIS_SENTINELS cannot both be set: choose Cluster or Sentinel');
  }
  if (present('REDIS_CLUSTER_NODES') && /^rediss?:\/\/[^/]*\/[1-9]/.test(env.REDIS_URL ?? '')) {
    problems.push(
      'REDIS_URL must not name a database with REDIS_CLUSTER_NODES: Redis Cluster has only database 0',
    );
  }
  for (const id of (env.ADMIN_USER_IDS ?? '').split(',').map((part) => part.trim())) {
    if (id !== '' && !/^[UW][A-Z0-9]{2,}$/.test(id)) {
      problems.push(
        `ADMIN_USER_IDS must be a comma list of Slack user ids like U012ABC; "${id.slice(0, 20)}" is not one`,
      );
    }
  }
  return problems;
}

export interface Config {
  slack: {
    /** The single workspace's token; undefined in OAuth (multi-workspace) mode. */
    botToken?: string;
    /** Set in multi-workspace mode: Bolt serves /slack/install and /slack/oauth_redirect. */
    oauth?: { clientId: string; clientSecret: string; stateSecret: string; tokenEncryptionKey: Buffer };
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
    socketMode: boolean;
  };
  redisUrl: string;
  /** One Redis at REDIS_URL, Sentinel (REDIS_SENTINELS) that finds the primary, or a Cluster (REDIS_CLUSTER_NODES). */
  redisTopology: RedisTopology;
  port: number;
  /** When set, /admin/queues and /metrics are served on this port only, not on `port`. */
  adminPort?: number;
  adminUserIds: string[];
  recognitionsPerHour: number;
  invitesPerDay: number;
  /** Set to serve Bull Board at /admin/queues behind this password. */
  adminDashboardPassword?: string;
  reflectionEncryptionKey?: Buffer;
  /** Keys that only decrypt (reflections sealed before a rotation); never used to encrypt. */
  reflectionPreviousKeys: Buffer[];
  logLevel: string;
  nudgesPerMinute: number;
  role: 'all' | 'web' | 'worker';
  /** When an unanswered nudge gets its one follow-up. */
  nudgeFollowUp: NudgeFollowUp;
  nudgeWorkerConcurrency: number;
  workerLockDurationMs: number;
  workerStalledIntervalMs: number;
}

export type NudgeFollowUp =
  | { kind: 'next-working-morning' }
  | { kind: 'off' }
  | { kind: 'after'; hours: number };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** What the sandbox needs from the environment before it can make a full `Config` for the product. */
export interface SandboxSettings {
  port: number;
  /** Set when the person named a Redis; otherwise the sandbox looks on 127.0.0.1:6379, then starts its own. */
  redisUrl?: string;
  logLevel: string;
  /** Where the private Redis keeps its append-only file. */
  dataDir: string;
}

/**
 * The embedded default: with no Slack credentials at all (no bot token, app token, signing secret
 * or OAuth client) and outside production, `npm start` runs the sandbox. Production never falls into it: there
 * the missing credentials stay a configuration error.
 */
export function sandboxSettings(env: NodeJS.ProcessEnv): SandboxSettings | undefined {
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  // Any Slack credential means the person is connecting to a real Slack: a missing one is an error.
  const credentials = [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_CLIENT_ID',
    'SLACK_CLIENT_SECRET',
    'SLACK_SIGNING_SECRET',
  ];
  if (credentials.some(present)) return undefined;
  if ((env.NODE_ENV ?? '').trim() === 'production') return undefined;
  const parsed = envSchema.pick({ PORT: true, REDIS_URL: true, LOG_LEVEL: true }).safeParse(env);
  if (!parsed.success) return undefined;
  return {
    port: parsed.data.PORT,
    redisUrl: present('REDIS_URL') ? parsed.data.REDIS_URL : undefined,
    logLevel: parsed.data.LOG_LEVEL,
    dataDir: (env.THROUGHLINE_SANDBOX_DIR ?? '').trim() || '.throughline',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        return issue.message.startsWith(variable) ? issue.message : `${variable} ${issue.message}`;
      });
  problems.push(...crossChecks(env));
  if (!parsed.success || problems.length > 0) {
    return { ok: false, problems: [...new Set(problems)] };
  }
  const env_ = parsed.data;
  return {
    ok: true,
    config: {
      slack: {
        botToken: env_.SLACK_BOT_TOKEN,
        oauth:
          env_.SLACK_CLIENT_ID &&
          env_.SLACK_CLIENT_SECRET &&
          env_.SLACK_STATE_SECRET &&
          env_.TOKEN_ENCRYPTION_KEY
            ? {
                clientId: env_.SLACK_CLIENT_ID,
                clientSecret: env_.SLACK_CLIENT_SECRET,
                stateSecret: env_.SLACK_STATE_SECRET,
                tokenEncryptionKey: Buffer.from(env_.TOKEN_ENCRYPTION_KEY, 'base64'),
              }
            : undefined,
        signingSecret: env_.SLACK_SIGNING_SECRET,
        appToken: env_.SLACK_APP_TOKEN,
        apiUrl: env_.SLACK_API_URL,
        socketMode: env_.SLACK_APP_TOKEN !== undefined,
      },
      redisUrl: env_.REDIS_URL,
      redisTopology: env_.REDIS_CLUSTER_NODES
        ? { kind: 'cluster', nodes: parseHostPorts(env_.REDIS_CLUSTER_NODES, 6379) }
        : env_.REDIS_SENTINELS
          ? {
              kind: 'sentinel',
              name: env_.REDIS_SENTINEL_NAME,
              sentinels: parseHostPorts(env_.REDIS_SENTINELS, 26379),
            }
          : { kind: 'single' },
      port: env_.PORT,
      adminPort: env_.ADMIN_PORT,
      adminUserIds: env_.ADMIN_USER_IDS,
      adminDashboardPassword: env_.ADMIN_DASHBOARD_PASSWORD,
      recognitionsPerHour: env_.RECOGNITIONS_PER_HOUR,
      invitesPerDay: env_.INVITES_PER_DAY,
      reflectionEncryptionKey: env_.REFLECTION_ENCRYPTION_KEY
        ? Buffer.from(env_.REFLECTION_ENCRYPTION_KEY, 'base64')
        : undefined,
      reflectionPreviousKeys: (env_.REFLECTION_ENCRYPTION_PREVIOUS_KEYS ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean)
        .map((key) => Buffer.from(key, 'base64')),
      logLevel: env_.LOG_LEVEL,
      nudgesPerMinute: env_.NUDGES_PER_MINUTE,
      role: env_.ROLE,
      nudgeFollowUp:
        env_.NUDGE_FOLLOW_UP === 'off'
          ? { kind: 'off' }
          : env_.NUDGE_FOLLOW_UP.endsWith('h')
            ? { kind: 'after', hours: Number(env_.NUDGE_FOLLOW_UP.slice(0, -1)) }
            : { kind: 'next-working-morning' },
      nudgeWorkerConcurrency: env_.NUDGE_WORKER_CONCURRENCY,
      workerLockDurationMs: env_.WORKER_LOCK_DURATION_MS,
      workerStalledIntervalMs: env_.WORKER_STALLED_INTERVAL_MS,
    },
  };
}
