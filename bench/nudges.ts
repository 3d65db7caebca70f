/**
 * Weekly-nudge benchmark (`npm run bench:nudges`; not part of `npm test`). Writes bench/RESULTS-nudges.md.
 *
 * In one private Redis (no persistence) and one run:
 * 1. enrol PEOPLE (default 100,000) across 400 IANA time zones through the real NudgeService
 *    (record, workspace index, one delayed BullMQ job each): time, CPU, Redis memory per person;
 * 2. baseline: DUE (default 10,000) plain BullMQ jobs whose processor does nothing, same queue
 *    prefix, job options and worker concurrency: time and CPU to drain them;
 * 3. the nudge path: DUE of those people are due in the same minute; the real nudge worker sends
 *    them (users.info + chat.postMessage to the Slack double in its own process, reflection reads,
 *    sent-markers, arming next week) with pacing off: time and CPU to deliver all DMs;
 * 4. for the design choice: the same weekly schedules as one BullMQ job scheduler each (cron +
 *    tz), upsert time and memory, and the cost of our `nextOccurrence`.
 * Ratios are against the baseline measured in the same run. Environment: BENCH_PEOPLE, BENCH_DUE,
 * BENCH_CONCURRENCY, BENCH_SCHEDULERS.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { WebClient } from '@slack/web-api';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createJobRuntime, QUEUE_PREFIX } from '#jobs/job-runtime.ts';
import { nudgeWorkersFrom } from '#jobs/nudge-workers.ts';
import { createTranslations } from '#messages/i18n.ts';
import { fixedClock } from '#src/clock.ts';
import { loadConfig } from '#src/config.ts';
import { createMetrics } from '#src/metrics.ts';
import { createNudgeFeature } from '#src/nudges/nudge-feature.ts';
import { NUDGE_JOB_OPTIONS } from '#src/nudges/nudge-jobs.ts';
import { reflectionStatusFrom } from '#src/nudges/reflection-status.ts';
import { createCareRadarService } from '#src/recognition/care-radar.ts';
import { createRedisConnections } from '#src/redis-connections.ts';
import { createReflectionStore } from '#src/reflect/reflection-store.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { DAY_MS, isoWeekdayOfDay, localDayNumber, toLocalMs } from '#src/schedule/zone-offset.ts';
import { createFieldCipher } from '#src/store/field-encryption.ts';
import { keys } from '#src/store/keys.ts';
import { createSingleWorkspaceClients, type TeamClients } from '#src/workspaces/slack-clients.ts';
import { startPrivateRedis } from '#test/support/global-redis.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SCHEDULERS = Number(process.env.BENCH_SCHEDULERS ?? 5_000);
const TOKEN = 'xoxb-bench-nudges';
const ZONES = Intl.supportedValuesOf('timeZone').slice(0, 400);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const say = (text: string) => process.stdout.write(`${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds of this process since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

async function redisInfo(redis: Redis, section: string, field: string): Promise<number> {
  const info = await redis.info(section);
  const match = new RegExp(`^${field}:([0-9.]+)`, 'm').exec(info);
  return Number(match?.[1] ?? Number.NaN);
}

async function redisCpu(redis: Redis): Promise<number> {
  return (await redisInfo(redis, 'cpu', 'used_cpu_user')) + (await redisInfo(redis, 'cpu', 'used_cpu_sys'));
}

/** The weekday/hour/minute an instant shows on the wall clock of `tz`. */
function localSchedule(instant: Date, tz: string): WeeklySchedule {
  const local = toLocalMs(tz, instant.getTime());
  const day = localDayNumber(local);
  const minutes = Math.floor((local - day * DAY_MS) / 60_000);
  return { weekday: isoWeekdayOfDay(day), hour: Math.floor(minutes / 60), minute: minutes % 60 };
}

