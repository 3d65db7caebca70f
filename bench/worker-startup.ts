/**
 * Start-up of a worker with a large backlog: a ROLE=worker process started on a Redis holding P
 * enrolled people (record, workspace index, one delayed weekly job each, due over the coming week),
 * against the same process started on an empty Redis in the same run. Figures: time from spawn to
 * "worker started", and Redis commands run in the first seconds after (a worker that scanned the
 * backlog at start would show both). The backlog is written in bulk with the app's own store and
 * queue (the enrolment path itself is measured by `npm run bench:nudges`).
 * Run alone: `npx tsx bench/worker-startup.ts [people]`.
 */
import { Redis } from 'ioredis';
import { NUDGE_JOB_OPTIONS, type NudgeJobData, weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import { keys } from '#src/store/keys.ts';
import { people } from './drills/support.ts';
import {
  appEnv,
  cleanup,
  hookSignals,
  inProcessApp,
  privateRedis,
  say,
  sleep,
  startProcess,
  TEAM,
  waitForLog,
} from './support/harness.ts';

export interface StartupRun {
  people: number;
  startedMs: number;
  /** Redis commands processed in the `windowS` seconds after the worker said it started. */
  commands: number;
  usedMemoryBytes: number;
}

export interface WorkerStartupResult {
  windowS: number;
  /** One reconciliation pass (the 15-minute repair job) over the backlog: people checked, Redis commands, ms. */
  reconcile: { checked: number; commands: number; ms: number };
  empty: StartupRun;
  backlog: StartupRun;
  backlogBuildS: number;
}

/**
 * Writes the backlog in bulk: each person's record hash (the fields src/nudges/nudge-store.ts
 * documents), the workspace index and one delayed weekly job each, through the app's own queue.
 * A sample is read back with the real store to check the shape.
 */
async function bulkEnrol(redisUrl: string, ids: string[]): Promise<void> {
  const app = inProcessApp(redisUrl);
  const nudges = app.deps.nudges;
  if (!nudges) throw new Error('the app has no nudge feature');
  const redis = new Redis(redisUrl);
  const now = Date.now();
  const tz = 'Europe/Berlin';
  try {
    for (let i = 0; i < ids.length; i += 2000) {
      const chunk = ids.slice(i, i + 2000);
      const pipeline = redis.pipeline();
      const jobs = chunk.map((userId, k) => {
        // Due over the coming week (an hour from now at the earliest), as a real backlog is.
        const dueAt = now + 3600_000 + Math.floor(((i + k) / ids.length) * 6 * 24 * 3600_000);
        const at = new Date(dueAt);
        const weekKey = isoWeekKey(at, tz);
        const id = weeklyNudgeJobId(TEAM.teamId, userId, weekKey);
        pipeline.hset(keys.nudgeSchedule(TEAM.teamId, userId), {
          wd: String(((at.getUTCDay() + 6) % 7) + 1),
          h: String(at.getUTCHours()),
          m: String(at.getUTCMinutes()),
          tz,
          en: '1',
          v: '1',
          job: id,
          due: String(dueAt),
        });
        pipeline.zadd(keys.nudgeEnrolled(TEAM.teamId), dueAt, userId);
        const data: NudgeJobData = {
          teamId: TEAM.teamId,
          userId,
          weekKey,
          kind: 'weekly',
          seq: 0,
          version: 1,
          dueAt,
        };
        return { name: 'weekly', data, opts: { ...NUDGE_JOB_OPTIONS, jobId: id, delay: dueAt - now } };
      });
      pipeline.sadd(keys.nudgeTeams(), TEAM.teamId);
      await pipeline.exec();
      await nudges.queue.addBulk(jobs);
    }
    const sample = ids[Math.floor(ids.length / 2)] ?? '';
    const record = await nudges.store.get(TEAM.teamId, sample);
    if (!record?.enrolled || !record.jobId || (await nudges.scheduler.presence(record.jobId)) !== 'pending') {
      throw new Error('the bulk-written backlog does not read back as an armed, enrolled person');
    }
  } finally {
    redis.disconnect();
    await app.stop();
  }
}

async function reconcileOnce(redisUrl: string): Promise<{ checked: number; commands: number; ms: number }> {
  const app = inProcessApp(redisUrl);
  const client = new Redis(redisUrl);
  try {
    const before = await commandsProcessed(client);
    const started = Date.now();
    const result = await app.deps.nudges?.reconcile();
    const ms = Date.now() - started;
    const commands = (await commandsProcessed(client)) - before - 1;
    return { checked: result?.checked ?? 0, commands, ms };
  } finally {
    client.disconnect();
    await app.stop();
  }
}

async function commandsProcessed(redis: Redis): Promise<number> {
  const info = await redis.info('stats');
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}

async function measureStart(
  redisUrl: string,
  apiUrl: string,
  count: number,
  windowS: number,
): Promise<StartupRun> {
  const client = new Redis(redisUrl);
  const memory = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0);
  const spawned = Date.now();
  const worker = await startProcess(
    `startup-worker-${count}`,
    appEnv(apiUrl, redisUrl, { ROLE: 'worker', NUDGE_FOLLOW_UP: 'off' }),
  );
  await waitForLog(worker.logFile, /worker started/, 60_000);
  const startedMs = Date.now() - spawned;
  const before = await commandsProcessed(client);
  await sleep(windowS * 1000);
  // Minus the INFO call that read the figure itself.
  const commands = (await commandsProcessed(client)) - before - 1;
  await worker.stop();
  client.disconnect();
  return { people: count, startedMs, commands, usedMemoryBytes: memory };
}

export async function benchWorkerStartup(
  options: { people?: number; windowS?: number } = {},
): Promise<WorkerStartupResult> {
  const count = options.people ?? 100_000;
  const windowS = options.windowS ?? 10;
  say(`worker start-up: empty Redis vs ${count.toLocaleString('en-US')} enrolled people`);
  const double = await startSlackDouble({ teams: [TEAM] });
  const empty = await privateRedis();
  const full = await privateRedis();
  try {
    const built = Date.now();
    await bulkEnrol(full.url, people(count));
    const backlogBuildS = (Date.now() - built) / 1000;
    say(`  backlog of ${count.toLocaleString('en-US')} written in ${backlogBuildS.toFixed(1)} s`);
    const reconcile = await reconcileOnce(full.url);
    say(
      `  one reconciliation pass over the backlog: ${reconcile.checked} people checked, ${reconcile.commands} Redis commands, ${reconcile.ms} ms`,
    );
    const emptyRun = await measureStart(empty.url, double.apiUrl, 0, windowS);
    const backlogRun = await measureStart(full.url, double.apiUrl, count, windowS);
    say(
      `  started in ${emptyRun.startedMs} ms (empty) vs ${backlogRun.startedMs} ms (backlog); Redis commands in the first ${windowS} s: ${emptyRun.commands} vs ${backlogRun.commands}`,
    );
    return { windowS, reconcile, empty: emptyRun, backlog: backlogRun, backlogBuildS };
  } finally {
    await double.close();
    await empty.stop();
    await full.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  hookSignals();
  try {
    console.log(
      JSON.stringify(await benchWorkerStartup({ people: Number(process.argv[2] ?? 100_000) }), null, 2),
    );
  } finally {
    await cleanup();
  }
}
