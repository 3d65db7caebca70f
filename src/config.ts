import { z } from 'zod';

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

const encryptionKey = optionalText.refine(
  (value) => value === undefined || /^[A-Za-z0-9+/]{43}=$/.test(value),
  {
    message: 'must be 32 bytes in base64 (44 characters; make one with `openssl rand -base64 32`)',
  },
);

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is required (the bot token, xoxb-…)' })
    .trim()
    .min(1, 'is required (the bot token, xoxb-…)')
    .refine((value) => value.startsWith('xoxb-'), 'must start with xoxb-'),
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
  PORT: optionalText
    .transform((value) => value ?? '3000')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number from 1 to 65535'))
    .transform(Number)
    // 0 asks the OS for a free port (tests); anything above 65535 is a typo.
    .pipe(z.number().int().max(65535, 'must be from 1 to 65535')),
  ADMIN_USER_IDS: optionalText.transform((value) =>
    value === undefined
      ? []
      : value
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
  ),
  REFLECTION_ENCRYPTION_KEY: encryptionKey,
  // Older keys, for reading reflections sealed before a key rotation (see README).
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
  NUDGES_PER_MINUTE: optionalText
    .transform((value) => value ?? '120')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(6000, 'must be at most 6000')),
});

/** Checks that span variables; run on the raw environment so they are reported with the rest. */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  if (!present('SLACK_APP_TOKEN') && !present('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
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
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
    socketMode: boolean;
  };
  redisUrl: string;
  port: number;
  adminUserIds: string[];
  reflectionEncryptionKey?: Buffer;
  /** Keys that only decrypt (reflections sealed before a rotation); never used to encrypt. */
  reflectionPreviousKeys: Buffer[];
  logLevel: string;
  nudgesPerMinute: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

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
        signingSecret: env_.SLACK_SIGNING_SECRET,
        appToken: env_.SLACK_APP_TOKEN,
        apiUrl: env_.SLACK_API_URL,
        socketMode: env_.SLACK_APP_TOKEN !== undefined,
      },
      redisUrl: env_.REDIS_URL,
      port: env_.PORT,
      adminUserIds: env_.ADMIN_USER_IDS,
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
    },
  };
}
