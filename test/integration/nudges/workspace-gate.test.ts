import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspaceGate } from '#src/nudges/workspace-gate.ts';
import { keys } from '#src/store/keys.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

// The gate's send slots on real Redis, with the time passed in (production uses Redis's clock).

const redis = new Redis(testRedisUrl());
afterAll(() => redis.disconnect());
beforeEach(() => flushTestRedis());

const T0 = Date.parse('2026-12-04T15:00:00Z');

/** A gate whose slots come `slotsPerMinute` a minute (NUDGES_PER_MINUTE is a second's worth above that). */
function gateAt(slotsPerMinute: number) {
  let now = T0;
  const gate = createWorkspaceGate(redis, {
    perMinute: slotsPerMinute + Math.ceil(slotsPerMinute / 60),
    now: () => now,
  });
  return {
    gate,
    at(ms: number) {
      now = T0 + ms;
    },
  };
}

describe('send slots', () => {
  it("hands N jobs due at once N consecutive slots at the rate, a second's worth at a time, each reserved once", async () => {
    const { gate } = gateAt(300); // five slots at the start of each second
    const waits = [];
    for (let i = 0; i < 7; i++) waits.push(await gate.reserveSlot('T1', `job-${i}`));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1000, 1000]);
    // The first five share this second and send at once, holding nothing; the next two hold the next second's.
    expect(await redis.zcard(keys.sendSlots('T1'))).toBe(2);
    // Asking again (a retry, a second worker) finds the same slot and takes no new one.
    expect(await gate.reserveSlot('T1', 'job-5')).toBe(1000);
    for (let i = 7; i < 10; i++) expect(await gate.reserveSlot('T1', `job-${i}`)).toBe(1000);
    expect(await gate.reserveSlot('T1', 'job-10')).toBe(2000);
  });

  it('lets a job send when it comes back at its slot (a millisecond early is fine), and only once', async () => {
    const { gate, at } = gateAt(300);
    for (let i = 0; i < 5; i++) await gate.reserveSlot('T1', `now-${i}`);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(1000);
    at(500);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(500); // woken early: wait the rest
    at(998);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(2);
    at(999);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(0);
    expect(await redis.zscore(keys.sendSlots('T1'), 'job-1')).toBeNull();
    // The slot is used up: the same holder asking again takes a new one (the next free of this second),
    // and when the second's five are used, the next waits for the second after.
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(0);
    for (const job of ['b', 'c', 'd']) expect(await gate.reserveSlot('T1', job)).toBe(0);
    expect(await gate.reserveSlot('T1', 'e')).toBe(1001);
  });

  it('keeps workspaces apart: a backlog in one leaves the next slot of another free', async () => {
    const { gate } = gateAt(120);
    for (let i = 0; i < 1000; i++) await gate.reserveSlot('TBIG', `big-${i}`);
    expect(await gate.reserveSlot('TSMALL', 'small-0')).toBe(0);
    expect(await gate.reserveSlot('TSMALL', 'small-1')).toBe(0); // two a second at 120/min
    expect(await gate.reserveSlot('TSMALL', 'small-2')).toBe(1000);
  });

  it("keeps a second's worth under NUDGES_PER_MINUTE, so posts running behind their slots stay within any minute", async () => {
    const gate = createWorkspaceGate(redis, { perMinute: 300, now: () => T0 });
    const waits = [];
    for (let i = 0; i < 296; i++) waits.push(await gate.reserveSlot('T1', `job-${i}`));
    expect(waits.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1000]); // 295 a minute: 4.92 a second
    expect(waits[294]).toBe(59_000); // 295 slots in the first minute …
    expect(waits[295]).toBe(60_000); // … not 300: a group leaving up to a second late keeps any 60 s at 300 at most
  });

  it.each([7, 59, 60, 61, 118, 297, 1000, 5940])(
    "never puts more than %i slots (the rate, less a second's worth) in any 60 s, nor more than a second's worth in one second",
    async (slots) => {
      const { gate } = gateAt(slots);
      const count = slots * 3 + 7;
      const times: number[] = [];
      for (let i = 0; i < count; i += 100) {
        const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => i + j);
        for (const slot of await Promise.all(batch.map(() => gate.bookSlot('T1', T0))))
          times.push(slot ?? Number.NaN);
      }
      times.sort((a, b) => a - b);
      expect(times[0]).toBe(T0);
      for (let i = 0; i + slots < times.length; i++)
        expect(times[i + slots]! - times[i]!).toBeGreaterThanOrEqual(60_000);
      const perSecond = new Map<number, number>();
      for (const time of times) {
        expect(time % 1000).toBe(0);
        perSecond.set(time, (perSecond.get(time) ?? 0) + 1);
      }
      expect(Math.max(...perSecond.values())).toBe(Math.ceil(slots / 60));
      // Evenly spread: at a slot a second or more, every second of the first minute holds its share.
      if (slots >= 60) {
        for (let second = 0; second < 60; second++) {
          expect(perSecond.get(T0 + second * 1000) ?? 0).toBeGreaterThanOrEqual(Math.floor(slots / 60));
        }
      }
    },
  );

  it('works with rates that do not split a minute into whole seconds (7/min: every 8.57 s, at 0, 8, 17 s …), paused or not', async () => {
    const { gate, at } = gateAt(7);
    expect(await gate.reserveSlot('T1', 'a')).toBe(0);
    expect(await gate.reserveSlot('T1', 'b')).toBe(8000);
    expect(await gate.reserveSlot('T1', 'c')).toBe(17_000);
    at(1000);
    await gate.pauseFor('T1', 1500); // until 2.5 s: b's slot is after it and stays
    expect(await gate.reserveSlot('T1', 'b')).toBe(8000 - 1000);
    expect(await redis.pttl(keys.sendCalendar('T1'))).toBeGreaterThan(3600_000);
  });

  it('after an idle spell a job sends at once (no burst credit, no debt)', async () => {
    const { gate, at } = gateAt(300);
    expect(await gate.reserveSlot('T1', 'a')).toBe(0);
    at(60_000);
    for (const job of ['b', 'c', 'd', 'e', 'f']) expect(await gate.reserveSlot('T1', job)).toBe(0);
    expect(await gate.reserveSlot('T1', 'g')).toBe(1000);
    at(90_050); // inside a second nobody used: its five send at once, the next one waits for the second after
    for (const job of ['h', 'i', 'j', 'k', 'l']) expect(await gate.reserveSlot('T1', job)).toBe(0);
    expect(await gate.reserveSlot('T1', 'm')).toBe(950);
  });

  it('unpaced (Infinity) sends at once but still waits out a Slack pause', async () => {
    const { gate } = gateAt(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 5; i++) expect(await gate.reserveSlot('T1', `job-${i}`)).toBe(0);
    expect(await gate.bookSlot('T1', T0)).toBeUndefined();
    await gate.pauseFor('T1', 3000);
    expect(await gate.reserveSlot('T1', 'late')).toBeGreaterThan(2900);
  });
});

