/**
 * Pacing against Slack's limits, and what pacing costs. N nudge DMs fall due at the same instant
 * and a real ROLE=worker process sends them to a Slack double that enforces 1 chat.postMessage per
 * second per channel and a workspace limit per minute (sliding window), answering 429 +
 * Retry-After past them; NUDGES_PER_MINUTE is set to the workspace limit.
 *
 * Figures of one run: completion time against the theoretical minimum at the sustained rate
 * (N / limit minutes), 429s as a share of calls, and, from the moment the jobs are armed (the worker
 * up and idle for BENCH_WORKER_SETTLE_S, 90 s, first, as a long-running worker is) to the last
 * DM: the worker's CPU (/proc), Redis's CPU and the commands Redis ran (INFO), per DM and as a
 * share of a core.
 *
 * `benchPacingCost` runs the same batch three ways in one go: paced at the limit, unpaced (pacing
 * off, no limits: the same necessary work per DM, the baseline), and paced with one 429 in the
 * middle (Retry-After 20 s), whose pause is the window in which the worker only waits.
 *
 * Run alone: `npx tsx bench/pacing.ts [dms] [perMinute]` (one paced run) or
 * `npx tsx bench/pacing.ts cost [dms] [perMinute]` (the three runs) or
 * `npx tsx bench/pacing.ts unpaced [dms]` (the baseline alone: throughput, for comparing changes).
 */
import type { WorkspaceGate } from '#src/nudges/workspace-gate.ts';
import type { PostLimits, SlackDouble } from '#src/sandbox/slack-double.ts';
import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { people } from './drills/support.ts';
import {
  appEnv,
  cleanup,
  dueInRealTime,
  hookSignals,
  inProcessApp,
  privateRedis,
  say,
  sleep,
  startProcess,
  TEAM,
  waitForLog,
  workerNodeArgs,
} from './support/harness.ts';
import { type KernelCounts, snapshot, type Usage, usageBetween } from './support/measure.ts';

/**
 * Pacing as good as off: the highest NUDGES_PER_MINUTE the configuration takes (16 slots per ms,
 * far more than a worker sends); the run reports any `delayed_paced` outcome, which would mean it was not.
 */
export const UNPACED = 1_000_000;

export interface PacingResult {
  label: string;
  dms: number;
  perMinute: number;
  nudgesPerMinute: number;
  perChannelPerSecond: number;
  /** From the first chat.postMessage attempt to the last accepted one, seconds. */
  completionS: number;
  /** N / perMinute minutes, in seconds (0 when unpaced). */
  theoreticalS: number;
  ratio: number;
  postCalls: number;
  limited: number;
  limitedShare: number;
  delivered: number;
  duplicated: number;
  /** From the armed jobs (worker idle) to the last DM. */
  usage: Usage;
  workerCpuMsPerDm: number;
  redisCpuMsPerDm: number;
  /** Worker plus Redis. */
  cpuMsPerDm: number;
  commandsPerDm: number;
  /** Read/write system calls and context switches per DM (KernelCounts), of the worker and of Redis. */
  kernelPerDm: { worker: KernelCounts; redis: KernelCounts };
  /** Worker CPU over the run's wall time, % of one core. */
  workerCorePct: number;
  /**
   * The worker's and Redis's CPU, % of a core, while every job was armed and none due yet (between
   * the enrolment and the due minute): what an idle worker process costs by itself, whatever it sends.
   */
  idle?: { seconds: number; workerCorePct: number; redisCorePct: number };
  /** Redis memory the run left per delivered DM (sent-marker, prompt record; next week's job replaces this week's). */
  memoryPerDmBytes: number;
  /** The worker's job outcomes (throughline_nudges_total), e.g. sent, delayed_paced. */
  outcomes: Record<string, number>;
  /** Only with `pause`: the window in which every remaining job waited for the pause's end. */
  pause?: {
    retryAfterS: number;
    waiting: number;
    usage: Usage;
    workerCorePct: number;
    redisCorePct: number;
    commandsPerS: number;
    /** ok posts between the 429 and the end of its Retry-After (should be 0). */
    postsDuringPause: number;
  };
}

