/**
 * Ack latency: `/reflect` (opens the modal) and `/recognize` (posts a recognition) at a fixed rate
 * over signed HTTP (autocannon, a fresh signature and trigger_id per request), against the real app
 * (`src/main.ts`, ROLE=all, real Redis with AOF, the Slack double with small realistic latencies)
 * and against two bare Bolt apps with the same receiver settings: one that only acks, and one that
 * also makes the Slack calls the command needs, the baseline for CPU per request that does the same
 * necessary work. That baseline sends exactly what Throughline sends: before measuring, one `/reflect`
 * and one `/recognize` go through the real app, and the Slack double's record of them gives the
 * `view` of its `views.open` (the full reflection modal) and the `text`, `blocks` and unfurl flags
 * of its channel post and of its DM to the person recognised (Block Kit). They are written to a
 * temporary JSON file that the bare app (BARE_CALLS=1, BARE_PAYLOADS=<file>) reads once at start;
 * per request it fills in only the trigger_id and the channels. It builds nothing and has no Redis.
 * Throughline's other calls (users.info for the person recognised, chat.getPermalink) are its own
 * cost, not that baseline's; a fourth target, for `/recognize` only, makes them too (BARE_CALLS=all),
 * to show what Throughline's own work costs beyond every Slack call it makes.
 * Each command is measured on the targets in interleaved rounds (measureInterleaved).
 * Run alone: `npx tsx bench/ack-latency.ts [seconds] [rate] [rounds]`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { postSigned, sign, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import {
  type AppProcess,
  appEnv,
  BOT_TOKEN,
  cleanup,
  hookSignals,
  LOG_DIR,
  privateRedis,
  quantile,
  type RemoteDouble,
  SIGNING_SECRET,
  say,
  sleep,
  startProcess,
  startRemoteDouble,
  TEAM,
  waitForLog,
  waitForStatus,
} from './support/harness.ts';
import { processCpuSeconds } from './support/measure.ts';

export interface AckRun {
  target: 'bare' | 'bare-calls' | 'bare-all-calls' | 'throughline';
  command: '/reflect' | '/recognize';
  requests: number;
  p50: number;
  p99: number;
  max: number;
  /** Responses that were not HTTP 200. */
  non200: number;
  /** Responses slower than Slack's 3 s. */
  over3s: number;
  errors: number;
  timeouts: number;
  achievedRate: number;
  /** CPU time of the target process per request (user + system, from /proc), ms. */
  cpuMsPerRequest: number;
  /** The same, round by round (the rounds of all targets interleaved). */
  cpuMsPerRequestByRound: number[];
}

export interface AckLatencyResult {
  durationS: number;
  /** Interleaved rounds the duration is split into, per target. */
  rounds: number;
  /** Seconds of unmeasured load before each round of each target. */
  warmupS: number;
  rate: number;
  connections: number;
  runs: AckRun[];
  /** What reached the Slack double during the real app's runs (sanity: modals really opened). */
  slackCalls: Record<string, number>;
  latencies: Record<string, number>;
  /** Sizes of what the bare app with the Slack calls sends (Throughline's own payloads), bytes of JSON. */
  bareBytes: { reflectView: number; recognitionPost: number; recognitionDm: number };
}

const USERS = Array.from({ length: 1000 }, (_, i) => `U${String(i + 1).padStart(5, '0')}`);
const SLACK_LATENCY_MS: Record<string, number> = {
  'views.open': 50,
  'users.info': 30,
  'chat.postMessage': 50,
  'conversations.open': 30,
};

function commandBody(command: '/reflect' | '/recognize', n: number, responseUrl: string): string {
  const giver = USERS[n % USERS.length] ?? 'U00001';
  const recipient = USERS[(n + 1) % USERS.length] ?? 'U00002';
  return slashCommandBody({
    command,
    text:
      command === '/reflect' ? '' : `<@${recipient}|person> untangled the release plan for all of us #mind`,
    teamId: TEAM.teamId,
    userId: giver,
    channelId: 'C0BENCH',
    channelName: 'bench',
    responseUrl,
  });
}

