/**
 * `npm run bench:pacing`: the pacing part of `npm run bench` on its own (issue 13): what pacing costs
 * against an unpaced baseline in the same run (bench/pacing.ts `benchPacingCost`) and fairness across
 * workspaces (bench/multi-workspace.ts). Writes bench/RESULTS-pacing.md.
 * Options (environment): BENCH_PACED_DMS (1000), BENCH_PACED_PER_MINUTE (300), BENCH_MULTI_SMALL
 * (1000 workspaces), BENCH_MULTI_SIZE (20 people each), BENCH_MULTI_BIG (20000), BENCH_MULTI_OBSERVE_S
 * (60), BENCH_MULTI_CONCURRENCY (NUDGE_WORKER_CONCURRENCY of each worker; the product's default), BENCH_MULTI_WORKERS (2: the
 * phase with the large workspace again on that many worker processes; 1 skips it), BENCH_MULTI_FIT_SMALL
 * (100: both phases again with that many small workspaces, within one worker's throughput here; 0 skips
 * them), BENCH_SKIP_MULTI=1, BENCH_PEER_DMS (600) and BENCH_PEER_ROUNDS (2) for bench/paced-peer.ts,
 * BENCH_SKIP_PEER=1.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { DEFAULT_NUDGE_WORKER_CONCURRENCY } from '#src/config.ts';
import { benchMultiWorkspace } from './multi-workspace.ts';
import { benchPacedPeer } from './paced-peer.ts';
import { benchPacingCost } from './pacing.ts';
import { type PacingReport, pacingReport } from './pacing-report.ts';
import { cleanup, hookSignals, machine, machineTable, ROOT, say } from './support/harness.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export async function runPacingBenches() {
  const cost = await benchPacingCost({
    dms: env('BENCH_PACED_DMS', 1000),
    perMinute: env('BENCH_PACED_PER_MINUTE', 300),
  });
  // The same machine's price for a trickle, paid by a sender with none of our code (bench/paced-peer.ts).
  const peer =
    process.env.BENCH_SKIP_PEER === '1'
      ? undefined
      : await benchPacedPeer(env('BENCH_PEER_DMS', 600), env('BENCH_PEER_ROUNDS', 2));
  const multi =
    process.env.BENCH_SKIP_MULTI === '1'
      ? undefined
      : await benchMultiWorkspace({
          smallWorkspaces: env('BENCH_MULTI_SMALL', 1000),
          smallSize: env('BENCH_MULTI_SIZE', 20),
          bigSize: env('BENCH_MULTI_BIG', 20_000),
          perMinute: env('BENCH_PACED_PER_MINUTE', 300),
          observeBigS: env('BENCH_MULTI_OBSERVE_S', 60),
          concurrency: env('BENCH_MULTI_CONCURRENCY', DEFAULT_NUDGE_WORKER_CONCURRENCY),
          moreWorkers: env('BENCH_MULTI_WORKERS', 2),
          fitSmallWorkspaces: env('BENCH_MULTI_FIT_SMALL', 100),
        });
  return { cost, multi, peer };
}

/** bench/RESULTS-pacing.md: the pacing rows and their detail on a page of their own. */
export function pacingResultsPage(writtenBy: string, machineRows: string, report: PacingReport): string {
  return `# Pacing benchmark results (issue 13)

Written by ${writtenBy}: \`npm run bench\` writes these rows into bench/RESULTS.md and this page,
\`npm run bench:pacing\` (bench/pacing-run.ts) only this page. Every ratio is against a baseline
measured in the same run on the same machine.

${machineRows}

| figure | measured | baseline | ratio | aim | met |
|---|---|---|---|---|---|
${report.rows.join('\n')}

### Aims missed, and why

${report.missed.length === 0 ? 'None.' : report.missed.join('\n')}

${report.detail.replace(/^## /m, '### ')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  hookSignals();
  const started = Date.now();
  const m = machine();
  const loadStart = loadavg();
  try {
    const { cost, multi, peer } = await runPacingBenches();
    const text = pacingResultsPage(
      '`npm run bench:pacing`',
      machineTable(m, loadStart, loadavg(), (Date.now() - started) / 1000),
      pacingReport(cost, multi, peer),
    );
    await writeFile(`${ROOT}bench/RESULTS-pacing.md`, text);
    say(`wrote bench/RESULTS-pacing.md`);
    console.log(text);
  } finally {
    await cleanup();
  }
}
