/**
 * The pacing rows of bench/RESULTS.md (issue 13), shared by `npm run bench` (bench/run.ts) and
 * `npm run bench:pacing` (bench/pacing-run.ts, which writes bench/RESULTS-pacing.md): what pacing
 * costs against an unpaced baseline in the same run, and fairness across workspaces.
 */

import { availableParallelism } from 'node:os';
import { SEND_GROUP_SECONDS } from '#src/nudges/workspace-gate.ts';
import type { MultiWorkspaceResult, PhaseResult } from './multi-workspace.ts';
import type { PeerRun } from './paced-peer.ts';
import { type PacingCostResult, type PacingResult, WORKER_SETTLE_S } from './pacing.ts';
import { fmt } from './support/harness.ts';

function yesNo(met: boolean): string {
  return met ? 'yes' : '**no**';
}

export interface PacingReport {
  rows: string[];
  missed: string[];
  detail: string;
}

function outcomes(run: PacingResult): string {
  return Object.entries(run.outcomes)
    .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
    .join(', ');
}

/** Worker + Redis read/write system calls and context switches per DM. */
function kernelTotal(run: PacingResult): { ioCalls: number; switches: number } {
  const { worker, redis } = run.kernelPerDm;
  return { ioCalls: worker.ioCalls + redis.ioCalls, switches: worker.switches + redis.switches };
}

function kernelText(run: PacingResult): string {
  const { worker, redis } = run.kernelPerDm;
  const total = kernelTotal(run);
  return `${fmt(total.ioCalls, 1)} calls (${fmt(worker.ioCalls, 1)} + ${fmt(redis.ioCalls, 1)}), ${fmt(total.switches, 1)} switches (${fmt(worker.switches, 1)} + ${fmt(redis.switches, 1)})`;
}

/** The peer's runs (bench/paced-peer.ts) averaged by mode: CPU per DM, worker + Redis. */
interface PeerMeans {
  batch: number;
  paced: number;
  rounds: number;
  dms: number;
}

function peerMeans(peer: PeerRun[] | undefined): PeerMeans | undefined {
  const mean = (mode: PeerRun['mode']) => {
    const runs = (peer ?? []).filter((run) => run.mode === mode);
    return runs.reduce((sum, run) => sum + run.cpuMsPerDm, 0) / runs.length;
  };
  const batch = mean('batch');
  const paced = mean('paced');
  if (!peer || !Number.isFinite(batch) || !Number.isFinite(paced)) return undefined;
  return { batch, paced, rounds: peer.length / 2, dms: peer[0]?.dms ?? 0 };
}

function peerRows(means: PeerMeans | undefined, paced: PacingResult): string[] {
  if (!means) return [];
  const { rounds } = means;
  return [
    `| a minimal BullMQ sender with none of our code (bench/paced-peer.ts: per job users.info, a SET NX claim, chat.postMessage), ${n(means.dms)} DMs paced at 5 a second vs all due at once, CPU per DM (worker + Redis), mean of ${rounds} round${rounds === 1 ? '' : 's'} | ${fmt(means.paced)} ms | batch ${fmt(means.batch)} ms | ${fmt(means.paced / means.batch)}× | context: what a trickle costs on this machine | |`,
    `| CPU per paced DM: Throughline against that minimal sender paced the same way | ${fmt(paced.cpuMsPerDm)} ms | ${fmt(means.paced)} ms | ${fmt(paced.cpuMsPerDm / means.paced)}× | context | |`,
  ];
}

