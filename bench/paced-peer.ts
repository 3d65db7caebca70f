/**
 * What pacing costs a sender with none of Throughline's code in it: the peer of bench/pacing.ts's
 * paced-vs-unpaced CPU row. A minimal BullMQ sender does a nudge's necessary work per DM:
 * one delayed job, users.info with the locale, a once-only claim (SET NX on an auto-pipelined
 * connection) and chat.postMessage through @slack/web-api, to the same Slack double (5 ms latency),
 * at the product's default worker concurrency (DEFAULT_NUDGE_WORKER_CONCURRENCY). The same number of
 * jobs is sent two ways, each by a fresh worker process on the same Redis: all due at one instant (a
 * batch), and due five at the start of each second (300/min, as Throughline's send slots place
 * them). CPU per DM is the worker process's (/proc) plus Redis's (INFO), from just before the first
 * job is due to the last DM, as in bench/pacing.ts. If this peer's paced DM also costs well over
 * 1.3× its batched one on this machine, the difference is the machine's price for waking a process,
 * not the bot's.
 *
 * Run: `npm run bench:paced-peer -- [dms] [rounds]` (default 600 DMs, 2 rounds: batch, paced,
 * batch, paced).
 */
import { WebClient } from '@slack/web-api';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_NUDGE_WORKER_CONCURRENCY } from '#src/config.ts';
import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { people } from './drills/support.ts';
import {
  cleanup,
  fmt,
  hookSignals,
  privateRedis,
  say,
  sleep,
  startProcess,
  TEAM,
  waitForLog,
  workerNodeArgs,
} from './support/harness.ts';
import { snapshot, usageBetween } from './support/measure.ts';

const SCRIPT = 'bench/paced-peer.ts';
const PER_SECOND = 5;

interface PeerJob {
  user: string;
}

/** The worker process: a BullMQ worker whose jobs each send one DM, and nothing else. */
async function runWorker(): Promise<void> {
  const env = process.env as Record<string, string>;
  const queueName = env.PEER_QUEUE ?? 'peer';
  const connection = new Redis(env.REDIS_URL ?? '', { maxRetriesPerRequest: null });
  const claims = new Redis(env.REDIS_URL ?? '', { enableAutoPipelining: true });
  const client = new WebClient(env.SLACK_BOT_TOKEN, {
    slackApiUrl: env.SLACK_API_URL,
    retryConfig: { retries: 0 },
  });
  const worker = new Worker<PeerJob>(
    queueName,
    async (job) => {
      const { user } = job.data;
      const info = await client.users.info({ user, include_locale: true });
      if (!info.user || info.user.deleted || info.user.is_bot) return 'gone';
      const claimed = await claims.set(
        `peer:{${queueName}}:sent:${user}`,
        String(job.id),
        'EX',
        604_800,
        'NX',
      );
      if (claimed !== 'OK') return 'duplicate';
      await client.chat.postMessage({ channel: user, text: 'Time for this week’s reflection.' });
      return 'sent';
    },
    { connection, concurrency: DEFAULT_NUDGE_WORKER_CONCURRENCY, prefix: '{peer}' },
  );
  await worker.waitUntilReady();
  console.log('worker started');
  process.once('SIGTERM', async () => {
    await worker.close();
    connection.disconnect();
    claims.disconnect();
    process.exit(0);
  });
}

export interface PeerRun {
  mode: 'batch' | 'paced';
  dms: number;
  delivered: number;
  cpuMsPerDm: number;
  workerCpuMsPerDm: number;
  redisCpuMsPerDm: number;
  seconds: number;
}

