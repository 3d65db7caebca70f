/**
 * `npm run bench:transport`: the Web API clients' HTTP transport, measured through the real
 * WebClient. Each transport makes the same `chat.postMessage` calls against the Slack double, which
 * runs in a process of its own so only the client side's CPU is counted; transports take turns in
 * rounds, each starting with the next one (ABCDE BCDEA …) in the same run, so load on this shared machine hits them alike. Writes
 * bench/RESULTS-transport.md, which `npm run bench` quotes in bench/RESULTS.md.
 *
 * Transports: node:http with keep-alive agents (the clients' transport, src/slack/keep-alive-fetch.ts),
 * undici's fetch on a keep-alive Agent of its own (bench/support/undici-fetch.ts, the alternative
 * issue 14 asked about), each alone and wrapped in the metrics layer as the app runs it
 * (src/slack/instrumented-fetch.ts), and Node's global fetch for reference.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { type FetchFunction, WebClient } from '@slack/web-api';
import { createMetrics } from '#src/metrics.ts';
import { instrumentedFetch } from '#src/slack/instrumented-fetch.ts';
import { createKeepAliveFetch } from '#src/slack/keep-alive-fetch.ts';
import {
  cleanup,
  fmt,
  hookSignals,
  machine,
  quantile,
  ROOT,
  say,
  startRemoteDouble,
  TEAM,
} from './support/harness.ts';
import { createUndiciFetch } from './support/undici-fetch.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CALLS = env('BENCH_TRANSPORT_CALLS', 1000);
const ROUNDS = env('BENCH_TRANSPORT_ROUNDS', 4);
const IN_FLIGHT = env('BENCH_TRANSPORT_IN_FLIGHT', 16);

interface Transport {
  name: string;
  fetch: FetchFunction;
}

interface Sample {
  cpuUs: number;
  wallMs: number;
  latencies: number[];
}

/** `calls` posts with `inFlight` of them at a time; CPU and wall time of the whole batch. */
async function batch(client: WebClient, calls: number, inFlight: number): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < calls) {
        next += 1;
        const at = performance.now();
        await client.chat.postMessage({ channel: 'C1', text: `bench ${next}` });
        latencies.push(performance.now() - at);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, wallMs: performance.now() - started, latencies };
}

hookSignals();
const loadStart = loadavg();
const double = await startRemoteDouble({ teams: [TEAM], channels: [{ id: 'C1', name: 'general' }] });
try {
  const metrics = createMetrics();
  const transports: Transport[] = [
    { name: 'node:http keep-alive', fetch: createKeepAliveFetch() },
    {
      name: 'node:http keep-alive + metrics wrapper (as the app runs it)',
      fetch: instrumentedFetch(metrics, 'background', createKeepAliveFetch()),
    },
    { name: 'undici Agent fetch', fetch: createUndiciFetch() },
    {
      name: 'undici Agent fetch + metrics wrapper',
      fetch: instrumentedFetch(metrics, 'background', createUndiciFetch()),
    },
    { name: "Node's global fetch (reference)", fetch: globalThis.fetch as unknown as FetchFunction },
  ];
  const clients = transports.map(
    (transport) =>
      new WebClient(TEAM.botToken, {
        slackApiUrl: `${double.apiUrl.replace(/\/$/, '')}/`,
        fetch: transport.fetch,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      }),
  );
  const modes = [1, IN_FLIGHT];
  const samples = transports.map(() => modes.map(() => [] as Sample[]));
  say(`warming up ${transports.length} transports`);
  for (const client of clients) await batch(client, 200, 4);
  for (let round = 1; round <= ROUNDS; round++) {
    say(`round ${round} of ${ROUNDS}: ${CALLS} calls per transport, 1 and ${IN_FLIGHT} in flight`);
    for (const [m, inFlight] of modes.entries()) {
      // Each round starts with another transport, so none always runs after the same neighbour's garbage.
      for (let k = 0; k < clients.length; k++) {
        const t = (k + round) % clients.length;
        const client = clients[t];
        if (client) samples[t]?.[m]?.push(await batch(client, CALLS, inFlight));
        await double.call('clearCalls');
      }
    }
  }
  const rows: string[] = [];
  const cpuOf = (t: number, m: number) => (samples[t]?.[m] ?? []).reduce((sum, s) => sum + s.cpuUs, 0);
  const baseline = modes.map((_, m) => cpuOf(0, m));
  // The app's transport as it runs (with the metrics wrapper) against undici's, wrapped alike.
  const ratios = modes.map((_, m) => cpuOf(3, m) / cpuOf(1, m));
  const measured = modes
    .map((inFlight, m) => `${fmt(ratios[m] ?? 0, 2)}× (${inFlight} in flight)`)
    .join(' and ');
  // Issue 14: switch to undici unless it is clearly worse; within 20 % counts as no worse.
  const verdict = ratios.every((ratio) => ratio > 1.2)
    ? 'clearly more, so the clients keep src/slack/keep-alive-fetch.ts'
    : 'not clearly more: issue 14 asks the clients to use it';
  for (const [t, transport] of transports.entries()) {
    for (const [m, inFlight] of modes.entries()) {
      const runs = samples[t]?.[m] ?? [];
      const cpuUs = runs.reduce((sum, s) => sum + s.cpuUs, 0);
      const wallMs = runs.reduce((sum, s) => sum + s.wallMs, 0);
      const calls = CALLS * runs.length;
      const latencies = runs.flatMap((s) => s.latencies);
      rows.push(
        `| ${transport.name} | ${inFlight} | ${fmt(cpuUs / calls / 1000, 3)} ms | ${fmt(cpuUs / (baseline[m] ?? cpuUs), 2)}× | ${fmt(wallMs / calls, 3)} ms | ${fmt(quantile(latencies, 0.5))} ms | ${fmt(quantile(latencies, 0.99))} ms |`,
      );
    }
  }
  const m = machine();
  const text = `# Web API transport (\`npm run bench:transport\`)

${CALLS.toLocaleString('en-US')} \`chat.postMessage\` calls per transport and round, ${ROUNDS} rounds taken in turns, through the
real \`WebClient\` against the Slack double in its own process (its CPU is not counted). CPU is this
process's user + system time per call, including the WebClient's own work; wall is the batch's time
per call. ${m.cpu} × ${m.cores}, Node ${m.node}, ${m.date}, load ${loadStart.map((v) => v.toFixed(2)).join(' / ')} → ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ')}.

CPU per call of undici's fetch against node:http, both with the metrics wrapper as the app runs
them: ${measured}; ${verdict}.

| transport | in flight | CPU per call | CPU vs node:http | wall per call | p50 latency | p99 latency |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
  await writeFile(`${ROOT}bench/RESULTS-transport.md`, text);
  say(text);
} finally {
  await double.close();
  await cleanup();
}
