import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { INVITATION_JOB, NUDGE_QUEUE } from '#jobs/nudge-jobs.ts';
import { createThroughline } from '#src/app.ts';
import { type RunningSandbox, startSandbox } from '#src/sandbox/start-sandbox.ts';
import { flushTestRedis, testRedisUrl } from './redis.ts';

export interface TestSandbox {
  url: string;
  sandbox: RunningSandbox;
  /** GET (no body) or POST (body) on the sandbox API; answers the parsed JSON and the status. */
  api<T = Record<string, unknown>>(path: string, body?: object): Promise<T & { status: number }>;
  stop(): Promise<void>;
}

/** The sandbox as `npm start` runs it, in-process, on the test suite's private Redis. */
export async function startTestSandbox(options: { keepRedis?: boolean; dataDir?: string } = {}) {
  if (!options.keepRedis) await flushTestRedis();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'throughline-sandbox-'));
  const logger = pino({ level: 'silent' });
  const sandbox = await startSandbox({
    settings: { port: 0, redisUrl: testRedisUrl(), logLevel: 'silent', dataDir },
    env: {},
    createProduct: (config, clock) => {
      const throughline = createThroughline(config, {
        clock,
        logger,
        listenHost: '127.0.0.1',
        drainTimeoutMs: 2000,
      });
      return {
        start: () => throughline.start(),
        stop: () => throughline.stop(),
        queues: () => throughline.deps.jobs.queues(),
      };
    },
    nudges: { queue: NUDGE_QUEUE, isNudge: (job) => job.name !== INVITATION_JOB },
  });
  const api = async <T>(path: string, body?: object): Promise<T & { status: number }> => {
    const response = await fetch(`${sandbox.url}sandbox/api/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { ...((await response.json()) as T), status: response.status };
  };
  return {
    url: sandbox.url,
    sandbox,
    api,
    async stop() {
      await sandbox.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  } satisfies TestSandbox;
}
