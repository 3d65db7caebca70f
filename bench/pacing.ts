/**
 * Pacing against Slack's limits: N nudge DMs due at once, sent by a real ROLE=worker process to a
 * Slack double that enforces 1 chat.postMessage per second per channel and a workspace limit per
 * minute (sliding window), answering 429 + Retry-After past them. NUDGES_PER_MINUTE is set to the
 * workspace limit. Figures: completion time against the theoretical minimum at the sustained rate
 * (N / limit minutes), and 429s as a share of calls.
 * Run alone: `npx tsx bench/pacing.ts [dms] [perMinute]`.
 */
import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { enrolDue, people } from './drills/support.ts';
import {
  appEnv,
  cleanup,
  hookSignals,
  privateRedis,
  say,
  sleep,
  startProcess,
  TEAM,
} from './support/harness.ts';

export interface PacingResult {
  dms: number;
  perMinute: number;
  nudgesPerMinute: number;
  perChannelPerSecond: number;
  /** From the first chat.postMessage attempt to the last accepted one, seconds. */
  completionS: number;
  /** N / perMinute minutes, in seconds. */
  theoreticalS: number;
  ratio: number;
  postCalls: number;
  limited: number;
  limitedShare: number;
  delivered: number;
  duplicated: number;
}

export async function benchPacing(
  options: { dms?: number; perMinute?: number; nudgesPerMinute?: number } = {},
): Promise<PacingResult> {
  const dms = options.dms ?? 5000;
  const perMinute = options.perMinute ?? 3000;
  const nudgesPerMinute = options.nudgesPerMinute ?? perMinute;
  say(
    `pacing: ${dms} DMs, Slack limit 1/s per channel and ${perMinute}/min per workspace, NUDGES_PER_MINUTE=${nudgesPerMinute}`,
  );
  const redis = await privateRedis(['--appendonly', 'yes']);
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    const ids = people(dms);
    for (const id of ids) double.addUser({ id, tz: 'Europe/Berlin' });
    double.setLatency(5);
    const { enrolMs } = await enrolDue(redis.url, double.apiUrl, ids);
    say(`  enrolled ${dms} people in ${(enrolMs / 1000).toFixed(1)} s`);
    double.reset();
    double.enforceLimits({ perChannelPerSecond: 1, workspacePerMinute: perMinute });
    const worker = await startProcess(
      'pacing-worker',
      appEnv(double.apiUrl, redis.url, {
        ROLE: 'worker',
        NUDGES_PER_MINUTE: String(nudgesPerMinute),
        NUDGE_FOLLOW_UP: 'off',
      }),
    );
    const theoreticalS = (dms / perMinute) * 60;
    const deadline = Date.now() + theoreticalS * 3000 + 60_000;
    let delivered = 0;
    while (Date.now() < deadline) {
      delivered = double.callsTo('chat.postMessage').filter((call) => call.ok).length;
      if (delivered >= dms) break;
      await sleep(500);
    }
    await sleep(2000);
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
    const result: PacingResult = {
      dms,
      perMinute,
      nudgesPerMinute,
      perChannelPerSecond: 1,
      completionS,
      theoreticalS,
      ratio: completionS / theoreticalS,
      postCalls: posts.length,
      limited,
      limitedShare: posts.length === 0 ? 0 : limited / posts.length,
      delivered: ok.length,
      duplicated: [...perPerson.values()].filter((n) => n > 1).length,
    };
    say(
      `  ${result.delivered}/${dms} delivered in ${completionS.toFixed(1)} s (minimum ${theoreticalS.toFixed(0)} s, ${result.ratio.toFixed(3)}×); ${limited} of ${posts.length} calls got 429 (${(result.limitedShare * 100).toFixed(2)} %)`,
    );
    return result;
  } finally {
    await double.close();
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  hookSignals();
  try {
    console.log(
      JSON.stringify(
        await benchPacing({
          dms: Number(process.argv[2] ?? 5000),
          perMinute: Number(process.argv[3] ?? 3000),
        }),
        null,
        2,
      ),
    );
  } finally {
    await cleanup();
  }
}
