import { describe, expect, it } from 'vitest';
import { NUDGE_JOB_OPTIONS } from '#src/nudges/nudge-jobs.ts';

// The fault drill "Slack answers 500 for 30 s" (bench/drills/slack-faults.ts) lost nudges when the
// retries of a 5xx were used up within 30 s. BullMQ's exponential backoff waits
// delay · 2^(n−1) · (1 − jitter … 1) before retry n.
describe('nudge job retries', () => {
  it('outlast a Slack outage of three minutes even with the shortest jitter', () => {
    const attempts = NUDGE_JOB_OPTIONS.attempts ?? 1;
    const backoff = NUDGE_JOB_OPTIONS.backoff;
    if (typeof backoff !== 'object' || backoff.type !== 'exponential')
      throw new Error('expected exponential backoff');
    const delay = backoff.delay ?? 0;
    const jitter = backoff.jitter ?? 0;
    let shortest = 0;
    for (let n = 1; n < attempts; n++) shortest += 2 ** (n - 1) * delay * (1 - jitter);
    expect(shortest).toBeGreaterThanOrEqual(180_000);
  });
});