function peerText(means: PeerMeans | undefined, paced: PacingResult, unpaced: PacingResult): string {
  if (!means) return '';
  const againstPeer = paced.cpuMsPerDm / means.paced;
  const verdict =
    againstPeer <= 1.2
      ? `: a paced DM costs about what the minimal sender's does${unpaced.cpuMsPerDm < means.batch ? `, and the ratio is high because Throughline's batched DM (${fmt(unpaced.cpuMsPerDm)} ms) is cheaper than the minimal sender's (${fmt(means.batch)} ms)` : ''}.`
      : '.';
  return ` A sender with none of Throughline's code (bench/paced-peer.ts, the row above: one BullMQ job, users.info, a claim and chat.postMessage per DM) paid ${fmt(means.paced / means.batch)}× as much per DM paced as batched in this run, and ${fmt(means.paced)} ms per paced DM against Throughline's ${fmt(paced.cpuMsPerDm)} ms (${fmt(againstPeer)}×)${verdict}`;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * What the multi-workspace aim's rate takes in CPU, from a phase's own CPU per DM: the worker and
 * Redis (the bot) and the Slack double, which runs on this machine's cores here and on Slack's in
 * production. Cores: this machine's.
 */
function coresNeeded(phase: PhaseResult, dmsPerS: number): string {
  const { worker, redis, slackDouble } = phase.cpuMsPerDm;
  const cores = (ms: number) => fmt((dmsPerS * ms) / 1000, 1);
  return `At this phase's CPU per DM (worker ${fmt(worker)} ms + Redis ${fmt(redis)} ms + the Slack double ${fmt(slackDouble)} ms), ${fmt(dmsPerS, 0)} DMs/s take ${cores(worker + redis + slackDouble)} cores, of which the bot's own share (worker and Redis) is ${cores(worker + redis)} cores; this machine has ${availableParallelism()}.`;
}

export function pacingReport(
  cost: PacingCostResult,
  multi: MultiWorkspaceResult | undefined,
  peer?: PeerRun[],
): PacingReport {
  const { paced, unpaced, paused } = cost;
  const rows: string[] = [];
  const missed: string[] = [];
  const cpuRatio = paced.cpuMsPerDm / unpaced.cpuMsPerDm;
  const commandRatio = paced.commandsPerDm / unpaced.commandsPerDm;
  const ioCallRatio = kernelTotal(paced).ioCalls / kernelTotal(unpaced).ioCalls;
  const switchRatio = kernelTotal(paced).switches / kernelTotal(unpaced).switches;
  const waiting = paused.pause;
  const peerCpu = peerMeans(peer);
  rows.push(
    `| pacing: ${n(paced.dms)} DMs at ${n(paced.perMinute)}/min | ${fmt(paced.completionS, 1)} s | theoretical minimum ${fmt(paced.theoreticalS, 1)} s | ${fmt(paced.ratio, 3)}× | ≤ 1.15× | ${yesNo(paced.ratio <= 1.15)} |`,
    `| pacing at ${n(paced.perMinute)}/min: 429s received | ${paced.limited} of ${n(paced.postCalls)} calls | all calls | ${fmt(paced.limitedShare * 100, 2)} % | ≤ 1 % | ${yesNo(paced.limitedShare <= 0.01)} |`,
    `| CPU per DM paced at ${n(paced.perMinute)}/min (worker + Redis) | ${fmt(paced.cpuMsPerDm)} ms (${fmt(paced.workerCpuMsPerDm)} + ${fmt(paced.redisCpuMsPerDm)}) | unpaced ${fmt(unpaced.cpuMsPerDm)} ms (${fmt(unpaced.workerCpuMsPerDm)} + ${fmt(unpaced.redisCpuMsPerDm)}) | ${fmt(cpuRatio)}× | ≤ 1.3× | ${yesNo(cpuRatio <= 1.3)} |`,
    `| Redis commands per DM paced vs unpaced | ${fmt(paced.commandsPerDm, 1)} | unpaced ${fmt(unpaced.commandsPerDm, 1)} | ${fmt(commandRatio)}× | ≤ 2× | ${yesNo(commandRatio <= 2)} |`,
    `| read/write system calls and context switches per DM, worker + Redis (what a batch shares and a trickle pays per DM) | ${kernelText(paced)} | unpaced ${kernelText(unpaced)} | ${fmt(ioCallRatio)}× and ${fmt(switchRatio)}× | context for the CPU row | |`,
    ...peerRows(peerCpu, paced),
    `| worker CPU over the paced run (sending ${fmt(paced.perMinute / 60, 1)} DMs/s, the rest waiting) | ${fmt(paced.workerCorePct, 2)} % of a core | one core | | ≤ 5 % | ${yesNo(paced.workerCorePct <= 5)} |`,
  );
  if (paced.idle)
    rows.push(
      `| the same worker idle, every job armed and none due yet (${fmt(paced.idle.seconds, 0)} s before the paced run) | ${fmt(paced.idle.workerCorePct, 2)} % of a core (Redis ${fmt(paced.idle.redisCorePct, 2)} %) | | | part of the two rows above | |`,
    );
  rows.push(
    `| Redis memory per DM: left after sending (unpaced / paced); per waiting unbooked job's reservation; per booked minute of a workspace's calendar | ${fmt(unpaced.memoryPerDmBytes, 0)} B / ${fmt(paced.memoryPerDmBytes, 0)} B; ${fmt(cost.reservationBytes, 0)} B; ${fmt(cost.calendarMinuteBytes, 0)} B | | | for docs/capacity.md | |`,
  );
  if (waiting) {
    rows.push(
      `| worker CPU during a 429 pause, ${waiting.waiting} jobs waiting for their slots | ${fmt(waiting.workerCorePct, 2)} % of a core (Redis ${fmt(waiting.redisCorePct, 2)} %) | one core | | ≤ 5 % | ${yesNo(waiting.workerCorePct <= 5)} |`,
      `| DMs sent inside that pause | ${waiting.postsDuringPause} | | | 0 | ${yesNo(waiting.postsDuringPause === 0)} |`,
    );
  }
  // The idle worker's and Redis's own cost over the paced run's length, per DM sent in it.
  const idleMsPerDm = paced.idle
    ? ((paced.idle.workerCorePct + paced.idle.redisCorePct) / 100) *
      ((paced.usage.wallS * 1000) / Math.max(1, paced.delivered))
    : undefined;
  const idleText =
    paced.idle && idleMsPerDm !== undefined
      ? ` Measured in the same run before the jobs fell due (${fmt(paced.idle.seconds, 0)} s, every job armed, none due), the idle worker process used ${fmt(paced.idle.workerCorePct, 2)} % of a core and Redis ${fmt(paced.idle.redisCorePct, 2)} %: over the ${fmt(paced.usage.wallS, 0)} s of the paced run that is ${fmt(idleMsPerDm)} ms per DM, whatever pacing does; without it the ratio would be ${fmt((paced.cpuMsPerDm - idleMsPerDm) / unpaced.cpuMsPerDm)}×.`
      : '';
  if (cpuRatio > 1.3) {
    const extraPasses = (paced.outcomes.delayed_paced ?? 0) / Math.max(1, paced.delivered);
    missed.push(
      `- **CPU per paced DM is ${fmt(cpuRatio)}× the unpaced one** (aim ≤ 1.3×). There is no second pass (${fmt(extraPasses, 2)} delays per DM: each job booked its slot when it was armed and sent on its one pass) and a send group's worth of a workspace's DMs (${fmt((paced.perMinute * SEND_GROUP_SECONDS) / 60, 0)} at this rate, SEND_GROUP_SECONDS ${SEND_GROUP_SECONDS}) share one wake of the worker. What is left is the cost of a trickle: the worker and Redis wake ${fmt(paced.usage.wallS, 0)} times instead of working through the batch in ${fmt(unpaced.usage.wallS, 0)} s, each DM's work done on an otherwise idle process (cold caches, nothing to batch: Redis reads a command at a time where a batch hands it many), and the processes' own idle cost is spread over few DMs. The kernel row shows it: the same work per DM took ${fmt(ioCallRatio)}× the read/write system calls and ${fmt(switchRatio)}× the context switches of the batch, where a batch's one read or wake serves many DMs. Fewer wakes did not lower it: with a wake every 3 s (15 DMs each) a paced DM cost 1.47× against 1.41× with one a second (SEND_GROUP_SECONDS in src/nudges/workspace-gate.ts).${idleText}${peerText(peerCpu, paced, unpaced)}`,
    );
  }
  if (paced.workerCorePct > 5)
    missed.push(
      `- **The worker used ${fmt(paced.workerCorePct, 2)} % of a core over the paced run** (aim ≤ 5 %): ${fmt(paced.perMinute / 60, 1)} DMs/s × ${fmt(paced.workerCpuMsPerDm)} ms each, the per-wake cost of the row above${paced.idle ? `, of which ${fmt(paced.idle.workerCorePct, 2)} % is the idle process's own` : ''}; CPU time per DM rises with the shared machine's load (see the load average at the start of this run).`,
    );
  if (commandRatio > 2)
    missed.push(`- Redis commands per paced DM are ${fmt(commandRatio)}× the unpaced ones (aim ≤ 2×).`);
  if (paced.ratio > 1.15)
    missed.push(
      `- Pacing at ${n(paced.perMinute)}/min took ${fmt(paced.ratio, 3)}× the theoretical minimum.`,
    );
  if (paced.limitedShare > 0.01)
    missed.push(`- ${fmt(paced.limitedShare * 100, 2)} % of paced calls got 429.`);
  for (const run of [paced, unpaced, paused]) {
    if (run.delivered < run.dms || run.duplicated > 0)
      missed.push(
        `- ${run.label}: ${run.delivered} of ${run.dms} DMs delivered, ${run.duplicated} people got two.`,
      );
  }

  let multiDetail = '';
  if (multi) {
    const { alone, withBig } = multi;
    const aim = alone.smallTheoreticalS + 10;
    const phaseRow = (phase: PhaseResult) =>
      `| ${phase.label} | ${n(phase.workspaces)} | ${n(phase.dms)} | ${fmt(phase.smallCompletion.p50, 1)} / ${fmt(phase.smallCompletion.p99, 1)} / ${fmt(phase.smallCompletion.max, 1)} s | ${phase.smallOverAim} | ${fmt(phase.small.p50, 2)} / ${fmt(phase.small.p99, 2)} s | ${phase.big ? `${fmt(phase.big.p50, 2)} / ${fmt(phase.big.p99, 2)} s (${n(phase.big.delivered)} DMs in ${fmt(phase.big.observedS, 0)} s, ${fmt(phase.big.rateAchieved, 0)}/min)` : ''} | ${phase.limited} | ${phase.duplicated} | ${fmt(phase.smallWorkerCorePct, 0)} % | ${fmt(phase.cpuMsPerDm.worker)} / ${fmt(phase.cpuMsPerDm.redis)} / ${fmt(phase.cpuMsPerDm.slackDouble)} ms |`;
    const slowdown = withBig.smallCompletion.max - alone.smallCompletion.max;
    rows.push(
      `| ${n(multi.smallWorkspaces)} workspaces × ${multi.smallSize} + one of ${n(multi.bigSize)}: slowest small workspace done | ${fmt(withBig.smallCompletion.max, 1)} s | alone (no large workspace) ${fmt(alone.smallCompletion.max, 1)} s | ${fmt(withBig.smallCompletion.max / alone.smallCompletion.max)}× | own theoretical ${fmt(alone.smallTheoreticalS, 1)} s + 10 s | ${yesNo(withBig.smallOverAim === 0)} |`,
      `| same: p99 lateness minus floor, small workspaces | ${fmt(withBig.small.p99, 2)} s | alone ${fmt(alone.small.p99, 2)} s | | ≤ 5 s | ${yesNo(withBig.small.p99 <= 5)} |`,
      ...(withBig.big
        ? [
            `| same: p99 lateness minus floor, the large workspace (${n(withBig.big.delivered)} DMs observed) | ${fmt(withBig.big.p99, 2)} s | | | ≤ 5 s | ${yesNo(withBig.big.p99 <= 5)} |`,
          ]
        : []),
    );
    const more = multi.withBigMoreWorkers;
    if (more) {
      rows.push(
        `| same on ${multi.moreWorkers} worker processes: slowest small workspace done; p99 lateness minus floor, small / large | ${fmt(more.smallCompletion.max, 1)} s; ${fmt(more.small.p99, 2)} s / ${more.big ? fmt(more.big.p99, 2) : '–'} s | one worker process ${fmt(withBig.smallCompletion.max, 1)} s | ${fmt(more.smallCompletion.max / withBig.smallCompletion.max)}× | own theoretical ${fmt(alone.smallTheoreticalS, 1)} s + 10 s; ≤ 5 s | ${yesNo(more.smallOverAim === 0 && more.small.p99 <= 5)} |`,
      );
    }
    const fitted = multi.fitted;
    if (fitted) {
      const f = fitted.withBig;
      rows.push(
        `| ${n(fitted.smallWorkspaces)} workspaces × ${multi.smallSize} (as many as one worker process sends in their own time here) + one of ${n(multi.bigSize)}: slowest small workspace done | ${fmt(f.smallCompletion.max, 1)} s | alone ${fmt(fitted.alone.smallCompletion.max, 1)} s | ${fmt(f.smallCompletion.max / fitted.alone.smallCompletion.max)}× | own theoretical ${fmt(f.smallTheoreticalS, 1)} s + 10 s | ${yesNo(f.smallOverAim === 0)} |`,
        `| same: p99 lateness minus floor, small / large (${n(f.big?.delivered ?? 0)} DMs observed) | ${fmt(f.small.p99, 2)} s / ${f.big ? fmt(f.big.p99, 2) : '–'} s | alone ${fmt(fitted.alone.small.p99, 2)} s | | ≤ 5 s | ${yesNo(f.small.p99 <= 5 && (f.big?.p99 ?? 0) <= 5)} |`,
      );
      if (f.smallOverAim > 0 || f.small.p99 > 5 || (f.big?.p99 ?? 0) > 5)
        missed.push(
          `- **With ${n(fitted.smallWorkspaces)} small workspaces** (a load one worker process here can carry) ${f.smallOverAim} finished later than their own ${fmt(aim, 1)} s; p99 lateness minus floor ${fmt(f.small.p99, 2)} s small, ${f.big ? fmt(f.big.p99, 2) : '–'} s large (alone: slowest ${fmt(fitted.alone.smallCompletion.max, 1)} s, p99 ${fmt(fitted.alone.small.p99, 2)} s).`,
        );
    }
    if (withBig.smallOverAim > 0 || withBig.small.p99 > 5) {
      const aloneRate = alone.dms / Math.max(0.001, alone.smallCompletion.max);
      missed.push(
        `- **Small workspaces: ${withBig.smallOverAim} of ${n(multi.smallWorkspaces)} finished later than their own ${fmt(aim, 1)} s** (p99 lateness minus floor ${fmt(withBig.small.p99, 2)} s). This is the worker processes' throughput, not fairness: ${alone.smallOverAim > 0 ? `without the large workspace ${alone.smallOverAim} did too (slowest ${fmt(alone.smallCompletion.max, 1)} s, p99 lateness minus floor ${fmt(alone.small.p99, 2)} s): ${n(alone.dms)} DMs due in the same few seconds are more than one worker process sends in ${fmt(aim, 0)} s on this machine (about ${fmt(aloneRate, 0)} DMs/s here; the aim needs ${fmt(alone.dms / aim, 0)}/s). ${coresNeeded(alone, alone.dms / aim)}` : ''} ${slowdown > 0.5 ? `The large workspace added ${fmt(slowdown, 1)} s to the slowest small one. Its ${n(multi.bigSize)} jobs now come at their booked slots (${fmt(multi.perMinute / 60, 0)} a second), not all at once ahead of everyone, so their own share of the worker in that time is small (${n(withBig.big?.delivered ?? 0)} DMs); until the small ones were done the worker used ${fmt(withBig.smallWorkerCorePct, 0)} % of a core with the large workspace against ${fmt(alone.smallWorkerCorePct, 0)} % without (the Slack double, in the bench process, and Redis share the machine's other core). The large workspace's own DMs were late by as much because they queue, by due time, behind the small workspaces' earlier slots; when reached, some went close together, hence the 429s.` : `The large workspace did not slow them (slowest ${fmt(withBig.smallCompletion.max, 1)} s with it, ${fmt(alone.smallCompletion.max, 1)} s alone): its ${n(multi.bigSize)} jobs came at their booked slots and took only their share of the worker.`}${more ? ` On ${multi.moreWorkers} worker processes the slowest small workspace was done in ${fmt(more.smallCompletion.max, 1)} s (p99 lateness minus floor ${fmt(more.small.p99, 2)} s), the workers together at ${fmt(more.workerCorePct, 0)} % of a core: more worker processes do not help on 2 shared cores; the aim needs about ${fmt(alone.dms / aim, 0)} DMs/s, which is more processes on more cores (docs/capacity.md).` : ''}`,
      );
    }
    multiDetail = `
### Fairness across workspaces

${n(multi.smallWorkspaces)} small workspaces of ${multi.smallSize} people and one of ${n(multi.bigSize)}, every nudge due in
the same instant, each workspace with its own bot token (OAuth mode) and the Slack double enforcing
${n(multi.perMinute)}/min per workspace and 1/s per channel; one ROLE=worker process (and a phase on ${multi.moreWorkers ?? 1}),
NUDGES_PER_MINUTE=${n(multi.perMinute)}, NUDGE_WORKER_CONCURRENCY=${multi.concurrency} each. The baseline is the same small workspaces alone, in the same run.
The worker processes were up first; everyone was then enrolled through the real nudge service for
the same minute of real time (each job booking its workspace's send slot as it was armed), the
large workspace first. Time 0 is that minute. "Lateness minus floor" is, per DM, its
time after time 0 minus its position in its own workspace's queue divided by the rate; p50 / p99.
A small workspace's own theoretical time is ${multi.smallSize} DMs at ${n(multi.perMinute)}/min = ${fmt(alone.smallTheoreticalS, 1)} s.
The large workspace was watched until the small ones were done plus a minute (at ${n(multi.perMinute)}/min it needs ${fmt(multi.bigSize / multi.perMinute, 0)} minutes).${
      fitted
        ? `