async function workerOutcomes(baseUrl: string): Promise<Record<string, number>> {
  const text = await fetch(`${baseUrl}/metrics`).then((r) => r.text());
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^throughline_nudges_total\{[^}]*outcome="([^"]+)"\} (\d+)/gm)) {
    const [, outcome, n] = match;
    if (outcome) counts[outcome] = (counts[outcome] ?? 0) + Number(n);
  }
  return counts;
}

/**
 * Enrols `ids` of T1 through the real nudge service (this process's clock is the system clock, as
 * the worker's) for the first whole minute at least `leadMs` away: every job is due at that real
 * instant, returned. The people must be known to the double in `BENCH_TZ`.
 */
async function enrolDueAt(
  redisUrl: string,
  slackApiUrl: string,
  ids: string[],
  leadMs: number,
  nudgesPerMinute: number,
) {
  const { schedule, tz, dueAt } = dueInRealTime(leadMs);
  // The worker's pace: arming a job books its send slot.
  const web = inProcessApp(redisUrl, slackApiUrl, undefined, { NUDGES_PER_MINUTE: String(nudgesPerMinute) });
  const nudges = web.deps.nudges;
  if (!nudges) throw new Error('the app has no nudge feature');
  try {
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(ids.slice(i, i + 50).map((id) => nudges.service.enrol('T1', id, tz, schedule)));
    }
  } finally {
    await web.stop();
  }
  if (Date.now() >= dueAt.getTime()) throw new Error('enrolment ran past the due minute: raise the lead');
  return dueAt.getTime();
}

/** Seconds the worker process is left idle after its start before anything is armed (BENCH_WORKER_SETTLE_S). */
export const WORKER_SETTLE_S = Number(process.env.BENCH_WORKER_SETTLE_S ?? 90);

/** The people's zone (dueInRealTime schedules in UTC; a different zone at users.info would move them). */
const BENCH_TZ = 'UTC';

function okPosts(double: SlackDouble) {
  return double.callsTo('chat.postMessage').filter((call) => call.ok);
}

