import { pino } from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type CreateOptions, createThroughline, type Throughline } from '#src/app.ts';
import { type Clock, fixedClock } from '#src/clock.ts';
import { type Config, loadConfig } from '#src/config.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import {
  type CommandFields,
  type EnvelopeFields,
  eventEnvelope,
  interactionBody,
  postSigned,
  type SignedRequestOptions,
  type SlackResponse,
  slashCommandBody,
} from '#src/sandbox/slack-requests.ts';
import { flushTestRedis, testRedisUrl } from './redis.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-team-1';

export interface TestApp {
  throughline: Throughline;
  slack: SlackDouble;
  baseUrl: string;
  /** With ADMIN_PORT set: the internal server of /admin/queues and /metrics. */
  adminUrl?: string;
  config: Config;
  clock: Clock & { set(at: Date): void; advance(ms: number): void };
  /** Sends a signed slash command; `responseUrl` defaults to one served by the double. */
  command(fields: Partial<CommandFields>, options?: Partial<SignedRequestOptions>): Promise<SlackResponse>;
  /** Sends a signed interactivity payload (block_actions, view_submission, shortcuts). */
  interact(payload: object, options?: Partial<SignedRequestOptions>): Promise<SlackResponse>;
  /** Sends a signed Events API envelope around `event`. */
  event(
    event: object,
    fields?: EnvelopeFields,
    options?: Partial<SignedRequestOptions>,
  ): Promise<SlackResponse>;
  stop(): Promise<void>;
}

export interface TestAppOptions extends CreateOptions {
  env?: Record<string, string>;
  now?: Date;
  /** Keep Redis contents from an earlier app in the same test. */
  keepRedis?: boolean;
  slack?: SlackDouble;
}

/** Boots the real app in-process (real Bolt HTTP receiver, real Redis) against the Slack double. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  if (!options.keepRedis) await flushTestRedis();
  const slack =
    options.slack ??
    (await startSlackDouble({
      teams: [{ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' }],
    }));
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: testRedisUrl(),
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  if (!loaded.ok) {
    if (!options.slack) await slack.close();
    throw new Error(loaded.problems.join('\n'));
  }
  const config: Config = loaded.config;
  const clock = fixedClock(options.now ?? new Date());
  const throughline = createThroughline(config, {
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    drainTimeoutMs: options.drainTimeoutMs ?? 2000,
    teamClients: options.teamClients,
  });
  const { port, adminPort } = await throughline.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminUrl = adminPort === undefined ? undefined : `http://127.0.0.1:${adminPort}`;
  const sign = (extra?: Partial<SignedRequestOptions>): SignedRequestOptions => ({
    signingSecret: SIGNING_SECRET,
    ...extra,
  });
  return {
    throughline,
    slack,
    baseUrl,
    adminUrl,
    config,
    clock,
    command: (fields, extra) =>
      postSigned(
        baseUrl,
        slashCommandBody({ responseUrl: slack.responseUrl(), ...fields }),
        'application/x-www-form-urlencoded',
        sign(extra),
      ),
    interact: (payload, extra) =>
      postSigned(baseUrl, interactionBody(payload), 'application/x-www-form-urlencoded', sign(extra)),
    event: (event, fields, extra) =>
      postSigned(baseUrl, JSON.stringify(eventEnvelope(event, fields)), 'application/json', sign(extra)),
    async stop() {
      await throughline.stop();
      if (!options.slack) await slack.close();
    },
  };
}

/**
 * One real app for the tests of a `describe` block: started before them (then `setup` runs, e.g.
 * to add people to the Slack double), stopped after. The returned object is filled in before the
 * first test runs.
 */
export function useTestApp(
  options: TestAppOptions = {},
  setup?: (t: TestApp) => void | Promise<void>,
): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await startTestApp(options));
    await setup?.(t);
  });
  afterAll(async () => {
    await t.stop?.();
  });
  return t;
}

/**
 * For tests that each need an app of their own (another clock, env or Slack double): the returned
 * function boots one like `startTestApp`, and every app it booted is stopped after that test.
 */
export function startsTestApps(): (options?: TestAppOptions) => Promise<TestApp> {
  const started: TestApp[] = [];
  afterEach(async () => {
    for (const app of started.splice(0)) await app.stop();
  });
  return async (options) => {
    const app = await startTestApp(options);
    started.push(app);
    return app;
  };
}