/** A small deterministic generator, so runs are comparable. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function pool<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

function startDouble(): Promise<{
  child: ChildProcess;
  apiUrl: string;
  ask: (message: object) => Promise<unknown>;
}> {
  const child = fork(`${ROOT}bench/nudges-double.ts`, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let counter = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  child.on('message', (raw) => {
    const { id, result } = raw as { id: number; result: unknown };
    waiting.get(id)?.(result);
    waiting.delete(id);
  });
  const ask = (message: object) =>
    new Promise<unknown>((resolve) => {
      counter += 1;
      waiting.set(counter, resolve);
      child.send({ ...message, id: counter });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`double exited ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /READY (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve({ child, apiUrl: match[1], ask });
    });
  });
}

// BENCH_PROFILE=http or =stub writes a CPU profile of that dispatch phase to the temp folder.
const profiler = new Session();
async function startProfile(phase: string): Promise<void> {
  if (process.env.BENCH_PROFILE !== phase) return;
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
async function stopProfile(phase: string): Promise<void> {
  if (process.env.BENCH_PROFILE !== phase) return;
  const { profile } = await profiler.post('Profiler.stop');
  const file = `${tmpdir()}/nudge-dispatch-${phase}.cpuprofile`;
  writeFileSync(file, JSON.stringify(profile));
  say(`profile: ${file}`);
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const load = loadavg();
  say(`nudge benchmark: ${fmt(PEOPLE)} people, ${fmt(DUE)} due, concurrency ${CONCURRENCY}`);
  const server = await startPrivateRedis();
  const double = await startDouble();
  const probe = new Redis(server.url);

  // The nudges are due at a minute boundary T; the app's clock stands just before it, so their
  // BullMQ delay is ~0 and everyone else's is up to a week.
  const T = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000);
  const clock = fixedClock(new Date(T.getTime() - 1));
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_API_URL: double.apiUrl,
    REDIS_URL: server.url,
    LOG_LEVEL: 'silent',
    NUDGE_FOLLOW_UP: 'off',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config = {
    ...loaded.config,
    nudgesPerMinute: Number.POSITIVE_INFINITY,
    nudgeWorkerConcurrency: CONCURRENCY,
  };
  const logger = pino({ level: 'silent' });

  /** The nudge feature wired as in src/app.ts, on one Redis database, with the given Slack clients. */
  function build(redisUrl: string, teamClients?: TeamClients) {
    const metrics = createMetrics();
    const redis = createRedisConnections(redisUrl, logger);
    const jobs = createJobRuntime({
      producerConnection: redis.background,
      workerConnection: redis.workerOptions,
      logger,
    });
    const careRadar = createCareRadarService({ redis: redis.background, clock });
    const nudges = createNudgeFeature({
      workers: nudgeWorkersFrom(jobs, config),
      translations: createTranslations(),
      config,
      logger,
      clock,
      metrics,
      redis,
      jobs,
      teamClients: teamClients ?? createSingleWorkspaceClients(TOKEN, config, logger, metrics),
      reflections: reflectionStatusFrom(
        createReflectionStore({ redis: redis.background, cipher: createFieldCipher(), clock, logger }),
      ),
      extraBlocks: (teamId, userId, tr) => careRadar.blocksForNudge(teamId, userId, tr),
    });
    return { metrics, redis, jobs, nudges };
  }
  const { metrics, redis, jobs, nudges } = build(server.url);
  await redis.background.ping();
  await nudges.queue.waitUntilReady();

  // 1. Enrolment.
  const random = lcg(42);
  const people = Array.from({ length: PEOPLE }, (_, i) => {
    const tz = ZONES[i % ZONES.length] as string;
    let schedule: WeeklySchedule = localSchedule(T, tz);
    // Everyone else: any time of the week, but not in the hour after T (they must not mix in).
    while (i >= DUE && nextOccurrence(schedule, tz, clock.now()).getTime() < T.getTime() + 3_600_000) {
      schedule = {
        weekday: 1 + Math.floor(random() * 7),
        hour: Math.floor(random() * 24),
        minute: Math.floor(random() * 60),
      };
    }
    return { id: `U${i.toString(36).toUpperCase().padStart(7, '0')}`, tz, schedule };
  });
  const memoryBefore = await redisInfo(probe, 'memory', 'used_memory');
  const keysBefore = await probe.dbsize();
  say('enrolling…');
  let cpu = process.cpuUsage();
  let redisCpuBefore = await redisCpu(probe);
  let t0 = performance.now();
  await pool(people, 256, (person) => nudges.service.enrol('T1', person.id, person.tz, person.schedule));
  const enrolSeconds = (performance.now() - t0) / 1000;
  const enrolCpu = cpuSince(cpu);
  const enrolRedisCpu = (await redisCpu(probe)) - redisCpuBefore;
  const memoryAfter = await redisInfo(probe, 'memory', 'used_memory');
  const keysAfter = await probe.dbsize();
  const bytesPerPerson = (memoryAfter - memoryBefore) / PEOPLE;
  const sample = people[DUE] ?? people[0];
  const record = sample ? await nudges.store.get('T1', sample.id) : undefined;
  const recordBytes = sample ? await probe.memory('USAGE', keys.nudgeSchedule('T1', sample.id)) : 0;
  const jobBytes = record?.jobId ? await probe.memory('USAGE', `${QUEUE_PREFIX}:nudges:${record.jobId}`) : 0;
  const due = (await nudges.queue.getDelayedCount()) + (await nudges.queue.getWaitingCount());
  say(`enrolled in ${fmt(enrolSeconds, 1)} s; ${fmt(bytesPerPerson)} B per person; ${fmt(due)} jobs`);

  // The people due now must exist for users.info.
  const duePeople = people.slice(0, DUE);
  for (let i = 0; i < duePeople.length; i += 2000) {
    await double.ask({ op: 'addUsers', ids: duePeople.slice(i, i + 2000).map((p) => [p.id, p.tz]) });
  }

  // 2. Baseline: plain jobs doing nothing, same prefix, options and concurrency.
  say('baseline…');
  const baselineQueue = jobs.queue<{ teamId: string; userId: string; weekKey: string }>('bench-baseline');
  const baselineJobs = duePeople.map((person) => ({
    name: 'noop',
    data: { teamId: 'T1', userId: person.id, weekKey: '2026-W49' },
    opts: { ...NUDGE_JOB_OPTIONS, jobId: `noop-${person.id}` },
  }));
  for (let i = 0; i < baselineJobs.length; i += 1000)
    await baselineQueue.addBulk(baselineJobs.slice(i, i + 1000));
  let completed = 0;
  cpu = process.cpuUsage();
  redisCpuBefore = await redisCpu(probe);
  t0 = performance.now();
  const baselineWorker = jobs.worker('bench-baseline', async () => undefined, { concurrency: CONCURRENCY });
  baselineWorker.on('completed', () => {
    completed += 1;
  });
  while (completed < DUE) await sleep(20);
  const baselineSeconds = (performance.now() - t0) / 1000;
  const baselineCpu = cpuSince(cpu);
  const baselineRedisCpu = (await redisCpu(probe)) - redisCpuBefore;
  await baselineWorker.close();
  say(`baseline: ${fmt(DUE / baselineSeconds)} jobs/s`);

  // 3. The nudge path.
  say('dispatching nudges…');
  await startProfile('http');
  cpu = process.cpuUsage();
  redisCpuBefore = await redisCpu(probe);
  const doubleCpuBefore = Number(await double.ask({ op: 'cpu' }));
  t0 = performance.now();
  await nudges.startWorkers();
  let posted = 0;
  while (posted < DUE) {
    await sleep(20);
    posted = Number(await double.ask({ op: 'posted' }));
    if (performance.now() - t0 > 600_000) throw new Error(`only ${posted} nudges after 10 minutes`);
  }
  const nudgeSeconds = (performance.now() - t0) / 1000;
  const nudgeCpu = cpuSince(cpu);
  const nudgeRedisCpu = (await redisCpu(probe)) - redisCpuBefore;
  const doubleCpu = Number(await double.ask({ op: 'cpu' })) - doubleCpuBefore;
  await stopProfile('http');
  await sleep(500);
  const finalPosted = Number(await double.ask({ op: 'posted' }));
  const metricsText = await metrics.registry.getSingleMetricAsString('throughline_nudges_total');
  say(`nudges: ${fmt(DUE / nudgeSeconds)} nudges/s`);

  // 3b. The same nudge path with Slack answered in-process (no HTTP), on another Redis database:
  // what our own code costs, apart from the two Web API calls.
  say('dispatching nudges with Slack stubbed…');
  const zoneOf = new Map(duePeople.map((person) => [person.id, person.tz]));
  const stubClient = {
    users: {
      info: async ({ user }: { user: string }) => ({
        ok: true,
        user: { id: user, tz: zoneOf.get(user), deleted: false, is_bot: false },
      }),
    },
    chat: { postMessage: async () => ({ ok: true, ts: '1.000001' }) },
    auth: { test: async () => ({ ok: true }) },
  } as unknown as WebClient;
  const stub = build(`${server.url}/1`, { forTeam: async () => stubClient });
  await pool(duePeople, 256, (person) =>
    stub.nudges.service.enrol('T1', person.id, person.tz, person.schedule),
  );
  const sentCount = async () =>
    (await stub.metrics.nudges.get()).values.find((v) => v.labels.outcome === 'sent')?.value ?? 0;
  await startProfile('stub');
  cpu = process.cpuUsage();
  t0 = performance.now();
  await stub.nudges.startWorkers();
  while ((await sentCount()) < DUE) await sleep(10);
  const stubSeconds = (performance.now() - t0) / 1000;
  const stubCpu = cpuSince(cpu);
  await stopProfile('stub');
  await stub.jobs.close();
  await stub.redis.close();
  say(`nudges, Slack stubbed: ${fmt(DUE / stubSeconds)} nudges/s`);

  // 4. For the design choice: one job scheduler per person, and our nextOccurrence.
  say('job schedulers…');
  const schedulerQueue = new Queue('bench-schedulers', {
    connection: redis.background,
    prefix: QUEUE_PREFIX,
  });
  const schedulerPeople = people.slice(DUE, DUE + SCHEDULERS);
  const schedulerMemoryBefore = await redisInfo(probe, 'memory', 'used_memory');
  t0 = performance.now();
  await pool(schedulerPeople, 64, (person) =>
    schedulerQueue.upsertJobScheduler(
      `nudge-T1-${person.id}`,
      {
        pattern: `${person.schedule.minute} ${person.schedule.hour} * * ${person.schedule.weekday % 7}`,
        tz: person.tz,
      },
      { name: 'weekly', data: { teamId: 'T1', userId: person.id } },
    ),
  );
  const schedulerSeconds = (performance.now() - t0) / 1000;
  const schedulerBytes =
    ((await redisInfo(probe, 'memory', 'used_memory')) - schedulerMemoryBefore) / SCHEDULERS;
  await schedulerQueue.obliterate({ force: true });
  await schedulerQueue.close();
  const occurrenceRuns = 200_000;
  t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < occurrenceRuns; i++) {
    const person = people[i % people.length];
    if (person) sink += nextOccurrence(person.schedule, person.tz, T).getTime() & 1;
  }
  const occurrenceMicros = ((performance.now() - t0) * 1000) / occurrenceRuns;

  const throughputRatio = baselineSeconds / nudgeSeconds;
  const cpuRatio = nudgeCpu / baselineCpu;
  const results = `# Weekly nudges: benchmark results

Produced by \`npm run bench:nudges\` (bench/nudges.ts) on ${startedAt.toISOString()}.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version},
load average at start ${load.map((n) => n.toFixed(2)).join(' / ')} (the machine is shared; other work was running).
Redis: a private \`redis-server\` (no persistence), one process for the app side (enrolment and the
worker), the Slack double in its own process. Worker concurrency ${CONCURRENCY} for both the
baseline and the nudge path; pacing off for the nudge path (NUDGES_PER_MINUTE is infinite here).

## Enrolment and memory

| what | value |
|---|---|
| people enrolled | ${fmt(PEOPLE)} across ${ZONES.length} IANA zones |
| time to enrol (256 at a time, the real \`NudgeService.enrol\`) | ${fmt(enrolSeconds, 1)} s (${fmt(PEOPLE / enrolSeconds)} per second) |
| app CPU / Redis CPU while enrolling | ${fmt(enrolCpu, 1)} s / ${fmt(enrolRedisCpu, 1)} s |
| Redis memory per enrolled person | **${fmt(bytesPerPerson)} bytes** (target ≤ 2,048) |
| of which: the person's record hash / their delayed job hash (MEMORY USAGE of one) | ${fmt(Number(recordBytes))} B / ${fmt(Number(jobBytes))} B |
| keys added | ${fmt(keysAfter - keysBefore)} (${fmt((keysAfter - keysBefore) / PEOPLE, 2)} per person) |

The rest of the per-person figure is the entries in BullMQ's delayed sorted set and the
workspace's enrolled index (a sorted set), plus allocator overhead.

## Dispatch: ${fmt(DUE)} nudges due in the same minute vs. a no-op baseline

| | baseline: no-op BullMQ jobs | nudge path | ratio (nudge / baseline) |
|---|---|---|---|
| wall time | ${fmt(baselineSeconds, 2)} s | ${fmt(nudgeSeconds, 2)} s | |
| throughput | ${fmt(DUE / baselineSeconds)} jobs/s | ${fmt(DUE / nudgeSeconds)} DMs/s | **${fmt(throughputRatio, 2)}×** (target ≥ 0.5×) |
| app process CPU | ${fmt(baselineCpu, 2)} s (${fmt((baselineCpu * 1e6) / DUE)} µs/job) | ${fmt(nudgeCpu, 2)} s (${fmt((nudgeCpu * 1e6) / DUE)} µs/nudge) | ${fmt(cpuRatio, 2)}× CPU per item |
| Redis CPU | ${fmt(baselineRedisCpu, 2)} s | ${fmt(nudgeRedisCpu, 2)} s | ${fmt(nudgeRedisCpu / baselineRedisCpu, 2)}× |
| Slack double CPU (its own process) | | ${fmt(doubleCpu, 2)} s | |

The same ${fmt(DUE)} nudges with Slack answered in-process (no HTTP, everything else identical):
${fmt(stubSeconds, 2)} s, **${fmt(DUE / stubSeconds)} nudges/s = ${fmt(baselineSeconds / stubSeconds, 2)}× the baseline**, app CPU
${fmt(stubCpu, 2)} s (${fmt((stubCpu * 1e6) / DUE)} µs/nudge, ${fmt(stubCpu / baselineCpu, 2)}× the baseline's per job). The difference to the
row above is the cost of the two Web API calls per nudge (users.info and chat.postMessage) through
\`@slack/web-api\` over HTTP.

DMs accepted by the double: ${fmt(finalPosted)} (expected ${fmt(DUE)}, none twice: each has its own sent-marker).
Per nudge the path does users.info and chat.postMessage over HTTP (the double validates the blocks),
about a dozen Redis commands mostly sent together (record, gates, week state, reflection and
prompt history reads, sent-marker claim and confirm, arming next week's job), and builds the
Block Kit message; the baseline does none of that, only BullMQ's own fetch/complete scripts.

Outcomes recorded by the worker (\`throughline_nudges_total\`):

\`\`\`
${metricsText.trim()}
\`\`\`

## The design choice: one delayed job per person vs. one job scheduler per person

| | one delayed job per person (ours) | one BullMQ job scheduler per person |
|---|---|---|
| computing the next occurrence | \`nextOccurrence\` ${fmt(occurrenceMicros, 2)} µs per call (${fmt(occurrenceRuns)} calls, ${ZONES.length} zones) | cron-parser inside \`upsertJobScheduler\` |
| creating ${fmt(SCHEDULERS)} | (see enrolment above: ${fmt(PEOPLE / enrolSeconds)} per second, including our record and index) | ${fmt(schedulerSeconds, 1)} s (${fmt(SCHEDULERS / schedulerSeconds)} per second) |
| Redis memory each | ${fmt(bytesPerPerson)} B (record + index + job) | ${fmt(schedulerBytes)} B (scheduler + its delayed job, no record of ours) |

## Reading the numbers

- Memory and enrolment meet their targets with room to spare.
- The dispatch ratio does **not** reach the 0.5× aim, and cannot while every nudge makes two Web API
  calls: here the HTTP part (client side only; the double's CPU is separate) is
  ${fmt(100 * (1 - stubCpu / nudgeCpu))}% of the nudge path's CPU, and each call alone costs more than a whole no-op job.
  Both calls are required: \`users.info\` re-checks the person's zone (and that they still exist)
  before every send, \`chat.postMessage\` is the nudge. Without HTTP the path runs at
  ${fmt(baselineSeconds / stubSeconds, 2)}× the baseline (reflection and prompt-history reads, sent-marker,
  arming next week: about a dozen Redis commands against BullMQ's three scripts).
- In absolute terms one worker process delivered ${fmt(DUE / nudgeSeconds)} DMs a second; Slack allows a
  workspace "several hundred a minute", so pacing (\`NUDGES_PER_MINUTE\`, default 120), not this
  path, sets the speed in production, and more worker processes add throughput (they share Redis
  safely).
- The machine is shared and was busy: absolute figures vary by ±50% between runs; ratios within a
  run are the comparable figures.
`;
  if (sink < 0) say('unreachable');
  writeFileSync(`${ROOT}bench/RESULTS-nudges.md`, results);
  say(results);

  await jobs.close();
  await redis.close();
  probe.disconnect();
  double.child.kill('SIGTERM');
  await server.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
