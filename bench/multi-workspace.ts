/**
 * Fairness across workspaces: many small workspaces and one large one, every nudge due in the same
 * minute, `workers` ROLE=worker processes in multi-workspace (OAuth) mode, each workspace with its
 * own bot token at the Slack double, which enforces 1 chat.postMessage per second per channel and
 * `perMinute` per workspace (429 + Retry-After past them); NUDGES_PER_MINUTE is the same.
 *
 * Phases, each on a fresh Redis: the small workspaces alone (the baseline: what the worker
 * processes' throughput alone costs) and the same small workspaces with the large one, whose
 * people are enrolled first. The worker processes are up and idle first; then everyone is enrolled
 * through the real nudge service (each job booking its workspace's send slot as it is armed) for
 * the same whole minute of real time, and time 0 is that minute.
 *
 * Figures per phase: each small workspace's completion time (its last DM) against its own
 * theoretical time (its size at the workspace rate), and punctuality: for each DM, its lateness
 * against time 0 minus its physical floor (its position in its workspace's queue divided by the
 * rate), p50 and p99, for the small workspaces and for the large one (while it is observed: at
 * 300/min 20,000 DMs take 67 minutes, so it is watched for `observeBigS` after the small ones are done).
 *
 * A last pair of phases (`fitSmallWorkspaces`) repeats both with fewer small workspaces, as many as
 * one worker process here sends in their own time, so that fairness shows apart from throughput.
 *
 * Run alone: `npx tsx bench/multi-workspace.ts [smallWorkspaces] [smallSize] [bigSize] [perMinute] [moreWorkers] [fitSmallWorkspaces]`.
 */
import type { Installation } from '@slack/oauth';
import { pino } from 'pino';
import { createThroughline } from '#src/app.ts';
import { DEFAULT_NUDGE_WORKER_CONCURRENCY, loadConfig } from '#src/config.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import {
  cleanup,
  dueInRealTime,
  fmt,
  hookSignals,
  privateRedis,
  quantile,
  SIGNING_SECRET,
  say,
  sleep,
  startProcess,
  waitForLog,
  workerNodeArgs,
} from './support/harness.ts';
import { ownCpuMs, snapshot, type Usage, usageBetween } from './support/measure.ts';