async function load(
  baseUrl: string,
  command: '/reflect' | '/recognize',
  durationS: number,
  rate: number,
  connections: number,
  responseUrl: string,
): Promise<{ latencies: number[]; statuses: Map<number, number>; result: autocannon.Result }> {
  let n = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${baseUrl}/slack/events`,
        method: 'POST',
        connections,
        overallRate: rate,
        duration: durationS,
        timeout: 10,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        requests: [
          {
            setupRequest: (request) => {
              n += 1;
              const body = commandBody(command, n, responseUrl);
              const timestamp = Math.floor(Date.now() / 1000);
              return {
                ...request,
                method: 'POST',
                body,
                headers: {
                  ...request.headers,
                  'content-type': 'application/x-www-form-urlencoded',
                  'x-slack-request-timestamp': String(timestamp),
                  'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
                },
              };
            },
          },
        ],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  return { latencies, statuses, result };
}

interface Round {
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  timeouts: number;
  cpuSeconds: number;
}

/** One round of load on one target: its latencies and the CPU its process used (work after the ack included). */
async function measureRound(
  app: AppProcess,
  command: AckRun['command'],
  options: { durationS: number; rate: number; connections: number; responseUrl: string },
): Promise<Round> {
  const cpuBefore = await processCpuSeconds(app.child.pid);
  const { latencies, statuses, result } = await load(
    app.baseUrl,
    command,
    options.durationS,
    options.rate,
    options.connections,
    options.responseUrl,
  );
  // Work after the ack (views.open, posting) still runs for a moment after the last response.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpuSeconds = (await processCpuSeconds(app.child.pid)) - cpuBefore;
  return { latencies, statuses, errors: result.errors, timeouts: result.timeouts, cpuSeconds };
}

/**
 * One command on every target, in `rounds` interleaved rounds (the order reversed every other
 * round), so that whatever else the machine does during the run falls on all targets alike
 * rather than on whichever ran at that moment: run one after the other, the bare app's CPU per
 * request moved by a quarter between runs while the real app's stayed put. Every round of every
 * target starts with `warmupS` of the same load, not measured: a process left idle while the others
 * run costs more per request in its first seconds back, and how long it was idle depends on its
 * place in the order (in 8 rounds of 6 s without it, each target's CPU per request alternated with
 * the round's direction, e.g. 0.83–1.23 against 1.71–1.90 ms, 42 against 14 s idle).
 */
async function measureInterleaved(
  targets: { target: AckRun['target']; app: AppProcess }[],
  command: AckRun['command'],
  options: {
    durationS: number;
    rounds: number;
    rate: number;
    connections: number;
    warmupS: number;
    responseUrl: string;
  },
): Promise<AckRun[]> {
  const roundS = options.durationS / options.rounds;
  const rounds = new Map<AckRun['target'], Round[]>(targets.map(({ target }) => [target, []]));
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const { target, app } of order) {
      await load(
        app.baseUrl,
        command,
        options.warmupS,
        options.rate,
        options.connections,
        options.responseUrl,
      );
      rounds.get(target)?.push(await measureRound(app, command, { ...options, durationS: roundS }));
    }
  }
  return targets.map(({ target }) => {
    const own = rounds.get(target) ?? [];
    const latencies = own.flatMap((r) => r.latencies);
    const requests = latencies.length;
    const cpuSeconds = own.reduce((sum, r) => sum + r.cpuSeconds, 0);
    const run: AckRun = {
      target,
      command,
      requests,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: Math.max(...latencies),
      non200: own
        .flatMap((r) => [...r.statuses.entries()])
        .filter(([status]) => status !== 200)
        .reduce((sum, [, count]) => sum + count, 0),
      over3s: latencies.filter((ms) => ms > 3000).length,
      errors: own.reduce((sum, r) => sum + r.errors, 0),
      timeouts: own.reduce((sum, r) => sum + r.timeouts, 0),
      achievedRate: requests / options.durationS,
      cpuMsPerRequest: (cpuSeconds * 1000) / Math.max(1, requests),
      cpuMsPerRequestByRound: own.map((r) => (r.cpuSeconds * 1000) / Math.max(1, r.latencies.length)),
    };
    say(
      `  ${target.padEnd(11)} ${command.padEnd(10)} ${run.requests} requests, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, max ${run.max.toFixed(1)} ms, non-200 ${run.non200}, errors ${run.errors}, CPU ${run.cpuMsPerRequest.toFixed(2)} ms/request (rounds ${run.cpuMsPerRequestByRound.map((ms) => ms.toFixed(2)).join(', ')})`,
    );
    return run;
  });
}

/** What the bare app with BARE_CALLS=1 sends: Throughline's own payloads, captured from the double. */
export interface BarePayloads {
  /** `views.open` of `/reflect`: the view (trigger_id is the request's). */
  reflectView: Record<string, unknown>;
  /** `chat.postMessage` of `/recognize` in the channel (channel is the request's). */
  recognitionPost: Record<string, unknown>;
  /** `chat.postMessage` of `/recognize` to the person recognised (channel is their user id). */
  recognitionDm: Record<string, unknown>;
}

interface RecordedCall {
  method: string;
  ok: boolean;
  params: Record<string, unknown>;
}

/** Calls to `method` recorded by the double, once at least `count` are there (10 s at most). */
async function waitForCalls(double: RemoteDouble, method: string, count: number): Promise<RecordedCall[]> {
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    const calls = await double.call<RecordedCall[]>('callsTo', [method]);
    if (calls.length >= count) return calls;
    await sleep(50);
  }
  throw new Error(`the real app made fewer than ${count} ${method} calls`);
}

/**
 * Drives one `/reflect` and one `/recognize` through the real app and keeps the payloads it sent
 * to Slack: the view it opened, its channel post and its DM (without channel and trigger_id).
 */
async function captureThroughlinePayloads(
  real: AppProcess,
  double: RemoteDouble,
  responseUrl: string,
): Promise<BarePayloads> {
  const send = async (command: '/reflect' | '/recognize') => {
    const body = commandBody(command, 0, responseUrl);
    const response = await postSigned(real.baseUrl, body, 'application/x-www-form-urlencoded', {
      signingSecret: SIGNING_SECRET,
    });
    if (response.status !== 200) throw new Error(`${command} answered ${response.status}`);
  };
  const without = (params: Record<string, unknown>, ...names: string[]) =>
    Object.fromEntries(Object.entries(params).filter(([name]) => !names.includes(name)));
  await double.call('clearCalls');
  await send('/reflect');
  const [opened] = await waitForCalls(double, 'views.open', 1);
  const view = opened?.params.view;
  if (!opened?.ok || typeof view !== 'object' || view === null) throw new Error('no modal was opened');
  await send('/recognize');
  const posts = await waitForCalls(double, 'chat.postMessage', 2);
  const recipient = USERS[1];
  const post = posts.find((call) => call.params.channel === 'C0BENCH');
  const dm = posts.find((call) => call.params.channel === recipient);
  if (!post?.ok || !dm?.ok) throw new Error('the recognition was not posted and sent');
  await double.call('clearCalls');
  return {
    reflectView: view as Record<string, unknown>,
    recognitionPost: without(post.params, 'channel'),
    recognitionDm: without(dm.params, 'channel'),
  };
}

export async function benchAckLatency(
  options: {
    durationS?: number;
    rounds?: number;
    rate?: number;
    connections?: number;
    warmupS?: number;
  } = {},
): Promise<AckLatencyResult> {
  const durationS = options.durationS ?? 20;
  const rounds = options.rounds ?? 4;
  const rate = options.rate ?? 200;
  const connections = options.connections ?? 20;
  const warmupS = options.warmupS ?? 3;
  say(
    `ack latency: ${rate} req/s for ${durationS} s per target and command in ${rounds} interleaved rounds (each after ${warmupS} s of unmeasured load), ${connections} connections`,
  );
  const redis = await privateRedis(['--appendonly', 'yes', '--appendfsync', 'everysec']);
  const double: RemoteDouble = await startRemoteDouble({ teams: [TEAM] });
  await double.call('addUsers', USERS);
  for (const [method, ms] of Object.entries(SLACK_LATENCY_MS)) await double.call('setLatency', [ms, method]);
  const responseUrl = await double.call<string>('responseUrl', ['bench']);

  const bare = await startProcess(
    'bare-bolt',
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN },
    'bench/support/bare-bolt-app.ts',
  );
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the real app there (for finding hot spots).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const real = await startProcess(
    'throughline-ack',
    appEnv(double.apiUrl, redis.url, { ROLE: 'all' }),
    'src/main.ts',
    profile,
  );
  await waitForStatus(`${real.baseUrl}/healthz`);
  // The baseline sends what the real app sends: its modal, its post and its DM, captured first.
  const payloads = await captureThroughlinePayloads(real, double, responseUrl);
  const payloadFile = join(LOG_DIR, 'bare-payloads.json');
  writeFileSync(payloadFile, JSON.stringify(payloads));
  const bareWithCalls = (name: string, calls: '1' | 'all') =>
    startProcess(
      name,
      {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: double.apiUrl,
        BARE_CALLS: calls,
        BARE_PAYLOADS: payloadFile,
      },
      'bench/support/bare-bolt-app.ts',
    );
  const bareCalls = await bareWithCalls('bare-bolt-calls', '1');
  const bareAllCalls = await bareWithCalls('bare-bolt-all-calls', 'all');
  await waitForLog(bare.logFile, /bare bolt app started/);
  await waitForLog(bareCalls.logFile, /bare bolt app started/);
  await waitForLog(bareAllCalls.logFile, /bare bolt app started/);

  const settings = { durationS, rounds, rate, connections, warmupS, responseUrl };
  const targets = [
    { target: 'bare' as const, app: bare },
    { target: 'bare-calls' as const, app: bareCalls },
    { target: 'throughline' as const, app: real },
  ];
  // /recognize only: Throughline's /reflect makes no call beyond the views.open bare-calls makes.
  const recognizeTargets = [...targets, { target: 'bare-all-calls' as const, app: bareAllCalls }];
  const runs: AckRun[] = [];
  await double.call('clearCalls');
  // BENCH_ACK_COMMANDS=/recognize measures one command only (e.g. for a CPU profile of it).
  const commands = (['/reflect', '/recognize'] as const).filter(
    (command) =>
      !process.env.BENCH_ACK_COMMANDS || process.env.BENCH_ACK_COMMANDS.split(',').includes(command),
  );
  for (const command of commands)
    runs.push(
      ...(await measureInterleaved(command === '/recognize' ? recognizeTargets : targets, command, settings)),
    );
  // Let the background work of the last requests finish before counting Slack calls.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const slackCalls = await double.call<Record<string, number>>('callSummary');
  const crashed = [bare, bareCalls, bareAllCalls, real].filter((p) => !p.alive());
  if (crashed.length > 0)
    throw new Error(`a target process died during the ack bench (${crashed[0]?.logFile})`);
  await real.stop();
  await bare.stop();
  await bareCalls.stop();
  await bareAllCalls.stop();
  await double.close();
  await redis.stop();
  const bareBytes = {
    reflectView: JSON.stringify(payloads.reflectView).length,
    recognitionPost: JSON.stringify(payloads.recognitionPost).length,
    recognitionDm: JSON.stringify(payloads.recognitionDm).length,
  };
  return {
    durationS,
    rounds,
    warmupS,
    rate,
    connections,
    runs,
    slackCalls,
    latencies: SLACK_LATENCY_MS,
    bareBytes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  hookSignals();
  try {
    const result = await benchAckLatency({
      durationS: Number(process.argv[2] ?? 20),
      rate: Number(process.argv[3] ?? 200),
      rounds: Number(process.argv[4] ?? 4),
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await cleanup();
  }
}
