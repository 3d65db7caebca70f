import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { SlackDouble } from '#src/sandbox/slack-double.ts';
import { keys } from '#src/store/keys.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type MainProcess = ChildProcess & { output(): string };

/** Starts `src/main.ts` as a real process with exactly the given environment (plus PATH). */
export function startMainProcess(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return Object.assign(child, { output: () => output });
}

export async function runMainProcess(
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, stderr, stdout };
}

export async function waitForHttp(url: string, timeoutMs = 15_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await fetch(url);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms: ${String(lastError)}`);
}

/**
 * A real `ROLE=worker` process (src/main.ts) on the test Redis and the Slack double, pacing out of
 * the way, no follow-ups, and quick crash recovery: a dead worker's jobs run again within ~3 s
 * (2 s job lock, stalled check every second). `/metrics` answers on `port`.
 */
export function startWorkerProcess(options: {
  slack: SlackDouble;
  botToken: string;
  redisUrl: string;
  port: number;
  concurrency: number;
}): MainProcess {
  return startMainProcess({
    ROLE: 'worker',
    SLACK_BOT_TOKEN: options.botToken,
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: options.slack.apiUrl,
    REDIS_URL: options.redisUrl,
    PORT: String(options.port),
    LOG_LEVEL: 'warn',
    NUDGES_PER_MINUTE: '30000',
    NUDGE_FOLLOW_UP: 'off',
    NUDGE_WORKER_CONCURRENCY: String(options.concurrency),
    WORKER_LOCK_DURATION_MS: '2000',
    WORKER_STALLED_INTERVAL_MS: '1000',
  });
}

/** Sends `signal` and resolves with the exit code (null when killed by the signal). */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

/** A worker's `throughline_nudges_total` by outcome (summed over kinds), read from its /metrics. */
export async function nudgeOutcomes(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(/^throughline_nudges_total\{[^}]*outcome="([a-z_]+)"[^}]*\} (\d+)/gm)) {
    const outcome = match[1] ?? '';
    outcomes[outcome] = (outcomes[outcome] ?? 0) + Number(match[2]);
  }
  return outcomes;
}

/** Successful chat.postMessage calls per `channel` as sent (nudge DMs go to the user id). */
export function postsPerChannel(slack: SlackDouble): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    if (!call.ok) continue;
    const channel = String(call.params.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

/** Each person's weekly sent-marker for the week, as stored: `sent`, a pending claim, or null. */
export async function weeklySentMarkers(
  redisUrl: string,
  teamId: string,
  people: string[],
  weekKey: string,
): Promise<(string | null)[]> {
  const redis = new Redis(redisUrl);
  try {
    return await redis.mget(...people.map((id) => keys.nudgeSent(teamId, id, weekKey, 'w')));
  } finally {
    redis.disconnect();
  }
}
