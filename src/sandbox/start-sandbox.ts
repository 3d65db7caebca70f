import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Clock } from '#src/clock.ts';
import { type Config, loadConfig, type SandboxSettings } from '#src/config.ts';
import { createSandboxClock } from './sandbox-clock.ts';
import { openSandboxRedis, SANDBOX_MARKER_KEY, SandboxStartError } from './sandbox-redis.ts';
import { startSandboxServer } from './sandbox-server.ts';
import { SANDBOX_BOT_USER, SANDBOX_CHANNELS, SANDBOX_PEOPLE, SANDBOX_TEAM } from './sandbox-workspace.ts';
import { createSlackClientSide, type SlackCommandInfo } from './slack-client-side.ts';
import { type DoubleSnapshot, startSlackDouble } from './slack-double.ts';

/**
 * The embedded default: the real Throughline (the same app, listeners, stores and workers, built
 * by the composition root) against a local Slack workspace served in the browser. The product is
 * given the sandbox's clock, a Web API base URL that points at the double, a random token and
 * signing secret, and a Redis that holds nothing else; nothing in the product knows it is a sandbox.
 */

/** The product as the sandbox drives it; `src/main.ts` builds it with the composition root. */
export interface SandboxProduct {
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
  queues(): Queue[];
}

export interface SandboxOptions {
  settings: SandboxSettings;
  /** The environment as given (other settings such as encryption keys still apply). */
  env: NodeJS.ProcessEnv;
  createProduct(config: Config, clock: Clock): SandboxProduct;
  /** Which queue and jobs "jump to the next nudge" looks at. */
  nudges: { queue: string; isNudge: (job: Job) => boolean };
  /** Overrides for tests: where the page's files are. */
  webDir?: string;
}

export interface RunningSandbox {
  url: string;
  /** For the start-up line: where the data lives. */
  storage: string;
  stop(): Promise<void>;
}

const SNAPSHOT_KEY = 'throughline-sandbox:slack-workspace';
const SAVE_DELAY_MS = 300;

export { SandboxStartError };

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const { settings } = options;
  const storage = await openSandboxRedis(settings);
  const redis = new Redis(storage.url, { maxRetriesPerRequest: 3 });
  redis.on('error', () => {});
  let product: SandboxProduct | undefined;
  const clock = await createSandboxClock({ redis, queues: () => product?.queues() ?? [] });

  const team = { ...SANDBOX_TEAM, botToken: `xoxb-sandbox-${randomBytes(12).toString('hex')}` };
  const signingSecret = randomBytes(24).toString('hex');
  const double = await startSlackDouble({
    teams: [team],
    users: [...SANDBOX_PEOPLE, SANDBOX_BOT_USER],
    channels: SANDBOX_CHANNELS,
    clock: () => clock.now().getTime(),
    maxRecordings: 2000,
  });
  const saved = await redis.get(SNAPSHOT_KEY);
  if (saved) double.restore(JSON.parse(saved) as DoubleSnapshot);

  // The workspace's messages and views live in the double; keep them beside the product's data.
  let saveTimer: NodeJS.Timeout | undefined;
  let saving = Promise.resolve();
  const save = () => {
    saving = saving
      .then(() => redis.set(SNAPSHOT_KEY, JSON.stringify(double.snapshot())))
      .then(() => {})
      .catch(() => {});
    return saving;
  };
  double.onChange(() => {
    saveTimer ??= setTimeout(() => {
      saveTimer = undefined;
      void save();
    }, SAVE_DELAY_MS);
  });

  const manifest = await readManifest();
  let appPort = 0;
  async function startProduct(): Promise<void> {
    const loaded = loadConfig({
      ...options.env,
      SLACK_BOT_TOKEN: team.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: double.apiUrl,
      REDIS_URL: storage.url,
      REDIS_CLUSTER_NODES: '',
      REDIS_SENTINELS: '',
      PORT: '0',
      LOG_LEVEL: settings.logLevel,
    });
    if (!loaded.ok) throw new SandboxStartError(loaded.problems.join('\n'));
    product = options.createProduct(loaded.config, clock);
    appPort = (await product.start()).port;
  }
  await startProduct();

  const clientSide = createSlackClientSide({
    double,
    team,
    appUrl: () => `http://127.0.0.1:${appPort}`,
    signingSecret,
    commands: manifest.commands,
    channelName: (id) => SANDBOX_CHANNELS.find((c) => c.id === id)?.name ?? 'directmessage',
  });

  const server = await startSandboxServer(
    {
      double,
      clientSide,
      clock,
      async nextNudge() {
        const queue = product?.queues().find((q) => q.name === options.nudges.queue);
        const next = queue ? await clock.nextDue(queue, options.nudges.isNudge) : undefined;
        if (!next) return undefined;
        const userId = (next.job.data as { userId?: unknown }).userId;
        return { at: next.at, userId: typeof userId === 'string' ? userId : undefined };
      },
      team,
      people: SANDBOX_PEOPLE,
      channels: SANDBOX_CHANNELS,
      commands: manifest.commands,
      shortcuts: manifest.shortcuts,
      webDir: options.webDir ?? fileURLToPath(new URL('./web', import.meta.url)),
      async reset() {
        await product?.stop();
        product = undefined;
        clearTimeout(saveTimer);
        saveTimer = undefined;
        await saving;
        await redis.flushdb();
        await redis.set(SANDBOX_MARKER_KEY, 'this database belongs to the Throughline sandbox');
        await clock.reset();
        double.reset();
        await startProduct();
      },
    },
    { port: settings.port, host: '127.0.0.1' },
  );

  return {
    url: server.url,
    storage: storage.description,
    async stop() {
      await server.close();
      await product?.stop();
      clearTimeout(saveTimer);
      await save();
      await double.close();
      redis.disconnect();
      await storage.stop();
    },
  };
}

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z
      .array(z.object({ command: z.string(), description: z.string(), usage_hint: z.string().optional() }))
      .default([]),
    shortcuts: z.array(z.object({ name: z.string(), callback_id: z.string(), type: z.string() })).default([]),
  }),
});

/** The commands and shortcuts the page offers are the ones `manifest.yml` gives the real app. */
async function readManifest(): Promise<{
  commands: SlackCommandInfo[];
  shortcuts: { callbackId: string; name: string }[];
}> {
  const text = await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8');
  const manifest = manifestSchema.parse(parseYaml(text));
  return {
    commands: manifest.features.slash_commands.map((c) => ({
      command: c.command,
      description: c.description,
      usageHint: c.usage_hint ?? '',
    })),
    shortcuts: manifest.features.shortcuts
      .filter((s) => s.type === 'message')
      .map((s) => ({ callbackId: s.callback_id, name: s.name })),
  };
}
