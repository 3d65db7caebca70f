/**
 * Shared pieces of the benchmarks and drills: private Redis servers, real app processes, a Slack
 * double in its own process, percentiles and the machine description. Everything listens on
 * 127.0.0.1 only, and everything started here is stopped by `cleanup()` (also on Ctrl-C).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createThroughline, type Throughline } from '#src/app.ts';
import type { Clock } from '#src/clock.ts';
import { loadConfig } from '#src/config.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { freePort, spawnRedisServer, startPrivateRedis } from '#test/support/global-redis.ts';

export { freePort };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SIGNING_SECRET = 'bench-signing-secret';
export const BOT_TOKEN = 'xoxb-bench-1';
export const TEAM = { teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' };

/**
 * A ROLE=web Throughline built in this process and never started: its stores, services and queues
 * write data exactly as the app does (enrolment, backlogs, one reconciliation pass). Stop it after.
 */
export function inProcessApp(
  redisUrl: string,
  slackApiUrl = 'http://127.0.0.1:9/api/',
  clock?: Clock,
  /** More settings; NUDGES_PER_MINUTE should be the workers' (arming a nudge books its send slot). */
  env: Record<string, string> = {},
): Throughline {
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    REDIS_URL: redisUrl,
    PORT: '0',
    ROLE: 'web',
    LOG_LEVEL: 'silent',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return createThroughline(loaded.config, { logger: pino({ level: 'silent' }), ...(clock ? { clock } : {}) });
}

/**
 * A weekly schedule (UTC) whose next occurrence is the first whole minute at least `leadMs` from
 * now: nudges armed for it fall due at that real instant by every process's clock (a worker
 * process runs on the system clock, and a job sends on the slot it booked once that clock says so).
 */
export function dueInRealTime(leadMs: number): { schedule: WeeklySchedule; tz: string; dueAt: Date } {
  const dueAt = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
  const day = dueAt.getUTCDay();
  return {
    schedule: { weekday: day === 0 ? 7 : day, hour: dueAt.getUTCHours(), minute: dueAt.getUTCMinutes() },
    tz: 'UTC',
    dueAt,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Where process logs go (one folder per run; printed when something fails). */
export const LOG_DIR = mkdtempSync(join(tmpdir(), 'throughline-bench-logs-'));

const cleanups: (() => Promise<void>)[] = [];

/** Runs `fn` at cleanup (last registered, first run). */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

export async function cleanup(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) {
    await fn().catch((error: unknown) => console.error('cleanup failed:', error));
  }
}

let signalsHooked = false;
export function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanup().finally(() => process.exit(130));
    });
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A throwaway redis-server on a free port (never the shared 6379), stopped at cleanup. */
export async function privateRedis(extraArgs: string[] = [], fixedPort?: number): Promise<PrivateRedis> {
  const redis = await startPrivateRedis(['--maxmemory-policy', 'noeviction', ...extraArgs], fixedPort);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await redis.stop();
  };
  onCleanup(stop);
  return { ...redis, stop };
}

/** Stops a redis-server with SIGTERM (it writes its AOF and exits) and waits for the exit. */
export async function stopRedisProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface AppProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  logFile: string;
  /** Resolves when the process has exited (code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (SIGKILL after 20 s). */
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  alive(): boolean;
}

let processCounter = 0;

/**
 * Spawns a Node script (default: the real `src/main.ts`) with exactly `env` (plus PATH), its
 * output in a log file. `PORT` is chosen here unless given.
 */
/**
 * Node flags for a bench's worker processes: BENCH_CPU_PROF_DIR=<dir> makes each write a V8 CPU
 * profile there when it stops; BENCH_WORKER_NODE_ARGS adds more (e.g. `--trace-gc`), space-separated.
 */
export function workerNodeArgs(): string[] {
  return [
    ...(process.env.BENCH_CPU_PROF_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
      : []),
    ...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
}

export async function startProcess(
  name: string,
  env: Record<string, string>,
  script = 'src/main.ts',
  nodeArgs: string[] = [],
): Promise<AppProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  processCounter += 1;
  const logFile = join(LOG_DIR, `${String(processCounter).padStart(2, '0')}-${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!alive()) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  const handle: AppProcess = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    logFile,
    exited,
    stop: () => kill('SIGTERM'),
    kill,
    alive,
  };
  onCleanup(() => kill('SIGKILL'));
  return handle;
}

/** Waits until `GET url` answers `status` (default 200). */
export async function waitForStatus(url: string, status = 200, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  let last = 'no answer';
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === status) return Date.now() - started;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

/** Waits for a line matching `pattern` in a process's log file. */
export async function waitForLog(file: string, pattern: RegExp, timeoutMs = 30_000): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (pattern.test(text)) return Date.now() - started;
    await sleep(50);
  }
  throw new Error(`${file}: no line matching ${pattern} within ${timeoutMs} ms`);
}

/** The environment every Throughline process gets in benches and drills. */
export function appEnv(slackApiUrl: string, redisUrl: string, extra: Record<string, string> = {}) {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

// ---- a Slack double in its own process (so its CPU is not the load generator's) ---------------

export interface RemoteDouble {
  apiUrl: string;
  call<T = unknown>(command: string, args?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function startRemoteDouble(options: object = {}): Promise<RemoteDouble> {
  const child = fork(join(ROOT, 'bench/support/double-process.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const ready = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (raw) => {
      const message = raw as { ready?: string; id?: number; result?: unknown; error?: string };
      if (message.ready) resolve(message.ready);
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      }
    });
  });
  const apiUrl = await ready;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  onCleanup(close);
  return {
    apiUrl,
    call<T>(command: string, args: unknown[] = []) {
      nextId += 1;
      const id = nextId;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, command, args });
      });
    },
    close,
  };
}

// ---- figures ---------------------------------------------------------------------------------

/** The q-quantile (0..1) of numbers, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function machine(): { cpu: string; cores: number; node: string; date: string } {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** The machine table at the top of a results file. */
export function machineTable(
  m: ReturnType<typeof machine>,
  loadStart: number[],
  loadEnd: number[],
  totalS: number,
): string {
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');
  return `| machine | |
|---|---|
| CPU | ${m.cpu} × ${m.cores} |
| Node | ${m.node} |
| date | ${m.date} |
| load average (1/5/15 min) at start / end | ${load(loadStart)} → ${load(loadEnd)} |
| total time | ${fmt(totalS, 0)} s |`;
}

export function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Prints a line with the elapsed time since the run started. */
const runStarted = Date.now();
export function say(text: string): void {
  const seconds = ((Date.now() - runStarted) / 1000).toFixed(1).padStart(6);
  console.log(`[${seconds}s] ${text}`);
}

/**
 * A redis-server on a given port and data folder, so a drill can stop it and start it again on the
 * same port with the same AOF (startPrivateRedis makes a new folder each time).
 */
export async function startRedisAt(
  port: number,
  dir: string,
  extraArgs: string[] = [],
): Promise<ChildProcess> {
  const child = await spawnRedisServer(
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...extraArgs],
    undefined,
    20_000,
  );
  onCleanup(() => stopRedisProcess(child));
  return child;
}