async function runOnce(
  mode: PeerRun['mode'],
  round: number,
  dms: number,
  redisUrl: string,
  double: Awaited<ReturnType<typeof startSlackDouble>>,
): Promise<PeerRun> {
  const queueName = `peer-${mode}-${round}`;
  const worker = await startProcess(
    `paced-peer-${mode}-${round}`,
    {
      REDIS_URL: redisUrl,
      SLACK_API_URL: double.apiUrl,
      SLACK_BOT_TOKEN: TEAM.botToken,
      PEER_QUEUE: queueName,
    },
    SCRIPT,
    workerNodeArgs(),
  );
  await waitForLog(worker.logFile, /worker started/, 90_000);
  // As in bench/pacing.ts: a worker that has been up a while, not one still warming up.
  await sleep(Number(process.env.BENCH_WORKER_SETTLE_S ?? 20) * 1000);
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<PeerJob>(queueName, { connection: producer, prefix: '{peer}' });
  const dueAt = Date.now() + 5000;
  const ids = people(dms);
  await queue.addBulk(
    ids.map((user, i) => {
      const at = mode === 'batch' ? dueAt : dueAt + Math.floor(i / PER_SECOND) * 1000;
      return {
        name: 'nudge',
        data: { user },
        opts: { jobId: `${queueName}-${user}`, delay: at - Date.now(), removeOnComplete: true },
      };
    }),
  );
  double.reset();
  await sleep(Math.max(0, dueAt - 100 - Date.now()));
  const from = await snapshot(worker.child.pid, redisUrl);
  const sent = () => double.callsTo('chat.postMessage').filter((call) => call.ok).length;
  const deadline = Date.now() + 120_000 + (mode === 'paced' ? (dms / PER_SECOND) * 1000 : 0);
  while (sent() < dms && Date.now() < deadline) await sleep(mode === 'paced' ? 100 : 20);
  const to = await snapshot(worker.child.pid, redisUrl);
  await worker.stop();
  await queue.close();
  producer.disconnect();
  const usage = usageBetween(from, to);
  const delivered = sent();
  const n = Math.max(1, delivered);
  return {
    mode,
    dms,
    delivered,
    seconds: usage.wallS,
    workerCpuMsPerDm: (1000 * usage.workerCpuS) / n,
    redisCpuMsPerDm: (1000 * usage.redisCpuS) / n,
    cpuMsPerDm: (1000 * (usage.workerCpuS + usage.redisCpuS)) / n,
  };
}

export async function benchPacedPeer(dms = 600, rounds = 2): Promise<PeerRun[]> {
  const redis = await privateRedis();
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    for (const id of people(dms)) double.addUser({ id, tz: 'UTC', locale: 'en-US' });
    double.setLatency(5);
    const runs: PeerRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const mode of ['batch', 'paced'] as const) {
        const run = await runOnce(mode, round, dms, redis.url, double);
        say(
          `  peer ${mode} (round ${round}): ${run.delivered} of ${dms} DMs in ${fmt(run.seconds, 1)} s; CPU per DM ${fmt(run.cpuMsPerDm)} ms (worker ${fmt(run.workerCpuMsPerDm)} + Redis ${fmt(run.redisCpuMsPerDm)})`,
        );
        runs.push(run);
      }
    }
    return runs;
  } finally {
    await double.close();
    await redis.stop();
  }
}

/** `| round | batch | paced | ratio |` rows, paired in order. */
export function pacedPeerRows(runs: PeerRun[]): string[] {
  const batches = runs.filter((run) => run.mode === 'batch');
  const paced = runs.filter((run) => run.mode === 'paced');
  return batches.map((batch, i) => {
    const trickle = paced[i];
    if (!trickle) return '';
    return `| ${i + 1} | ${fmt(batch.cpuMsPerDm)} ms (worker ${fmt(batch.workerCpuMsPerDm)} + Redis ${fmt(batch.redisCpuMsPerDm)}) | ${fmt(trickle.cpuMsPerDm)} ms (worker ${fmt(trickle.workerCpuMsPerDm)} + Redis ${fmt(trickle.redisCpuMsPerDm)}) | ${fmt(trickle.cpuMsPerDm / batch.cpuMsPerDm)}× |`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.PEER_QUEUE) {
    await runWorker();
  } else {
    hookSignals();
    try {
      const runs = await benchPacedPeer(Number(process.argv[2] ?? 600), Number(process.argv[3] ?? 2));
      console.log('| round | CPU per DM, batch (all due at once) | paced (5 due each second) | ratio |');
      console.log('|---|---|---|---|');
      console.log(pacedPeerRows(runs).join('\n'));
    } finally {
      await cleanup();
    }
  }
}
