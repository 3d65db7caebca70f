import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createThroughline } from '#src/app.ts';
import { INVITATION_JOB, NUDGE_QUEUE } from '#src/nudges/nudge-jobs.ts';
import { type RunningSandbox, startSandbox } from '#src/sandbox/start-sandbox.ts';

/**
 * The sandbox as `npm start` runs it (the same composition as src/main.ts), in this process, on a
 * Redis the caller names. No vitest here, so the screenshot script can use it too.
 */
export interface InProcessSandbox {
  url: string;
  sandbox: RunningSandbox;
  /** GET (no body) or POST (body) on the sandbox API; answers the parsed JSON and the status. */
  api<T = Record<string, unknown>>(path: string, body?: object): Promise<T & { status: number }>;
  stop(): Promise<void>;
}

export async function startInProcessSandbox(options: {
  redisUrl: string;
  dataDir?: string;
  port?: number;
}): Promise<InProcessSandbox> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'throughline-sandbox-'));
  const logger = pino({ level: 'silent' });
  const sandbox = await startSandbox({
    settings: { port: options.port ?? 0, redisUrl: options.redisUrl, logLevel: 'silent', dataDir },
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
  };
}

/** Polls `read` until `ok` holds (10 s), for things that arrive through queues and Slack. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 800)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