export async function benchPacing(
  options: {
    dms?: number;
    perMinute?: number;
    nudgesPerMinute?: number;
    /** null: the double enforces nothing (the unpaced baseline). */
    limits?: PostLimits | null;
    label?: string;
    /** One 429 with this Retry-After once `afterDelivered` DMs went out. */
    pause?: { afterDelivered: number; retryAfterS: number };
  } = {},
): Promise<PacingResult> {
  const dms = options.dms ?? 5000;
  const perMinute = options.perMinute ?? 3000;
  const nudgesPerMinute = options.nudgesPerMinute ?? perMinute;
  const limits =
    options.limits === undefined ? { perChannelPerSecond: 1, workspacePerMinute: perMinute } : options.limits;
  const label = options.label ?? `paced at ${perMinute}/min`;
  say(
    `pacing (${label}): ${dms} DMs due at once, ${limits ? `Slack limit 1/s per channel and ${perMinute}/min per workspace` : 'no Slack limits'}, NUDGES_PER_MINUTE=${nudgesPerMinute}${options.pause ? `, one 429 (Retry-After ${options.pause.retryAfterS} s) after ${options.pause.afterDelivered} DMs` : ''}`,
  );
  const redis = await privateRedis(['--appendonly', 'yes']);
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    const ids = people(dms);
    // Slack answers users.info with include_locale with everyone's locale (en-US unless they chose another).
    for (const id of ids) double.addUser({ id, tz: BENCH_TZ, locale: 'en-US' });
    double.setLatency(5);
    const worker = await startProcess(
      'pacing-worker',
      appEnv(double.apiUrl, redis.url, {
        ROLE: 'worker',
        NUDGES_PER_MINUTE: String(nudgesPerMinute),
        NUDGE_FOLLOW_UP: 'off',
      }),
      undefined,
      workerNodeArgs(),
    );
    await waitForLog(worker.logFile, /worker started/, 90_000);
    // A production worker runs for days: its start-up (loading TypeScript, then the garbage
    // collections that follow) is bench/worker-startup.ts's figure, not pacing's.
    await sleep(WORKER_SETTLE_S * 1000);
    const enrolStarted = Date.now();
    const dueReal = await enrolDueAt(redis.url, double.apiUrl, ids, 5000 + dms * 4, nudgesPerMinute);
    say(`  enrolled ${dms} people in ${((Date.now() - enrolStarted) / 1000).toFixed(1)} s`);
    double.reset();
    double.enforceLimits(limits);
    // The worker's own idle cost, every job armed and none due: after a few seconds' settling from
    // the enrolment, until just before the jobs fall due.
    await sleep(Math.min(3000, Math.max(0, dueReal - 5100 - Date.now())));
    const idleFrom = await snapshot(worker.child.pid, redis.url);
    // Measured from just before the jobs fall due (the worker up and idle, every job armed).
    await sleep(Math.max(0, dueReal - 100 - Date.now()));
    const from = await snapshot(worker.child.pid, redis.url);
    const idleUsage = usageBetween(idleFrom, from);
    const idle =
      idleUsage.wallS >= 5
        ? {
            seconds: idleUsage.wallS,
            workerCorePct: (100 * idleUsage.workerCpuS) / idleUsage.wallS,
            redisCorePct: (100 * idleUsage.redisCpuS) / idleUsage.wallS,
          }
        : undefined;
    say('  the jobs fall due: measuring');
    if (from.at > dueReal) say(`  (the jobs fell due ${from.at - dueReal} ms before the first snapshot)`);

    const theoreticalS = limits ? (dms / perMinute) * 60 : 0;
    const deadline = Date.now() + theoreticalS * 3000 + 120_000 + (options.pause?.retryAfterS ?? 0) * 1000;
    let pause: PacingResult['pause'];
    let delivered = 0;
    while (Date.now() < deadline) {
      delivered = okPosts(double).length;
      if (delivered >= dms) break;
      if (options.pause && !pause && delivered >= options.pause.afterDelivered) {
        pause = await measurePause(double, worker.child.pid, redis.url, options.pause.retryAfterS, dms);
        continue;
      }
      await sleep(limits ? 100 : 20);
    }
    const to = await snapshot(worker.child.pid, redis.url);
    const outcomes = await workerOutcomes(worker.baseUrl).catch(() => ({}));
    await sleep(1000);
    await worker.stop();

    const posts = double.callsTo('chat.postMessage');
    const ok = posts.filter((call) => call.ok);
    const limited = posts.filter((call) => call.status === 429).length;
    const first = posts[0]?.at ?? 0;
    const last = ok[ok.length - 1]?.at ?? first;
    const perPerson = new Map<string, number>();
    for (const call of ok)
      perPerson.set(String(call.params.channel), (perPerson.get(String(call.params.channel)) ?? 0) + 1);
    const completionS = (last - first) / 1000;
    const usage = usageBetween(from, to);
    const n = Math.max(1, ok.length);
    const result: PacingResult = {
      label,
      dms,
      perMinute,
      nudgesPerMinute,
      perChannelPerSecond: 1,
      completionS,
      theoreticalS: theoreticalS + (pause ? pause.retryAfterS : 0),
      ratio: theoreticalS > 0 ? completionS / (theoreticalS + (pause ? pause.retryAfterS : 0)) : Number.NaN,
      postCalls: posts.length,
      limited,
      limitedShare: posts.length === 0 ? 0 : limited / posts.length,
      delivered: ok.length,
      duplicated: [...perPerson.values()].filter((count) => count > 1).length,
      usage,
      workerCpuMsPerDm: (usage.workerCpuS * 1000) / n,
      redisCpuMsPerDm: (usage.redisCpuS * 1000) / n,
      cpuMsPerDm: ((usage.workerCpuS + usage.redisCpuS) * 1000) / n,
      commandsPerDm: usage.redisCommands / n,
      kernelPerDm: {
        worker: { ioCalls: usage.workerKernel.ioCalls / n, switches: usage.workerKernel.switches / n },
        redis: { ioCalls: usage.redisKernel.ioCalls / n, switches: usage.redisKernel.switches / n },
      },
      workerCorePct: (100 * usage.workerCpuS) / Math.max(0.001, usage.wallS),
      memoryPerDmBytes: (to.redis.usedMemory - from.redis.usedMemory) / n,
      outcomes,
      ...(idle ? { idle } : {}),
      ...(pause ? { pause } : {}),
    };
    say(
      `  ${result.delivered}/${dms} delivered (${result.duplicated} twice) in ${completionS.toFixed(1)} s (minimum ${result.theoreticalS.toFixed(0)} s, ${result.ratio.toFixed(3)}×); ${limited} of ${posts.length} calls got 429 (${(result.limitedShare * 100).toFixed(2)} %)`,
    );
    say(
      `  per DM: worker ${result.workerCpuMsPerDm.toFixed(2)} ms + Redis ${result.redisCpuMsPerDm.toFixed(2)} ms CPU, ${result.commandsPerDm.toFixed(1)} Redis commands; read/write syscalls and context switches: worker ${result.kernelPerDm.worker.ioCalls.toFixed(1)} and ${result.kernelPerDm.worker.switches.toFixed(1)}, Redis ${result.kernelPerDm.redis.ioCalls.toFixed(1)} and ${result.kernelPerDm.redis.switches.toFixed(1)}; worker ${result.workerCorePct.toFixed(1)} % of a core over ${usage.wallS.toFixed(1)} s; outcomes ${JSON.stringify(outcomes)}`,
    );
    if (idle)
      say(
        `  idle before the jobs fell due (${idle.seconds.toFixed(1)} s): worker ${idle.workerCorePct.toFixed(2)} % of a core, Redis ${idle.redisCorePct.toFixed(2)} %`,
      );
    if (pause) {
      say(
        `  during the pause (${pause.usage.wallS.toFixed(1)} s, ${pause.waiting} jobs waiting): worker ${pause.workerCorePct.toFixed(2)} % of a core, Redis ${pause.redisCorePct.toFixed(2)} %, ${pause.commandsPerS.toFixed(1)} commands/s; ${pause.postsDuringPause} DMs inside the pause`,
      );
    }
    return result;
  } finally {
    await double.close();
    await redis.stop();
  }
}

