/**
 * Drill: SIGKILL a worker process (the real `src/main.ts`, ROLE=worker) in the middle of a batch of
 * due nudges, start a new one, and check every person got exactly one DM.
 *
 * The kill lands at a random moment once a random share (25–60 %) of the batch was delivered, with
 * Slack answering in 20–40 ms, so jobs are caught at every stage: before their users.info, waiting
 * for it, between claiming the sent-marker and posting, waiting for the post, and after it. A claim
 * the kill left unconfirmed is settled by the new worker asking Slack whether its DM landed
 * (src/nudges/sent-marker.ts), so any lost or duplicated nudge fails the drill.
 */

import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { nudgeOutcomes, weeklySentMarkers } from '#test/support/run-process.ts';
import { appEnv, privateRedis, say, sleep, startProcess, TEAM } from '../support/harness.ts';
import {
  type DrillReport,
  deliveredCount,
  dueBatch,
  judgeDelivery,
  newReport,
  waitForDelivered,
  waitForDms,
  workerEnv,
} from './support.ts';

export async function workerKillDrill(count: number): Promise<DrillReport> {
  const report = newReport(`worker SIGKILL mid-batch (${count.toLocaleString('en-US')} due nudges)`);
  const redis = await privateRedis(['--appendonly', 'yes']);
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    double.setLatency(20, 'users.info');
    double.setLatency(40, 'chat.postMessage');
    const { ids, enrolMs, weekKey } = await dueBatch(double, redis.url, count);
    report.did.push(`enrolled ${count} people due now (week ${weekKey}) in ${enrolMs} ms`);

    const env = appEnv(double.apiUrl, redis.url, workerEnv({ ROLE: 'worker' }));
    const first = await startProcess('worker-kill-1', env);
    const killAfter = Math.floor(count * (0.25 + Math.random() * 0.35));
    const started = Date.now();
    await waitForDelivered(double, killAfter, first.alive, 5);
    await sleep(Math.random() * 40);
    const atKill = deliveredCount(double);
    await first.kill('SIGKILL');
    report.did.push(
      `started a ROLE=worker process, SIGKILLed it after ${atKill} DMs (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    await sleep(300);
    const landedAfterKill = deliveredCount(double) - atKill;
    say(
      `  killed the worker at ${atKill}/${count} DMs; ${landedAfterKill} posts already on their way landed`,
    );

    const second = await startProcess('worker-kill-2', env);
    // Claims the kill left are looked up once 15 s old (a post on its way has landed by then).
    const took = await waitForDms(double, count, 120_000, 3000, 30_000);
    report.did.push('started a new worker process and waited for the batch to finish');
    const unsettled = async () =>
      (await weeklySentMarkers(redis.url, 'T1', ids, weekKey)).filter((value) => value !== 'sent').length;
    for (let waited = 0; (await unsettled()) > 0 && waited < 30_000; waited += 500) await sleep(500);
    const left = await unsettled();
    if (left > 0) report.failures.push(`${left} sent-marker(s) still unconfirmed 30 s after the batch`);
    const outcomes = second.alive() ? await nudgeOutcomes(second.port) : {};
    report.found.push(
      `${landedAfterKill} post(s) in flight at the kill still landed; the new worker finished the rest in ${(took / 1000).toFixed(1)} s (lock 5 s, stalled check 5 s)`,
      `claims the kill left unconfirmed: ${outcomes.recovered_delivered ?? 0} found already delivered, ${outcomes.recovered_resent ?? 0} resent, ${outcomes.skipped_uncertain ?? 0} left unsent`,
    );
    judgeDelivery(report, ids, double);
    if (!second.alive()) report.failures.push('the restarted worker died');
    await second.stop();
  } finally {
    await double.close();
    await redis.stop();
  }
  return report;
}
