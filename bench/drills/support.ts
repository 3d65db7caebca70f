/**
 * What the nudge drills share: a due batch of enrolled people, counting DMs per person at the
 * Slack double, and the report every drill returns.
 */
import { fixedClock } from '#src/clock.ts';
import type { SlackDouble } from '#src/sandbox/slack-double.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import { postsPerChannel } from '#test/support/run-process.ts';
import { inProcessApp, sleep } from '../support/harness.ts';

export interface DrillReport {
  name: string;
  /** What the drill did, step by step. */
  did: string[];
  /** What it found (figures, counts). */
  found: string[];
  /** Reasons the drill failed; empty when it passed. */
  failures: string[];
}

export interface DrillOptions {
  ci: boolean;
}

export interface Drill {
  name: string;
  /** Runs in the CI subset (`npm run drills:ci`), possibly at reduced size. */
  ci: boolean;
  run(options: DrillOptions): Promise<DrillReport>;
}

export function newReport(name: string): DrillReport {
  return { name, did: [], found: [], failures: [] };
}

export const DRILL_TZ = 'Europe/Berlin';
export const DRILL_SCHEDULE = { weekday: 5, hour: 16, minute: 0 };

export function people(count: number, prefix = 'U'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);
}

/**
 * Enrols `ids` for Friday 16:00 Berlin through the real nudge service (a ROLE=web app in this
 * process whose clock stands one second before the next such Friday), so each person's weekly
 * job becomes due about one second of real time later. The double must know the people.
 * Returns when the jobs are armed; no worker runs here.
 */
export async function enrolDue(
  redisUrl: string,
  slackApiUrl: string,
  ids: string[],
): Promise<{ dueAt: Date; weekKey: string; enrolMs: number }> {
  const dueAt = nextOccurrence(DRILL_SCHEDULE, DRILL_TZ, new Date(Date.now() + 2 * 24 * 3600 * 1000));
  const web = inProcessApp(redisUrl, slackApiUrl, fixedClock(new Date(dueAt.getTime() - 1000)), {
    NUDGES_PER_MINUTE: workerEnv().NUDGES_PER_MINUTE ?? '60000',
  });
  const nudges = web.deps.nudges;
  if (!nudges) throw new Error('the app has no nudge feature');
  const started = Date.now();
  let weekKey = '';
  try {
    for (let i = 0; i < ids.length; i += 50) {
      const results = await Promise.all(
        ids.slice(i, i + 50).map((id) => nudges.service.enrol('T1', id, DRILL_TZ, DRILL_SCHEDULE)),
      );
      weekKey ||= results[0]?.next?.weekKey ?? '';
    }
  } finally {
    await web.stop();
  }
  return { dueAt, weekKey, enrolMs: Date.now() - started };
}

/** `count` people the double knows (Berlin), enrolled and due about a second from now. */
export async function dueBatch(
  double: SlackDouble,
  redisUrl: string,
  count: number,
): Promise<{ ids: string[]; weekKey: string; enrolMs: number }> {
  const ids = people(count);
  for (const id of ids) double.addUser({ id, tz: DRILL_TZ });
  const { weekKey, enrolMs } = await enrolDue(redisUrl, double.apiUrl, ids);
  return { ids, weekKey, enrolMs };
}

/** Waits (at most 2 minutes, and while `keepWaiting` holds) until `target` DMs were accepted. */
export async function waitForDelivered(
  double: SlackDouble,
  target: number,
  keepWaiting: () => boolean = () => true,
  pollMs = 10,
): Promise<void> {
  const started = Date.now();
  while (deliveredCount(double) < target && Date.now() - started < 120_000 && keepWaiting())
    await sleep(pollMs);
}

export function deliveredCount(double: SlackDouble): number {
  let n = 0;
  for (const call of double.callsTo('chat.postMessage')) if (call.ok) n += 1;
  return n;
}

/** Lost (no DM) and duplicated (more than one DM) people. */
export function exactlyOnce(ids: string[], double: SlackDouble): { lost: string[]; duplicated: string[] } {
  const counts = postsPerChannel(double);
  return {
    lost: ids.filter((id) => (counts.get(id) ?? 0) === 0),
    duplicated: ids.filter((id) => (counts.get(id) ?? 0) > 1),
  };
}

/**
 * Waits until `count` DMs arrived, or `timeoutMs` passed, or no new DM came for `idleMs` (the rest
 * are not coming); then waits `settleMs` more for stragglers. Returns how long it waited.
 */
export async function waitForDms(
  double: SlackDouble,
  count: number,
  timeoutMs: number,
  settleMs = 3000,
  idleMs = 30_000,
): Promise<number> {
  const started = Date.now();
  let last = deliveredCount(double);
  let lastChange = Date.now();
  while (Date.now() - started < timeoutMs && last < count && Date.now() - lastChange < idleMs) {
    await sleep(200);
    const now = deliveredCount(double);
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    }
  }
  const took = (last >= count ? Date.now() : lastChange) - started;
  await sleep(settleMs);
  return took;
}

/** Adds lost/duplicated findings (and failures) to a report. */
export function judgeDelivery(report: DrillReport, ids: string[], double: SlackDouble): void {
  const { lost, duplicated } = exactlyOnce(ids, double);
  report.found.push(
    `${ids.length - lost.length} of ${ids.length} people got their nudge; lost ${lost.length}, duplicated ${duplicated.length}`,
  );
  if (lost.length > 0)
    report.failures.push(`${lost.length} nudge(s) lost (e.g. ${lost.slice(0, 3).join(', ')})`);
  if (duplicated.length > 0)
    report.failures.push(
      `${duplicated.length} nudge(s) sent twice (e.g. ${duplicated.slice(0, 3).join(', ')})`,
    );
}

/** The environment of a worker process in the drills (quick crash recovery, no pacing to speak of). */
export function workerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NUDGES_PER_MINUTE: '60000',
    NUDGE_FOLLOW_UP: 'off',
    // A dead worker's jobs are taken over after the lock expires (production default: 30 s).
    WORKER_LOCK_DURATION_MS: '5000',
    WORKER_STALLED_INTERVAL_MS: '5000',
    ...extra,
  };
}
