/**
 * What a trickle costs on this machine whatever the code: the same unit of JavaScript work (a "DM":
 * eight small pieces of work, each followed by a 5 ms wait, as a DM's steps wait on Redis and Slack)
 * run 1,000 times, 20 at a time (a batch), against 300 times, 5 started together once a second (the
 * trickle of a workspace paced at 300/min). CPU per unit is the whole process's (user + system, all
 * threads). It contains no Throughline code: it shows how much of a paced DM's extra cost
 * (bench/pacing.ts) is the machine finding the process idle each time. Run: `npx tsx bench/trickle-peer.ts`.
 */
import { ownCpuMs } from './support/measure.ts';

const record = Array.from({ length: 40 }, (_, i) => ({
  id: `U${i}`,
  tz: 'Europe/Paris',
  n: i,
  tags: ['a', String(i)],
}));
let sink = 0;

function piece(): void {
  const copy = JSON.parse(JSON.stringify(record)) as typeof record;
  const byId = new Map(copy.map((entry) => [entry.id, { ...entry }]));
  for (const [id, entry] of byId) sink += id.length + entry.n;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function unit(): Promise<void> {
  for (let step = 0; step < 8; step++) {
    piece();
    await wait(5);
  }
}

async function batch(units: number): Promise<number> {
  const start = ownCpuMs();
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next++ < units) await unit();
    }),
  );
  return (ownCpuMs() - start) / units;
}

async function trickle(units: number): Promise<number> {
  const start = ownCpuMs();
  for (let second = 0; second < units / 5; second++) {
    const began = Date.now();
    await Promise.all([unit(), unit(), unit(), unit(), unit()]);
    await wait(1000 - (Date.now() - began));
  }
  return (ownCpuMs() - start) / units;
}

for (let i = 0; i < 3000; i++) piece(); // the JIT's warm-up, outside both measurements
const rows: string[] = [];
for (let run = 1; run <= 2; run++) {
  const hot = await batch(1000);
  const spread = await trickle(300);
  rows.push(`| ${run} | ${hot.toFixed(3)} ms | ${spread.toFixed(3)} ms | ${(spread / hot).toFixed(2)}× |`);
}
console.log('| run | CPU per unit, batch (20 at a time) | trickle (5 a second) | ratio |');
console.log('|---|---|---|---|');
console.log(rows.join('\n'));
if (sink === -1) console.log(sink);
