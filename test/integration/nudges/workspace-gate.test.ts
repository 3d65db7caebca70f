import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspaceGate, SLOT_SHARE } from '#src/nudges/workspace-gate.ts';
import { keys } from '#src/store/keys.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

// The gate's send slots on real Redis, with the time passed in (production uses Redis's clock).

const redis = new Redis(testRedisUrl());
afterAll(() => redis.disconnect());
beforeEach(() => flushTestRedis());

const T0 = Date.parse('2026-12-04T15:00:00Z');

/** A gate whose slots come `slotsPerMinute` a minute (NUDGES_PER_MINUTE is 1 % above that). */
function gateAt(slotsPerMinute: number) {
  let now = T0;
  const gate = createWorkspaceGate(redis, { perMinute: slotsPerMinute / SLOT_SHARE, now: () => now });
  return {
    gate,
    at(ms: number) {
      now = T0 + ms;
    },
  };
}

describe('send slots', () => {
  it('hands N jobs due at once N consecutive slots at the rate, each reserved once', async () => {
    const { gate } = gateAt(300); // a slot every 200 ms
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await gate.reserveSlot('T1', `job-${i}`));
    expect(waits).toEqual([0, 200, 400, 600, 800, 1000]);
    // The first one sent at once and holds nothing; the other five hold their slot.
    expect(await redis.zcard(keys.sendSlots('T1'))).toBe(5);
    // Asking again (a retry, a second worker) finds the same slot and takes no new one.
    expect(await gate.reserveSlot('T1', 'job-3')).toBe(600);
    expect(await gate.reserveSlot('T1', 'job-6')).toBe(1200);
  });

  it('lets a job send when it comes back at its slot (a millisecond early is fine), and only once', async () => {
    const { gate, at } = gateAt(300);
    await gate.reserveSlot('T1', 'job-0');
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(200);
    at(100);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(100); // woken early: wait the rest
    at(198);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(2);
    at(199);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(0);
    expect(await redis.zscore(keys.sendSlots('T1'), 'job-1')).toBeNull();
    // The slot is used up: the same holder asking again gets a new one, after the others.
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(201);
  });

  it('keeps workspaces apart: a backlog in one leaves the next slot of another free', async () => {
    const { gate } = gateAt(120);
    for (let i = 0; i < 1000; i++) await gate.reserveSlot('TBIG', `big-${i}`);
    expect(await gate.reserveSlot('TSMALL', 'small-0')).toBe(0);
    expect(await gate.reserveSlot('TSMALL', 'small-1')).toBe(500);
  });

  it('keeps 1 % under NUDGES_PER_MINUTE, so posts running a little behind their slots stay within any minute', async () => {
    const gate = createWorkspaceGate(redis, { perMinute: 300, now: () => T0 });
    const waits = [];
    for (let i = 0; i < 298; i++) waits.push(await gate.reserveSlot('T1', `job-${i}`));
    expect(waits[1]).toBe(203); // 202.02 ms apart
    expect(waits[296]).toBeLessThan(60_000); // 297 slots in the first minute …
    expect(waits[297]).toBeGreaterThanOrEqual(59_999); // … not 300
  });

  it('works with slots that are not whole milliseconds (7/min: 8,571.43 ms), paused or not', async () => {
    const { gate, at } = gateAt(7);
    expect(await gate.reserveSlot('T1', 'a')).toBe(0);
    expect(await gate.reserveSlot('T1', 'b')).toBe(8572);
    expect(await gate.reserveSlot('T1', 'c')).toBe(17_143);
    at(1000);
    await gate.pauseFor('T1', 1500);
    expect(await gate.reserveSlot('T1', 'b')).toBe(8572 + 1500 - 1000);
    expect(await redis.pttl(keys.nudgePace('T1'))).toBeGreaterThan(3600_000);
  });

  it('after an idle spell a job sends at once (no burst credit, no debt)', async () => {
    const { gate, at } = gateAt(300);
    expect(await gate.reserveSlot('T1', 'a')).toBe(0);
    at(60_000);
    expect(await gate.reserveSlot('T1', 'b')).toBe(0);
    expect(await gate.reserveSlot('T1', 'c')).toBe(200);
  });

  it('unpaced (Infinity) sends at once but still waits out a Slack pause', async () => {
    const { gate, at } = gateAt(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 5; i++) expect(await gate.reserveSlot('T1', `job-${i}`)).toBe(0);
    await gate.pauseFor('T1', 3000);
    expect(await gate.reserveSlot('T1', 'late')).toBe(3000);
    at(3000);
    expect(await gate.reserveSlot('T1', 'late')).toBe(0);
  });
});