describe('slots booked when a job is armed', () => {
  it('books consecutive slots from the chosen minute on, never before it, and as many a minute as the rate', async () => {
    const { gate } = gateAt(300); // five slots at the start of each second
    const friday = T0 + 24 * 3600_000; // a day ahead
    const booked = [];
    for (let i = 0; i < 302; i++) booked.push((await gate.bookSlot('T1', friday)) ?? Number.NaN);
    expect(booked.slice(0, 7).map((slot) => slot - friday)).toEqual([0, 0, 0, 0, 0, 1000, 1000]);
    // 300 slots in the chosen minute, then the next minute's (slot 300 is at exactly +60 s).
    expect(booked[299]! - friday).toBe(59_000);
    expect(booked[300]! - friday).toBe(60_000);
    // Another minute of the same workspace is its own; a time inside a second is never preceded.
    expect(await gate.bookSlot('T1', friday + 5 * 60_000)).toBe(friday + 5 * 60_000);
    expect(await gate.bookSlot('T1', friday + 5 * 60_000 + 50)).toBe(friday + 5 * 60_000 + 1000);
    // Another workspace's calendar is empty.
    expect(await gate.bookSlot('T2', friday)).toBe(friday);
  });

  it("shares one calendar with reservations made when due: neither takes the other's slot", async () => {
    const { gate, at } = gateAt(300);
    for (let i = 0; i < 3; i++) await gate.bookSlot('T1', T0 + 60_000); // three of the five at 60 s
    at(60_000);
    // An invitation due now takes the fourth and goes with them.
    expect(await gate.reserveSlot('T1', 'invite')).toBe(0);
    // Nudges armed late for this minute take the fifth, then the next second's.
    expect(await gate.bookSlot('T1', T0 + 60_000)).toBe(T0 + 60_000);
    expect(await gate.bookSlot('T1', T0 + 60_000)).toBe(T0 + 61_000);
  });

  it('walks past full minutes of a large backlog', async () => {
    const { gate } = gateAt(60); // a slot a second
    const start = T0 + 3600_000;
    for (let i = 0; i < 60 * 70; i++) await gate.bookSlot('TBIG', start);
    // 70 full minutes (more than one page of the calendar): the next one is in minute 70.
    expect(await gate.bookSlot('TBIG', start)).toBe(start + 70 * 60_000);
    expect(await gate.bookSlot('TBIG', start + 30 * 60_000)).toBe(start + 70 * 60_000 + 1000);
  });

  it('books after a running Slack pause', async () => {
    const { gate } = gateAt(60);
    await gate.pauseFor('T1', 2500);
    expect(await gate.bookSlot('T1', T0)).toBe(T0 + 3000);
  });
});

