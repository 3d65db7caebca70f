/**
 * `npm run drills`: fault drills against the real app, each printing what it did and what it
 * found; exits non-zero on any lost or duplicated nudge, any 5xx, crash or slow ack.
 * `npm run drills:ci` (`--ci`): the fast subset for CI (reduced fuzz, signatures, mass mentions,
 * worker SIGKILL with 200 nudges, and the security drills at reduced size: install flood, exact
 * replay, password guessing). `--only <word>` runs the drills whose name contains the word.
 * The full run also writes bench/DRILLS.md.
 */
import { writeFile } from 'node:fs/promises';
import { fuzzDrill } from './drills/fuzz.ts';
import { massMentionsDrill } from './drills/mass-mentions.ts';
import { redisRestartDrill } from './drills/redis-restart.ts';
import { exactReplayDrill, installFloodDrill, passwordGuessDrill } from './drills/security.ts';
import { signatureDrill } from './drills/signatures.ts';
import { rateLimitStormDrill, slackOutageDrill } from './drills/slack-faults.ts';
import type { DrillReport } from './drills/support.ts';
import { workerKillDrill } from './drills/worker-kill.ts';
import { cleanup, hookSignals, LOG_DIR, machine, ROOT, say } from './support/harness.ts';

const ci = process.argv.includes('--ci');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;

const drills: { key: string; run: () => Promise<DrillReport> }[] = ci
  ? [
      { key: 'signatures', run: () => signatureDrill(5) },
      // A fixed seed in CI (the same inputs every run, no flakes); the full run draws a new one.
      { key: 'fuzz', run: () => fuzzDrill(1000, 300, 1937296112) },
      { key: 'mass-mentions', run: () => massMentionsDrill(60) },
      { key: 'worker-kill', run: () => workerKillDrill(200) },
      { key: 'install-flood', run: () => installFloodDrill(2000, 10) },
      { key: 'exact-replay', run: () => exactReplayDrill(20, 3) },
      { key: 'password-guessing', run: () => passwordGuessDrill(300) },
    ]
  : [
      { key: 'signatures', run: () => signatureDrill(25) },
      { key: 'fuzz', run: () => fuzzDrill(10_000, 2000) },
      { key: 'mass-mentions', run: () => massMentionsDrill(500) },
      { key: 'worker-kill', run: () => workerKillDrill(1000) },
      { key: 'redis-restart', run: () => redisRestartDrill(1000) },
      { key: 'slack-outage', run: () => slackOutageDrill(500, 30_000) },
      { key: 'rate-limit-storm', run: () => rateLimitStormDrill(500, 300, 2) },
      { key: 'install-flood', run: () => installFloodDrill(10_000, 50) },
      { key: 'exact-replay', run: () => exactReplayDrill(100, 5) },
      { key: 'password-guessing', run: () => passwordGuessDrill(1000) },
    ];

function print(report: DrillReport, seconds: number): string {
  const lines = [
    `${report.failures.length === 0 ? 'PASS' : 'FAIL'}  ${report.name}  (${seconds.toFixed(0)} s)`,
    ...report.did.map((line) => `  did:   ${line}`),
    ...report.found.map((line) => `  found: ${line}`),
    ...report.failures.map((line) => `  FAIL:  ${line}`),
  ];
  return lines.join('\n');
}

hookSignals();
const started = Date.now();
const results: { report: DrillReport; seconds: number }[] = [];
const m = machine();
say(
  `drills${ci ? ' (CI subset)' : ''} on ${m.cpu} (${m.cores} cores), Node ${m.node}; process logs in ${LOG_DIR}`,
);
try {
  for (const drill of drills.filter((d) => !only || d.key.includes(only))) {
    say(`drill: ${drill.key}`);
    const t0 = Date.now();
    let report: DrillReport;
    try {
      report = await drill.run();
    } catch (error) {
      report = {
        name: drill.key,
        did: [],
        found: [],
        failures: [
          `the drill itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ],
      };
    }
    const seconds = (Date.now() - t0) / 1000;
    results.push({ report, seconds });
    console.log(`\n${print(report, seconds)}\n`);
  }
} finally {
  await cleanup();
}

const failed = results.filter((r) => r.report.failures.length > 0);
const total = (Date.now() - started) / 1000;
console.log(
  `${results.length - failed.length} passed, ${failed.length} failed (${total.toFixed(0)} s)${failed.length > 0 ? `: ${failed.map((r) => r.report.name).join('; ')}` : ''}`,
);
if (!ci && !only) {
  const text = [
    '# Fault drills',
    '',
    `Written by \`npm run drills\` on ${m.date}: ${m.cpu} (${m.cores} cores), Node ${m.node}. Total ${total.toFixed(0)} s.`,
    '',
    '```text',
    ...results.map((r) => print(r.report, r.seconds)).flatMap((block) => [block, '']),
    '```',
    '',
  ].join('\n');
  await writeFile(`${ROOT}bench/DRILLS.md`, text);
}
process.exit(failed.length > 0 ? 1 : 0);