The last two phases repeat the first two with only ${n(fitted.smallWorkspaces)} small workspaces (${n(fitted.alone.dms)} DMs), few enough
for one worker process on this machine to send in their own time: what they show is fairness apart from throughput.`
        : ''
    }

| phase | workspaces | DMs | small workspace done p50 / p99 / max | small over aim | lateness − floor, small p50 / p99 | large p50 / p99 | 429s | twice | worker CPU until the small ones were done | CPU per DM until then: worker / Redis / Slack double |
|---|---|---|---|---|---|---|---|---|---|---|
${phaseRow(alone)}
${phaseRow(withBig)}
${more ? `${phaseRow(more)}\n` : ''}${fitted ? `${phaseRow(fitted.alone)}\n${phaseRow(fitted.withBig)}\n` : ''}`;
  }

  const runRow = (run: PacingResult) =>
    `| ${run.label} | ${n(run.dms)} | ${fmt(run.completionS, 1)} s | ${n(run.delivered)} / ${run.duplicated} | ${run.limited} | ${fmt(run.workerCpuMsPerDm)} | ${fmt(run.redisCpuMsPerDm)} | ${fmt(run.commandsPerDm, 1)} | ${fmt(run.workerCorePct, 2)} % | ${outcomes(run)} |`;
  const detail = `## Pacing: what it costs, and fairness (issue 13)

Pacing is by booking: a nudge job books its workspace's next free send slot (a per-workspace
calendar, one Lua step) when it is armed and is delayed to it from the start, so it sends on one
pass; jobs without a booking (invitations, channel prompts, retries) reserve a slot in the same
calendar when due and are delayed once; a 429 makes each slot inside the pause give way to one after
it (src/nudges/workspace-gate.ts). The same batch, due in one instant, sent by one ROLE=worker process
three ways in one run: unpaced (NUDGES_PER_MINUTE=1,000,000, the double enforcing nothing: the same
necessary work per DM, the baseline), paced at ${n(paced.perMinute)}/min against the double's limits, and paced
with one 429 (Retry-After ${waiting?.retryAfterS ?? 20} s) after a tenth of the batch. CPU is measured from just before
the jobs fall due (the worker up and idle for ${WORKER_SETTLE_S} s first, as a long-running worker is, its start-up
being bench/worker-startup.ts's figure; every job armed) to the last DM; the arming
of next week's job after each DM is inside it. The worker from /proc, Redis
from INFO (user + sys); commands from INFO (a Lua script's commands count).

| run | DMs | completion | delivered / twice | 429s | worker CPU ms/DM | Redis CPU ms/DM | Redis commands/DM | worker, % of a core | outcomes |
|---|---|---|---|---|---|---|---|---|---|
${runRow(unpaced)}
${runRow(paced)}
${runRow(paused)}
${
  waiting
    ? `
During the pause (${fmt(waiting.usage.wallS, 1)} s measured inside it, ${waiting.waiting} jobs holding slots): the worker used
${fmt(waiting.workerCorePct, 2)} % of a core and Redis ${fmt(waiting.redisCorePct, 2)} %, ${fmt(waiting.commandsPerS, 0)} commands/s: the jobs whose slots fell inside
the pause woke at their slot as planned, found the pause and booked a slot after it, once; nobody was
woken by the pause itself. ${waiting.postsDuringPause} DMs went out inside the pause.
`
    : ''
}${multiDetail}`;
  return { rows, missed, detail };
}