/** After the injected 429: the worker's and Redis's use while every remaining job waits. */
async function measurePause(
  double: SlackDouble,
  pid: number | undefined,
  redisUrl: string,
  retryAfterS: number,
  dms: number,
): Promise<NonNullable<PacingResult['pause']>> {
  double.rateLimit('chat.postMessage', retryAfterS, { teamId: TEAM.teamId, times: 1 });
  const [limited] = await double.waitFor(
    (call) => call.method === 'chat.postMessage' && call.status === 429,
    {
      timeoutMs: 60_000,
    },
  );
  const limitedAt = limited?.at ?? Date.now();
  // The job that got the 429 pauses the workspace a moment later; measure inside the pause.
  await sleep(Math.max(0, limitedAt + 1000 - Date.now()));
  const from = await snapshot(pid, redisUrl);
  // Every job not yet sent waits for its slot (booked, or reserved after the pause).
  const waiting = dms - okPosts(double).length;
  await sleep(Math.max(0, limitedAt + (retryAfterS - 1) * 1000 - Date.now()));
  const to = await snapshot(pid, redisUrl);
  const usage = usageBetween(from, to);
  await sleep(Math.max(0, limitedAt + retryAfterS * 1000 - Date.now()));
  const postsDuringPause = okPosts(double).filter(
    (call) => call.at > limitedAt + 200 && call.at < limitedAt + retryAfterS * 1000,
  ).length;
  return {
    retryAfterS,
    waiting,
    usage,
    workerCorePct: (100 * usage.workerCpuS) / usage.wallS,
    redisCorePct: (100 * usage.redisCpuS) / usage.wallS,
    commandsPerS: usage.redisCommands / usage.wallS,
    postsDuringPause,
  };
}

