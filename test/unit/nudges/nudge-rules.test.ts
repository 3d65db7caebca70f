import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import { followUpAt } from '#src/nudges/follow-up-time.ts';
import { followUpJobId, markerKindOf, redeliveryJobId, weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

describe('job ids', () => {
  it('are deterministic, one per person, week and kind, and contain no colon', () => {
    const ids = [
      weeklyNudgeJobId('T1', 'U1', '2026-W49'),
      followUpJobId('T1', 'U1', '2026-W49'),
      redeliveryJobId('T1', 'U1', '2026-W49', 2),
    ];
    expect(ids).toEqual([
      'nudge-T1-U1-2026W49',
      'nudge-followup-T1-U1-2026W49',
      'nudge-again-T1-U1-2026W49-2',
    ]);
    for (const id of ids) expect(id).not.toContain(':');
    expect(markerKindOf({ kind: 'redelivery', seq: 3 })).toBe('r3');
    expect(() => weeklyNudgeJobId('T1', 'U1:x', '2026-W49')).toThrow();
  });
});

describe('the follow-up time', () => {
  // Wednesday 2 December 2026, 16:00 in Berlin.
  const wednesday = new Date('2026-12-02T15:00:00Z');
  it('is the next working morning at 09:00 local by default', () => {
    expect(followUpAt({ kind: 'next-working-morning' }, wednesday, 'Europe/Berlin')?.toISOString()).toBe(
      '2026-12-03T08:00:00.000Z',
    );
  });
  it('is never in the next ISO week: a Friday nudge gets none by default', () => {
    expect(
      followUpAt({ kind: 'next-working-morning' }, new Date('2026-12-04T15:00:00Z'), 'Europe/Berlin'),
    ).toBeUndefined();
  });
  it('can be a number of hours later, or off', () => {
    expect(followUpAt({ kind: 'after', hours: 3 }, wednesday, 'Europe/Berlin')?.toISOString()).toBe(
      '2026-12-02T18:00:00.000Z',
    );
    expect(followUpAt({ kind: 'off' }, wednesday, 'Europe/Berlin')).toBeUndefined();
  });
});

describe('nudge configuration', () => {
  it('has safe defaults', () => {
    const loaded = loadConfig(BASE);
    expect(loaded.ok && loaded.config).toMatchObject({
      role: 'all',
      nudgeFollowUp: { kind: 'next-working-morning' },
      nudgeWorkerConcurrency: 32,
      workerLockDurationMs: 30_000,
      workerStalledIntervalMs: 30_000,
    });
  });
  it('reads ROLE and NUDGE_FOLLOW_UP', () => {
    const loaded = loadConfig({ ...BASE, ROLE: 'worker', NUDGE_FOLLOW_UP: '24h' });
    expect(loaded.ok && loaded.config).toMatchObject({
      role: 'worker',
      nudgeFollowUp: { kind: 'after', hours: 24 },
    });
  });
  it('names each bad value in one line', () => {
    const loaded = loadConfig({
      ...BASE,
      ROLE: 'cron',
      NUDGE_FOLLOW_UP: '99h',
      WORKER_LOCK_DURATION_MS: '5',
      NUDGE_WORKER_CONCURRENCY: 'many',
    });
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'ROLE must be one of all, web, worker',
        'NUDGE_FOLLOW_UP must be next-working-morning, off, or a number of hours from 1h to 72h',
        'WORKER_LOCK_DURATION_MS must be at least 1000',
        'NUDGE_WORKER_CONCURRENCY must be a whole number from 1 to 200',
      ]),
    );
  });
});