const OAUTH_ENV = {
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'bench-client-secret',
  SLACK_STATE_SECRET: 'bench-state-secret',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

interface Workspace {
  teamId: string;
  token: string;
  people: string[];
}

function workspaces(
  small: number,
  smallSize: number,
  bigSize: number,
): { small: Workspace[]; big: Workspace } {
  const make = (teamId: string, size: number): Workspace => ({
    teamId,
    token: `xoxb-bench-${teamId.toLowerCase()}`,
    people: Array.from({ length: size }, (_, i) => `U${String(i + 1).padStart(6, '0')}`),
  });
  return {
    small: Array.from({ length: small }, (_, i) => make(`TS${String(i + 1).padStart(5, '0')}`, smallSize)),
    big: make('TBIG', bigSize),
  };
}

export interface PhaseResult {
  label: string;
  workspaces: number;
  dms: number;
  /** Seconds from time 0 until the last small workspace had all its DMs. */
  smallDoneS: number;
  /** Per small workspace: its last DM, seconds after time 0. */
  smallCompletion: { p50: number; p99: number; max: number };
  /** A small workspace's theoretical time: its size at the workspace rate, seconds. */
  smallTheoreticalS: number;
  /** Small workspaces whose last DM came later than their theoretical time + 10 s. */
  smallOverAim: number;
  /** Lateness minus floor, seconds. */
  small: { p50: number; p99: number; n: number };
  big?: { p50: number; p99: number; n: number; delivered: number; observedS: number; rateAchieved: number };
  limited: number;
  postCalls: number;
  duplicated: number;
  usage: Usage;
  workerCorePct: number;
  /** Worker CPU until the last small workspace was done (without the large one's observation), % of a core. */
  smallWorkerCorePct: number;
  /**
   * CPU per DM sent until the last small workspace was done, ms: the worker process(es), Redis, and
   * the Slack double (this process: in production Slack's servers do that work, here it shares the
   * machine's cores with the bot).
   */
  cpuMsPerDm: { worker: number; redis: number; slackDouble: number };
}

/** The people's zone (dueInRealTime schedules in UTC; a different zone at users.info would move them). */
const BENCH_TZ = 'UTC';

async function runPhase(
  label: string,
  small: Workspace[],
  big: Workspace | undefined,
  perMinute: number,
  observeBigS: number,
  concurrency: number,
  workerCount: number,
): Promise<PhaseResult> {
  const all = big ? [big, ...small] : small;
  const dms = all.reduce((sum, w) => sum + w.people.length, 0);
  say(
    `multi-workspace (${label}): ${all.length} workspaces, ${dms.toLocaleString('en-US')} DMs, ${perMinute}/min each, ${workerCount} worker process(es)`,
  );
  const redis = await privateRedis(['--appendonly', 'yes']);
  const double: SlackDouble = await startSlackDouble({
    teams: all.map((w) => ({ teamId: w.teamId, botToken: w.token, botUserId: 'UBOT', botId: 'BBOT' })),
  });
  try {
    // Slack answers users.info with include_locale with everyone's locale (en-US unless they chose another).
    for (const w of all)
      for (const id of w.people) double.addUser({ teamId: w.teamId, id, tz: BENCH_TZ, locale: 'en-US' });
    double.setLatency(5);
    const env = {
      ...OAUTH_ENV,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: double.apiUrl,
      REDIS_URL: redis.url,
      NUDGES_PER_MINUTE: String(perMinute),
      NUDGE_FOLLOW_UP: 'off',
      NUDGE_WORKER_CONCURRENCY: String(concurrency),
    };
    // The worker processes are up and idle before anything is armed.
    const workers = await Promise.all(
      Array.from({ length: workerCount }, (_, i) =>
        startProcess(
          `multi-workspace-worker-${i + 1}`,
          { ...env, ROLE: 'worker', LOG_LEVEL: 'info' },
          undefined,
          workerNodeArgs(),
        ),
      ),
    );
    await Promise.all(workers.map((worker) => waitForLog(worker.logFile, /worker started/, 120_000)));

    const loaded = loadConfig({ ...env, PORT: '0', ROLE: 'web', LOG_LEVEL: 'silent' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    // Everyone for the same minute of real time, far enough ahead for the enrolment (about 2 ms a
    // person here); if enrolment ran past it anyway, the clock stops just before it, so the late
    // ones are still armed for it (and due at once).
    let due = dueInRealTime(20_000 + dms * 2.5);
    const installStarted = Date.now();
    const web = createThroughline(loaded.config, {
      logger: pino({ level: 'silent' }),
      clock: { now: () => new Date(Math.min(Date.now(), due.dueAt.getTime() - 1)) },
    });
    try {
      const installations = web.deps.installations;
      const nudges = web.deps.nudges;
      if (!installations || !nudges) throw new Error('the app is not in multi-workspace mode');
      // The installation store is on the fail-fast connection (no offline queue): wait until it is up.
      for (let i = 0; i < 200 && web.deps.redis.interactive.status !== 'ready'; i++) await sleep(50);
      for (const w of all) {
        await installations.storeInstallation({
          team: { id: w.teamId, name: w.teamId },
          enterprise: undefined,
          user: { id: 'UADMIN', token: undefined, scopes: undefined },
          bot: {
            token: w.token,
            scopes: ['chat:write', 'im:write', 'users:read'],
            id: 'BBOT',
            userId: 'UBOT',
          },
          tokenType: 'bot',
          isEnterpriseInstall: false,
          appId: 'A0THROUGHLINE',
        } as Installation);
      }
      say(`  installed ${all.length} workspaces in ${((Date.now() - installStarted) / 1000).toFixed(1)} s`);
      due = dueInRealTime(20_000 + dms * 2.5);
      const enrolStarted = Date.now();
      const jobs = all.flatMap((w) => w.people.map((id) => [w.teamId, id] as const));
      for (let i = 0; i < jobs.length; i += 100) {
        await Promise.all(
          jobs
            .slice(i, i + 100)
            .map(([teamId, id]) => nudges.service.enrol(teamId, id, due.tz, due.schedule)),
        );
      }
      const lateMs = Date.now() - due.dueAt.getTime();
      say(
        `  enrolled ${dms.toLocaleString('en-US')} people in ${((Date.now() - enrolStarted) / 1000).toFixed(1)} s${lateMs > 0 ? ` (${lateMs} ms past the due minute: the last ones were due at once)` : ''}`,
      );
    } finally {
      await web.stop();
    }
    double.reset();
    double.enforceLimits({ perChannelPerSecond: 1, workspacePerMinute: perMinute });

    // Time 0: the minute every nudge is due; measured from just before it.
    const t0 = due.dueAt.getTime();
    await sleep(Math.max(0, t0 - 100 - Date.now()));
    const pids = workers.map((worker) => worker.child.pid);
    const from = await snapshot(pids, redis.url);
    const doubleCpuFrom = ownCpuMs();
    const smallIds = new Set(small.map((w) => w.teamId));
    const smallDms = small.reduce((sum, w) => sum + w.people.length, 0);
    const countSmall = () => {
      let n = 0;
      for (const call of double.callsTo('chat.postMessage'))
        if (call.ok && call.teamId && smallIds.has(call.teamId)) n += 1;
      return n;
    };
    const deadline = t0 + 30 * 60_000;
    while (countSmall() < smallDms && Date.now() < deadline) await sleep(250);
    const smallDone = Date.now();
    const atSmallDone = await snapshot(pids, redis.url);
    const doubleCpuMs = ownCpuMs() - doubleCpuFrom;
    const sentBySmallDone = double.callsTo('chat.postMessage').filter((call) => call.ok).length;
    if (big) await sleep(observeBigS * 1000);
    const to = await snapshot(pids, redis.url);
    await Promise.all(workers.map((worker) => worker.stop()));

    const posts = double.callsTo('chat.postMessage');
    const ok = posts.filter((call) => call.ok).sort((a, b) => a.at - b.at);
    const interval = 60_000 / perMinute;
    const positions = new Map<string, number>();
    const seen = new Map<string, number>();
    const slack: number[] = [];
    const bigSlack: number[] = [];
    const lastOf = new Map<string, number>();
    for (const call of ok) {
      const team = call.teamId ?? '?';
      const position = positions.get(team) ?? 0;
      positions.set(team, position + 1);
      const key = `${team}:${String(call.params.channel)}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const lateness = (call.at - t0) / 1000 - (position * interval) / 1000;
      if (team === big?.teamId) bigSlack.push(lateness);
      else slack.push(lateness);
      lastOf.set(team, (call.at - t0) / 1000);
    }
    const completions = small.map((w) => lastOf.get(w.teamId) ?? Number.POSITIVE_INFINITY);
    const smallTheoreticalS = ((small[0]?.people.length ?? 0) * interval) / 1000;
    const usage = usageBetween(from, to);
    const untilSmallDone = usageBetween(from, atSmallDone);
    const bigDelivered = big ? bigSlack.length : 0;
    const observedS = (to.at - t0) / 1000;
    const result: PhaseResult = {
      label,
      workspaces: all.length,
      dms,
      smallDoneS: (smallDone - t0) / 1000,
      smallCompletion: {
        p50: quantile(completions, 0.5),
        p99: quantile(completions, 0.99),
        max: Math.max(...completions),
      },
      smallTheoreticalS,
      smallOverAim: completions.filter((s) => s > smallTheoreticalS + 10).length,
      small: { p50: quantile(slack, 0.5), p99: quantile(slack, 0.99), n: slack.length },
      ...(big
        ? {
            big: {
              p50: quantile(bigSlack, 0.5),
              p99: quantile(bigSlack, 0.99),
              n: bigSlack.length,
              delivered: bigDelivered,
              observedS,
              rateAchieved: (bigDelivered / observedS) * 60,
            },
          }
        : {}),
      limited: posts.filter((call) => call.status === 429).length,
      postCalls: posts.length,
      duplicated: [...seen.values()].filter((n) => n > 1).length,
      usage,
      workerCorePct: (100 * usage.workerCpuS) / usage.wallS,
      smallWorkerCorePct: (100 * untilSmallDone.workerCpuS) / Math.max(0.001, untilSmallDone.wallS),
      cpuMsPerDm: {
        worker: (1000 * untilSmallDone.workerCpuS) / sentBySmallDone,
        redis: (1000 * untilSmallDone.redisCpuS) / sentBySmallDone,
        slackDouble: doubleCpuMs / sentBySmallDone,
      },
    };
    say(
      `  small workspaces done ${fmt(result.smallDoneS, 1)} s after time 0 (each: p50 ${fmt(result.smallCompletion.p50, 1)} s, p99 ${fmt(result.smallCompletion.p99, 1)} s, max ${fmt(result.smallCompletion.max, 1)} s; own theoretical ${fmt(smallTheoreticalS, 1)} s; ${result.smallOverAim} over theoretical + 10 s)`,
    );
    say(
      `  lateness minus floor, small: p50 ${fmt(result.small.p50, 2)} s, p99 ${fmt(result.small.p99, 2)} s${result.big ? `; large: p50 ${fmt(result.big.p50, 2)} s, p99 ${fmt(result.big.p99, 2)} s over ${result.big.delivered} DMs in ${fmt(observedS, 0)} s (${fmt(result.big.rateAchieved, 0)}/min)` : ''}; 429s ${result.limited} of ${result.postCalls}; duplicates ${result.duplicated}; worker ${fmt(result.workerCorePct, 0)} % of a core; CPU per DM until the small ones were done: worker ${fmt(result.cpuMsPerDm.worker, 2)} ms, Redis ${fmt(result.cpuMsPerDm.redis, 2)} ms, Slack double ${fmt(result.cpuMsPerDm.slackDouble, 2)} ms`,
    );
    return result;
  } finally {
    await double.close();
    await redis.stop();
  }
}

export interface MultiWorkspaceResult {
  smallWorkspaces: number;
  smallSize: number;
  bigSize: number;
  perMinute: number;
  concurrency: number;
  alone: PhaseResult;
  withBig: PhaseResult;
  /** The phase with the large workspace again, on `moreWorkers` worker processes. */
  withBigMoreWorkers?: PhaseResult;
  moreWorkers?: number;
  /**
   * The same two phases with only the first `smallWorkspaces` small workspaces: few enough that one
   * worker process on this machine can send them all in their own time, so what is left is fairness.
   */
  fitted?: { smallWorkspaces: number; alone: PhaseResult; withBig: PhaseResult };
}

export async function benchMultiWorkspace(
  options: {
    smallWorkspaces?: number;
    smallSize?: number;
    bigSize?: number;
    perMinute?: number;
    observeBigS?: number;
    /** NUDGE_WORKER_CONCURRENCY of each worker process (default: the product's). */
    concurrency?: number;
    /** Also run the phase with the large workspace on this many worker processes (0: not). */
    moreWorkers?: number;
    /** Also run both phases with only this many small workspaces (0: not). */
    fitSmallWorkspaces?: number;
  } = {},
): Promise<MultiWorkspaceResult> {
  const smallWorkspaces = options.smallWorkspaces ?? 1000;
  const smallSize = options.smallSize ?? 20;
  const bigSize = options.bigSize ?? 20_000;
  const perMinute = options.perMinute ?? 300;
  const { small, big } = workspaces(smallWorkspaces, smallSize, bigSize);
  const concurrency = options.concurrency ?? DEFAULT_NUDGE_WORKER_CONCURRENCY;
  const observeBigS = options.observeBigS ?? 60;
  const alone = await runPhase('small workspaces alone', small, undefined, perMinute, 0, concurrency, 1);
  const withBig = await runPhase(
    'with the large workspace',
    small,
    big,
    perMinute,
    observeBigS,
    concurrency,
    1,
  );
  const moreWorkers = options.moreWorkers ?? 0;
  const withBigMoreWorkers =
    moreWorkers > 1
      ? await runPhase(
          `with the large workspace, ${moreWorkers} worker processes`,
          small,
          big,
          perMinute,
          observeBigS,
          concurrency,
          moreWorkers,
        )
      : undefined;
  const fit = Math.min(options.fitSmallWorkspaces ?? 0, smallWorkspaces);
  let fitted: MultiWorkspaceResult['fitted'];
  if (fit > 0) {
    const fewer = small.slice(0, fit);
    fitted = {
      smallWorkspaces: fit,
      alone: await runPhase(`${fit} small workspaces alone`, fewer, undefined, perMinute, 0, concurrency, 1),
      withBig: await runPhase(
        `${fit} small workspaces with the large one`,
        fewer,
        big,
        perMinute,
        observeBigS,
        concurrency,
        1,
      ),
    };
  }
  return {
    smallWorkspaces,
    smallSize,
    bigSize,
    perMinute,
    concurrency,
    alone,
    withBig,
    ...(withBigMoreWorkers ? { withBigMoreWorkers, moreWorkers } : {}),
    ...(fitted ? { fitted } : {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  hookSignals();
  try {
    const result = await benchMultiWorkspace({
      smallWorkspaces: Number(process.argv[2] ?? 1000),
      smallSize: Number(process.argv[3] ?? 20),
      bigSize: Number(process.argv[4] ?? 20_000),
      perMinute: Number(process.argv[5] ?? 300),
      moreWorkers: Number(process.argv[6] ?? 0),
      fitSmallWorkspaces: Number(process.argv[7] ?? 0),
      observeBigS: Number(process.env.BENCH_MULTI_OBSERVE_S ?? 60),
      concurrency: Number(process.env.BENCH_MULTI_CONCURRENCY ?? DEFAULT_NUDGE_WORKER_CONCURRENCY),
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await cleanup();
  }
}