export interface PacingCostResult {
  paced: PacingResult;
  unpaced: PacingResult;
  paused: PacingResult;
  /** Redis memory per waiting job's reservation. */
  reservationBytes: number;
  /** Redis memory per booked minute in a workspace's send calendar (one entry per minute with bookings). */
  calendarMinuteBytes: number;
}

/** The same batch paced at `perMinute`, unpaced (the baseline), and paced with one 429 pause. */
export async function benchPacingCost(
  options: { dms?: number; perMinute?: number } = {},
): Promise<PacingCostResult> {
  const dms = options.dms ?? 1000;
  const perMinute = options.perMinute ?? 300;
  const unpaced = await benchPacing({
    dms,
    perMinute,
    nudgesPerMinute: UNPACED,
    limits: null,
    label: 'unpaced',
  });
  const paced = await benchPacing({ dms, perMinute, label: `paced at ${perMinute}/min` });
  const pausedDms = Math.min(dms, Math.ceil(perMinute / 3));
  const paused = await benchPacing({
    dms: pausedDms,
    perMinute,
    label: `paced at ${perMinute}/min, one 429`,
    pause: { afterDelivered: Math.ceil(pausedDms / 10), retryAfterS: 20 },
  });
  return {
    paced,
    unpaced,
    paused,
    reservationBytes: await measureReservationBytes(),
    calendarMinuteBytes: await measureCalendarBytes(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  hookSignals();
  try {
    const mode = process.argv[2] === 'cost' || process.argv[2] === 'unpaced' ? process.argv[2] : 'paced';
    const args = mode === 'paced' ? process.argv.slice(2) : process.argv.slice(3);
    const dms = Number(args[0] ?? (mode === 'paced' ? 5000 : 1000));
    const perMinute = Number(args[1] ?? (mode === 'cost' ? 300 : 3000));
    const result =
      mode === 'cost'
        ? await benchPacingCost({ dms, perMinute })
        : mode === 'unpaced'
          ? await benchPacing({ dms, perMinute, nudgesPerMinute: UNPACED, limits: null, label: 'unpaced' })
          : await benchPacing({ dms, perMinute });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await cleanup();
  }
}

/**
 * Redis memory per operation: a private Redis and a gate at 300/min, `prepare` once (so the workspace's
 * keys exist before the count starts), then `count` calls of `operation(i)`, 100 at a time.
 */
async function memoryPerOperation(
  count: number,
  prepare: (gate: WorkspaceGate) => Promise<unknown>,
  operation: (gate: WorkspaceGate, i: number) => Promise<unknown>,
): Promise<number> {
  const { Redis } = await import('ioredis');
  const { createWorkspaceGate } = await import('#src/nudges/workspace-gate.ts');
  const { redisCounters } = await import('./support/measure.ts');
  const server = await privateRedis();
  const redis = new Redis(server.url);
  try {
    const gate = createWorkspaceGate(redis, { perMinute: 300 });
    await prepare(gate);
    const before = await redisCounters(server.url);
    for (let i = 0; i < count; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => operation(gate, i + j)));
    }
    const after = await redisCounters(server.url);
    return (after.usedMemory - before.usedMemory) / count;
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

/** Redis memory per waiting job's reservation: `count` job ids of real length reserved in one workspace. */
export function measureReservationBytes(count = 10_000): Promise<number> {
  return memoryPerOperation(
    count,
    (gate) => gate.reserveSlot('T000000001', 'first'),
    (gate, i) => gate.reserveSlot('T000000001', `nudge-T000000001-U${String(i).padStart(9, '0')}-2026W49`),
  );
}

/** Redis memory per minute with bookings in a workspace's send calendar: `count` distinct minutes booked. */
export function measureCalendarBytes(count = 10_000): Promise<number> {
  const start = Math.ceil(Date.now() / 60_000) * 60_000 + 3600_000;
  return memoryPerOperation(
    count,
    (gate) => gate.bookSlot('T000000001', start - 60_000),
    (gate, i) => gate.bookSlot('T000000001', start + i * 60_000),
  );
}