describe('a Slack pause (429 + Retry-After)', () => {
  it('moves every outstanding reservation later by the pause, in order and spacing, with one write', async () => {
    const { gate, at } = gateAt(60); // a slot a second
    for (let i = 0; i < 5; i++) await gate.reserveSlot('T1', `job-${i}`); // slots 0 s … 4 s
    const stored = await redis.zrange(keys.sendSlots('T1'), '0', '-1', 'WITHSCORES');
    at(1500);
    await gate.pauseFor('T1', 10_000); // until 11.5 s
    // Nothing per job was rewritten: the reservations are as they were.
    expect(await redis.zrange(keys.sendSlots('T1'), '0', '-1', 'WITHSCORES')).toEqual(stored);
    expect(await gate.pausedForMs('T1')).toBeGreaterThan(9000);
    // job-1's slot (1 s) had passed but it had not sent: it and the rest move by 10 s.
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(11_000 - 1500);
    expect(await gate.reserveSlot('T1', 'job-2')).toBe(12_000 - 1500);
    expect(await gate.reserveSlot('T1', 'job-4')).toBe(14_000 - 1500);
    // A newcomer queues behind them, after the pause.
    expect(await gate.reserveSlot('T1', 'new')).toBe(15_000 - 1500);
    at(12_000);
    expect(await gate.reserveSlot('T1', 'job-2')).toBe(0);
  });

  it('a longer pause on top of a running one moves the slots by the extension only; a shorter one changes nothing', async () => {
    const { gate, at } = gateAt(60);
    for (let i = 0; i < 3; i++) await gate.reserveSlot('T1', `job-${i}`); // 0, 1, 2 s
    await gate.pauseFor('T1', 5000); // job-1 → 6 s, job-2 → 7 s
    at(1000);
    await gate.pauseFor('T1', 2000); // ends at 3 s, inside the running pause: nothing moves
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(5000);
    await gate.pauseFor('T1', 8000); // ends at 9 s: 4 s past the running pause
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(9000);
    expect(await gate.reserveSlot('T1', 'job-2')).toBe(10_000);
  });

  it('when nothing is reserved, the next send waits for the end of the pause', async () => {
    const { gate, at } = gateAt(300);
    await gate.pauseFor('T1', 2000);
    expect(await gate.reserveSlot('T1', 'a')).toBe(2000);
    expect(await gate.reserveSlot('T1', 'b')).toBe(2200);
    at(2000);
    expect(await gate.reserveSlot('T1', 'a')).toBe(0);
  });
});

describe('clean-up', () => {
  it('drops a reservation whose job never came back an hour after its slot', async () => {
    const { gate, at } = gateAt(60);
    await gate.reserveSlot('T1', 'sent');
    await gate.reserveSlot('T1', 'gone'); // slot 1 s; the job is removed and never asks again
    at(2 * 3600_000);
    await gate.reserveSlot('T1', 'a');
    await gate.reserveSlot('T1', 'b');
    expect(await redis.zrange(keys.sendSlots('T1'), '0', '-1')).toEqual(['b']);
    expect(await redis.pttl(keys.sendSlots('T1'))).toBeGreaterThan(0);
  });
});
