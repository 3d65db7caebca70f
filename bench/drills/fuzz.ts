/**
 * Drill: random `/reflect` and `/recognize` texts and malformed interactivity payloads, correctly
 * signed, to the real endpoint of a ROLE=all process. No answer may be a 5xx, the process must
 * survive, and every slash command must be acked (HTTP 200) inside Slack's 3 s, measured here.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { startSlackDouble } from '#src/sandbox/slack-double.ts';
import { sign, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import {
  appEnv,
  LOG_DIR,
  privateRedis,
  quantile,
  SIGNING_SECRET,
  say,
  startProcess,
  TEAM,
  waitForStatus,
} from '../support/harness.ts';
import {
  channelId,
  malformedInteraction,
  recognizeText,
  reflectText,
  seeded,
  userId,
} from './fuzz-inputs.ts';
import { type DrillReport, newReport, people } from './support.ts';

interface Outcome {
  status: number;
  ms: number;
  kind: string;
  body: string;
  /** The client's error code when no answer was read (ECONNRESET, EPIPE, or timeout). */
  error?: string;
}

const BOLT_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Bolt refuses a body over its 4 MB limit with 413 and closes the connection (the right answer:
 * Slack's own bodies are far smaller). A client still uploading the rest may see the connection
 * reset before it reads the 413: a refusal too, not a request left unanswered.
 */
function refusedTooLarge(o: Outcome): boolean {
  if (Buffer.byteLength(o.body) <= BOLT_BODY_LIMIT) return false;
  return o.status === 413 || (o.status === 0 && (o.error === 'ECONNRESET' || o.error === 'EPIPE'));
}

/**
 * One signed POST on a connection of its own (no keep-alive): when the server refuses an oversized
 * body and closes the connection, no other request shares its fate.
 */
function post(baseUrl: string, body: string, kind: string): Promise<Outcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const url = new URL(`${baseUrl}/slack/events`);
  const bytes = Buffer.from(body, 'utf8');
  return new Promise((resolve) => {
    const done = (status: number, error?: string) =>
      resolve({ status, ms: performance.now() - started, kind, body, ...(error ? { error } : {}) });
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        timeout: 15_000,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': bytes.length,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
        response.on('error', () => done(response.statusCode ?? 0));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) => done(0, error.code ?? error.message));
    request.end(bytes);
  });
}

/** Runs `count` tasks with at most `concurrency` in flight. */
async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

