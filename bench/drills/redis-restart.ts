/**
 * Drill: restart Redis (AOF on, `appendfsync everysec`, a graceful SIGTERM so the AOF is complete)
 * in the middle of a batch of due nudges, under a running ROLE=all process. The app must stay up,
 * say 503 on /healthz while Redis is away, keep acking slash commands, find Redis again by itself
 * and finish the batch with every nudge sent once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { sign, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import {
  appEnv,
  freePort,
  SIGNING_SECRET,
  say,
  sleep,
  startProcess,
  startRedisAt,
  stopRedisProcess,
  TEAM,
  waitForStatus,
} from '../support/harness.ts';
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

const REDIS_ARGS = ['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'];

async function slashCommand(baseUrl: string, double: SlackDouble, userId: string) {
  const body = slashCommandBody({ command: '/reflect', text: '', userId, responseUrl: double.responseUrl() });
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

export async function redisRestartDrill(count: number): Promise<DrillReport> {
  const report = newReport(`Redis restart mid-batch (${count.toLocaleString('en-US')} due nudges, AOF on)`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'throughline-drill-redis-'));
  let redis = await startRedisAt(port, dir, REDIS_ARGS);
  const redisUrl = `redis://127.0.0.1:${port}`;
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    double.setLatency(20, 'users.info');
    double.setLatency(40, 'chat.postMessage');
    const { ids, weekKey } = await dueBatch(double, redisUrl, count);
    report.did.push(`enrolled ${count} people due now (week ${weekKey})`);

    const app = await startProcess(
      'redis-restart-app',
      appEnv(double.apiUrl, redisUrl, workerEnv({ ROLE: 'all' })),
    );
    await waitForStatus(`${app.baseUrl}/healthz`, 200, 60_000);
    await waitForDelivered(double, Math.floor(count * 0.3));
    const atStop = deliveredCount(double);
    await stopRedisProcess(redis);
    const downAt = Date.now();
    report.did.push(`started a ROLE=all process; stopped Redis (SIGTERM) after ${atStop} DMs`);
    say(`  Redis stopped at ${atStop}/${count} DMs`);

    const to503 = await waitForStatus(`${app.baseUrl}/healthz`, 503, 10_000).catch(() => -1);
    if (to503 < 0) report.failures.push('/healthz did not say 503 while Redis was down');
    else report.found.push(`/healthz said 503 ${to503} ms after Redis went away`);
    const during = await slashCommand(app.baseUrl, double, ids[0] ?? 'U000001').catch(() => ({
      status: 0,
      ms: -1,
    }));
    report.found.push(`/reflect while Redis was down: HTTP ${during.status} in ${during.ms.toFixed(0)} ms`);
    if (during.status !== 200)
      report.failures.push(`/reflect while Redis was down answered HTTP ${during.status}`);
    else if (during.ms > 3000)
      report.failures.push(`/reflect while Redis was down took ${during.ms.toFixed(0)} ms`);
    await sleep(Math.max(0, 5000 - (Date.now() - downAt)));

    redis = await startRedisAt(port, dir, REDIS_ARGS);
    const upAt = Date.now();
    report.did.push(
      `started Redis again on the same port and AOF after ${((upAt - downAt) / 1000).toFixed(1)} s`,
    );
    const back = await waitForStatus(`${app.baseUrl}/healthz`, 200, 30_000).catch(() => -1);
    if (back < 0) report.failures.push('/healthz did not come back to 200 within 30 s');
    else report.found.push(`/healthz back to 200 ${back} ms after Redis returned`);

    const took = await waitForDms(double, count, 120_000);
    report.found.push(`the batch finished ${(took / 1000).toFixed(1)} s after Redis returned`);
    const after = await slashCommand(app.baseUrl, double, ids[1] ?? 'U000002');
    if (after.status !== 200)
      report.failures.push(`/reflect after the restart answered HTTP ${after.status}`);
    judgeDelivery(report, ids, double);
    if (!app.alive()) report.failures.push(`the app process died (log: ${app.logFile})`);
    else report.found.push('the app process stayed up throughout');
    await app.stop();
  } finally {
    await double.close();
    await stopRedisProcess(redis);
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}