describe('a Slack pause (429 + Retry-After)', () => {
  it('a reservation inside the pause gives way to a slot after it, once, when its job comes back; later ones stay', async () => {
    const { gate, at } = gateAt(60); // a slot a second
    for (let i = 0; i < 5; i++) await gate.reserveSlot('T1', `job-${i}`); // slots 0 s … 4 s
    const stored = await redis.zrange(keys.sendSlots('T1'), '0', '-1', 'WITHSCORES');
    at(1500);
    await gate.pauseFor('T1', 2000); // until 3.5 s
    // Nothing per job was rewritten by the pause.
    expect(await redis.zrange(keys.sendSlots('T1'), '0', '-1', 'WITHSCORES')).toEqual(stored);
    expect(await gate.pausedForMs('T1')).toBeGreaterThan(1500);
    // job-1's slot (1 s) had passed but it had not sent, job-2's (2 s) and job-3's (3 s) are inside
    // the pause: each takes the next free slot after it when asked (5 s, 6 s, 7 s).
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(5000 - 1500);
    expect(await gate.reserveSlot('T1', 'job-2')).toBe(6000 - 1500);
    expect(await gate.reserveSlot('T1', 'job-3')).toBe(7000 - 1500);
    expect(await gate.reserveSlot('T1', 'job-3')).toBe(7000 - 1500); // once
    // job-4's slot (4 s) is after the pause: it keeps it.
    expect(await gate.reserveSlot('T1', 'job-4')).toBe(4000 - 1500);
    // A newcomer queues after all of them.
    expect(await gate.reserveSlot('T1', 'new')).toBe(8000 - 1500);
    at(6000);
    expect(await gate.reserveSlot('T1', 'job-2')).toBe(0);
  });

  it('a longer pause on top of a running one extends it; a shorter one changes nothing', async () => {
    const { gate, at } = gateAt(60);
    await gate.pauseFor('T1', 5000);
    at(1000);
    await gate.pauseFor('T1', 2000); // ends at 3 s, inside the running pause
    expect(await gate.reserveSlot('T1', 'a')).toBe(5000 - 1000);
    await gate.pauseFor('T1', 8000); // ends at 9 s
    expect(await gate.reserveSlot('T1', 'b')).toBe(9000 - 1000);
    expect(await gate.reserveSlot('T1', 'a')).toBe(10_000 - 1000); // a's slot (5 s) is now inside: 10 s
  });

  it('when nothing is reserved, the next send waits for the end of the pause', async () => {
    const { gate, at } = gateAt(300);
    await gate.pauseFor('T1', 2000);
    for (const job of ['a', 'b', 'c', 'd', 'e']) expect(await gate.reserveSlot('T1', job)).toBe(2000);
    expect(await gate.reserveSlot('T1', 'f')).toBe(3000);
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