function statusSummary(outcomes: Outcome[]): string {
  const counts = new Map<number, number>();
  for (const o of outcomes) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${status === 0 ? 'no answer' : status}: ${n}`)
    .join(', ');
}

/** `fixedSeed` (the CI subset) makes the inputs the same every run; DRILL_SEED overrides either way. */
export async function fuzzDrill(
  commands: number,
  interactions: number,
  fixedSeed?: number,
): Promise<DrillReport> {
  const seed = Number(process.env.DRILL_SEED ?? fixedSeed ?? Math.floor(Math.random() * 2 ** 31));
  const report = newReport(
    `fuzz: ${commands.toLocaleString('en-US')} random slash commands, ${interactions.toLocaleString('en-US')} malformed payloads`,
  );
  const rng = seeded(seed);
  const redis = await privateRedis(['--appendonly', 'yes']);
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    for (const id of people(50)) double.addUser({ id, tz: pick2(id) });
    double.setLatency(10);
    const app = await startProcess(
      'fuzz-app',
      appEnv(double.apiUrl, redis.url, { ROLE: 'all', LOG_LEVEL: 'warn' }),
    );
    await waitForStatus(`${app.baseUrl}/healthz`, 200, 60_000);
    report.did.push(`seed ${seed} (replay with DRILL_SEED=${seed})`);

    const bodies = Array.from({ length: commands }, () => {
      const command = rng() < 0.5 ? '/reflect' : '/recognize';
      return {
        command,
        body: slashCommandBody({
          command,
          text: command === '/reflect' ? reflectText(rng) : recognizeText(rng),
          userId: userId(rng),
          channelId: channelId(rng),
          responseUrl: double.responseUrl(),
        }),
      };
    });
    const started = Date.now();
    const commandOutcomes = await pool(commands, 12, (i) => {
      const item = bodies[i] as { command: string; body: string };
      return post(app.baseUrl, item.body, item.command);
    });
    const commandSeconds = (Date.now() - started) / 1000;
    report.did.push(
      `sent ${commands} signed slash commands (random /reflect and /recognize texts: unicode, control characters, mentions, injection strings, texts up to 1 MB) in ${commandSeconds.toFixed(0)} s, 12 at a time`,
    );
    say(`  slash commands done in ${commandSeconds.toFixed(0)} s`);

    const payloads = Array.from({ length: interactions }, () => malformedInteraction(rng));
    const startedPayloads = Date.now();
    // Payloads no listener acks wait for Bolt's 2.9 s unhandled-request timeout, hence more at a time.
    const payloadOutcomes = await pool(interactions, 60, (i) => {
      const item = payloads[i] as { body: string; kind: string };
      return post(app.baseUrl, item.body, item.kind);
    });
    report.did.push(
      `sent ${interactions} signed malformed interactivity payloads (bad JSON, missing fields, wrong types, huge values, forged view ids) in ${((Date.now() - startedPayloads) / 1000).toFixed(0)} s, 60 at a time`,
    );

    // Anything the drill fails on, with its size, for a closer look.
    const odd = [...commandOutcomes, ...payloadOutcomes].filter(
      (o) => o.status === 0 || o.status >= 500 || o.ms > 3000 || (o.status !== 200 && o.kind.startsWith('/')),
    );
    if (odd.length > 0) {
      const file = join(LOG_DIR, 'fuzz-odd-outcomes.txt');
      await writeFile(
        file,
        odd
          .map(
            (o) =>
              `${o.kind}\t${o.status}\t${o.ms.toFixed(0)} ms\t${o.body.length} bytes\t${o.body.slice(0, 300)}`,
          )
          .join('\n'),
      );
      report.found.push(`requests with a failing outcome (status, time, size) are listed in ${file}`);
    }
    const latencies = commandOutcomes.map((o) => o.ms);
    const slow = commandOutcomes.filter((o) => o.ms > 3000);
    const notAcked = commandOutcomes.filter((o) => o.status !== 200 && !refusedTooLarge(o));
    report.found.push(
      `slash commands: ${statusSummary(commandOutcomes)}; ack p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
    );
    report.found.push(`malformed payloads: ${statusSummary(payloadOutcomes)}`);
    const byKind = new Map<string, Map<number, number>>();
    for (const o of payloadOutcomes) {
      const m = byKind.get(o.kind) ?? new Map<number, number>();
      m.set(o.status, (m.get(o.status) ?? 0) + 1);
      byKind.set(o.kind, m);
    }
    report.found.push(
      `  by kind: ${[...byKind.entries()].map(([k, m]) => `${k} {${[...m.entries()].map(([s, n]) => `${s}: ${n}`).join(', ')}}`).join('; ')}`,
    );
    const fiveXX = [...commandOutcomes, ...payloadOutcomes].filter((o) => o.status >= 500);
    // Bolt (5.x) reads `ssl_check` of a JSON-null payload and throws outside its error handling:
    // the request is never answered and an unhandled rejection is logged. Slack never sends
    // `payload=null` and only Slack can sign; reported, not failed (a Bolt defect, not ours).
    const isNullPayload = (o: Outcome) => o.body === 'payload=null';
    const boltNull = [...commandOutcomes, ...payloadOutcomes].filter(
      (o) => o.status === 0 && isNullPayload(o),
    );
    if (boltNull.length > 0) {
      report.found.push(
        `known Bolt defect, not failed: ${boltNull.length} \`payload=null\` bodies were never answered (Bolt throws on \`null.ssl_check\` outside its error handling and logs an unhandled rejection; the process lives on)`,
      );
    }
    const noAnswer = [...commandOutcomes, ...payloadOutcomes].filter(
      (o) => o.status === 0 && !isNullPayload(o) && !refusedTooLarge(o),
    );
    const tooLarge = commandOutcomes.filter(refusedTooLarge);
    if (tooLarge.length > 0) {
      const reset = tooLarge.filter((o) => o.status === 0).length;
      report.found.push(
        `${tooLarge.length} slash commands over Bolt's 4 MB body limit were refused with 413${reset > 0 ? ` (${reset} of them saw the connection closed while still uploading, before reading the 413)` : ''}`,
      );
    }
    if (fiveXX.length > 0) {
      const file = join(LOG_DIR, 'fuzz-5xx-bodies.txt');
      await writeFile(file, fiveXX.map((o) => `${o.kind}\t${o.body}`).join('\n'));
      report.found.push(`the bodies that got a 5xx are in ${file}`);
    }
    if (fiveXX.length > 0)
      report.failures.push(
        `${fiveXX.length} answers were 5xx (${fiveXX
          .slice(0, 3)
          .map((o) => o.kind)
          .join(', ')})`,
      );
    if (noAnswer.length > 0) report.failures.push(`${noAnswer.length} requests got no answer within 15 s`);
    if (slow.length > 0) report.failures.push(`${slow.length} slash commands were acked after more than 3 s`);
    if (notAcked.length > 0) report.failures.push(`${notAcked.length} slash commands were not answered 200`);

    const health = await fetch(`${app.baseUrl}/healthz`)
      .then((r) => r.status)
      .catch(() => 0);
    if (!app.alive()) report.failures.push(`the app process died (log: ${app.logFile})`);
    else if (health !== 200) report.failures.push(`/healthz answered ${health} after the fuzz`);
    else report.found.push('the process stayed up; /healthz 200 afterwards');
    await app.stop();
    const log = await readFile(app.logFile, 'utf8');
    const problems = new Map<string, number>();
    for (const line of log.split('\n')) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: string };
        if ((entry.level ?? 0) >= 50) {
          const key = `${entry.msg}${entry.err ? `: ${String(entry.err).slice(0, 80)}` : ''}`;
          problems.set(key, (problems.get(key) ?? 0) + 1);
        }
      } catch {
        if (line.trim() !== '') problems.set(line.slice(0, 100), (problems.get(line.slice(0, 100)) ?? 0) + 1);
      }
    }
    report.found.push(
      problems.size === 0
        ? 'no error-level log lines'
        : `error-level log lines: ${[...problems.entries()].map(([k, n]) => `${n} × "${k}"`).join('; ')}`,
    );
    const unhandled = [...problems.keys()].filter(
      (k) =>
        /unhandled rejection|uncaught/i.test(k) && !(boltNull.length > 0 && /reading 'ssl_check'/.test(k)),
    );
    if (unhandled.length > 0) report.failures.push(`unhandled errors in the log: ${unhandled.join('; ')}`);
  } finally {
    await double.close();
    await redis.stop();
  }
  return report;
}

function pick2(id: string): string {
  const zones = [
    'Europe/Berlin',
    'America/Los_Angeles',
    'Asia/Kolkata',
    'Australia/Adelaide',
    'Asia/Kathmandu',
  ];
  return zones[Number(id.slice(1)) % zones.length] ?? 'UTC';
}
