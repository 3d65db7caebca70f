/**
 * Drills: Slack misbehaving while a batch of due nudges goes out through a ROLE=worker process.
 * - an outage: every Web API call answers HTTP 500 for 30 s, then Slack recovers;
 * - a 429 storm: the next few hundred chat.postMessage calls answer 429 with `Retry-After`.
 * Either way every person must get exactly one DM in the end.
 */
import { Queue } from 'bullmq';
import { QUEUE_PREFIX } from '#jobs/job-runtime.ts';
import { NUDGE_QUEUE } from '#src/nudges/nudge-jobs.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { appEnv, privateRedis, say, startProcess, TEAM } from '../support/harness.ts';
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

async function batch(
  name: string,
  count: number,
  inject: (double: SlackDouble, report: DrillReport) => void,
  judge: (double: SlackDouble, report: DrillReport, injectedAt: number) => void,
  waitMs: number,
): Promise<DrillReport> {
  const report = newReport(name);
  const redis = await privateRedis(['--appendonly', 'yes']);
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    double.setLatency(20);
    const { ids, weekKey } = await dueBatch(double, redis.url, count);
    report.did.push(`enrolled ${count} people due now (week ${weekKey})`);
    const worker = await startProcess(
      'slack-faults-worker',
      appEnv(double.apiUrl, redis.url, workerEnv({ ROLE: 'worker' })),
    );
    await waitForDelivered(double, Math.floor(count * 0.1));
    const injectedAt = Date.now();
    inject(double, report);
    say(`  fault injected after ${deliveredCount(double)}/${count} DMs`);
    // No idle cut-off shorter than the fault: nothing may arrive while it lasts.
    const took = await waitForDms(double, count, waitMs, 3000, waitMs);
    const queue = new Queue(NUDGE_QUEUE, {
      connection: { host: '127.0.0.1', port: redis.port },
      prefix: QUEUE_PREFIX,
    });
    const counts = await queue.getJobCounts('failed', 'waiting', 'active');
    await queue.close();
    report.found.push(
      `nudge jobs failed for good (attempts used up): ${counts.failed ?? 0}; still waiting or active: ${(counts.waiting ?? 0) + (counts.active ?? 0)}`,
    );
    report.found.push(`the batch finished ${(took / 1000).toFixed(1)} s after the fault began`);
    judge(double, report, injectedAt);
    judgeDelivery(report, ids, double);
    if (!worker.alive()) report.failures.push(`the worker died (log: ${worker.logFile})`);
    await worker.stop();
  } finally {
    await double.close();
    await redis.stop();
  }
  return report;
}

export function slackOutageDrill(count: number, outageMs = 30_000): Promise<DrillReport> {
  return batch(
    `Slack answers 500 for ${outageMs / 1000} s, then recovers (${count} due nudges)`,
    count,
    (double, report) => {
      double.serverError('*', { durationMs: outageMs });
      report.did.push(
        `started a ROLE=worker process; after 10 % of the DMs every Web API call answered HTTP 500 for ${outageMs / 1000} s`,
      );
    },
    (double, report, injectedAt) => {
      const failed = double.calls.filter((call) => call.status >= 500).length;
      const firstOkAfter = double.calls.find((call) => call.ok && call.at > injectedAt + outageMs);
      report.found.push(
        `${failed} calls answered 500 during the outage; first successful call ${firstOkAfter ? ((firstOkAfter.at - injectedAt - outageMs) / 1000).toFixed(1) : 'n/a'} s after Slack recovered`,
      );
    },
    outageMs + 120_000,
  );
}

export function rateLimitStormDrill(count: number, storm = 300, retryAfterS = 2): Promise<DrillReport> {
  return batch(
    `429 storm: ${storm} chat.postMessage calls answer 429, Retry-After ${retryAfterS} s (${count} due nudges)`,
    count,
    (double, report) => {
      double.rateLimit('chat.postMessage', retryAfterS, { times: storm });
      report.did.push(
        `started a ROLE=worker process; after 10 % of the DMs the next ${storm} chat.postMessage calls answered 429 (Retry-After ${retryAfterS} s)`,
      );
    },
    (double, report) => {
      const posts = double.callsTo('chat.postMessage');
      const limited = posts.filter((call) => call.status === 429);
      // Calls made while a Retry-After from an earlier 429 was still running (ignoring the first
      // 250 ms, when calls already on their way could not have known).
      let early = 0;
      for (const call of posts) {
        if (limited.some((l) => call.at > l.at + 250 && call.at < l.at + retryAfterS * 1000)) early += 1;
      }
      report.found.push(
        `${limited.length} 429s answered; ${early} calls were made inside a running Retry-After (jobs already past their pause check)`,
      );
    },
    180_000,
  );
}
