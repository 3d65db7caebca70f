/**
 * Drill: SIGKILL a worker process (the real `src/main.ts`, ROLE=worker) in the middle of a batch of
 * due nudges, start a new one, and check every person got exactly one DM.
 *
 * The kill lands at a random moment once a random share (25–60 %) of the batch was delivered, with
 * Slack answering in 20–40 ms, so jobs are caught at every stage: before their users.info, waiting
 * for it, between claiming the sent-marker and posting, waiting for the post, and after it.
 */
import { Redis } from 'ioredis';
import { keys } from '#src/store/keys.ts';
import { startSlackDouble } from '#test/support/slack-double.ts';
import { appEnv, privateRedis, say, sleep, startProcess, TEAM } from '../support/harness.ts';
import {
  type DrillReport,
  deliveredCount,
  enrolDue,
  exactlyOnce,
  judgeDelivery,
  newReport,
  people,
  waitForDms,
  workerEnv,
} from './support.ts';

/**
 * `strict`: a nudge lost in the documented at-most-once window (the process died after claiming
 * the sent-marker and before its post left: src/nudges/sent-marker.ts) fails the drill, like any
 * other loss. Not strict (the CI subset): such losses are reported, only other losses and any
 * duplicate fail, so CI is not flaky on a trade-off the design accepts.
 */
export async function workerKillDrill(count: number, strict = true): Promise<DrillReport> {
  const report = newReport(`worker SIGKILL mid-batch (${count.toLocaleString('en-US')} due nudges)`);
  const redis = await privateRedis(['--appendonly', 'yes']);
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    const ids = people(count);
    for (const id of ids) double.addUser({ id, tz: 'Europe/Berlin' });
    double.setLatency(20, 'users.info');
    double.setLatency(40, 'chat.postMessage');
    const { enrolMs, weekKey } = await enrolDue(redis.url, double.apiUrl, ids);
    report.did.push(`enrolled ${count} people due now (week ${weekKey}) in ${enrolMs} ms`);

    const env = appEnv(double.apiUrl, redis.url, workerEnv({ ROLE: 'worker' }));
    const first = await startProcess('worker-kill-1', env);
    const killAfter = Math.floor(count * (0.25 + Math.random() * 0.35));
    const started = Date.now();
    while (deliveredCount(double) < killAfter && Date.now() - started < 120_000 && first.alive())
      await sleep(5);
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
    const took = await waitForDms(double, count, 120_000, 3000, 20_000);
    report.did.push('started a new worker process and waited for the batch to finish');
    report.found.push(
      `${landedAfterKill} post(s) in flight at the kill still landed; the new worker finished the rest in ${(took / 1000).toFixed(1)} s (lock 5 s, stalled check 5 s)`,
    );
    judgeDelivery(report, ids, double);
    const { lost } = exactlyOnce(ids, double);
    if (lost.length > 0) {
      // Say where the lost ones stopped: a claimed-but-unconfirmed marker is the documented
      // at-most-once window (crash between claiming and posting).
      const client = new Redis(redis.url);
      const markers = await Promise.all(lost.map((id) => client.get(keys.nudgeSent('T1', id, weekKey, 'w'))));
      client.disconnect();
      const pending = markers.filter((m) => m?.startsWith('pending:')).length;
      report.found.push(
        `of the lost: ${pending} had a claimed, unconfirmed sent-marker (the process died between claiming and posting: the at-most-once window of src/nudges/sent-marker.ts), ${lost.length - pending} other`,
      );
      if (!strict && pending === lost.length) {
        report.failures = report.failures.filter((line) => !/nudge\(s\) lost/.test(line));
        report.found.push('not failed in the CI subset: every loss is in the documented at-most-once window');
      } else if (!strict && pending < lost.length) {
        report.failures.push(`${lost.length - pending} nudge(s) lost outside the at-most-once window`);
      }
    }
    if (!second.alive()) report.failures.push('the restarted worker died');
    await second.stop();
  } finally {
    await double.close();
    await redis.stop();
  }
  return report;
}
