import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspaceGate, SEND_GROUP_SECONDS, slotsPerMinute } from '#src/nudges/workspace-gate.ts';
import { keys } from '#src/store/keys.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

// The gate's send slots on real Redis, with the time passed in (production uses Redis's clock).

const redis = new Redis(testRedisUrl());
afterAll(() => redis.disconnect());
beforeEach(() => flushTestRedis());

const T0 = Date.parse('2026-12-04T15:00:00Z');
/** A send group's length, ms: its slots share its start. */
const G = SEND_GROUP_SECONDS * 1000;
/** Slots in one group at `perMinute` slots a minute (a multiple of 60 / SEND_GROUP_SECONDS here). */
const perGroup = (perMinute: number) => (perMinute * SEND_GROUP_SECONDS) / 60;
/** Holder names. */
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** A gate whose slots come `slotsPerMinute` a minute (NUDGES_PER_MINUTE is a group's worth above that). */
function gateAt(slotsPerMinute: number) {
  let now = T0;
  const gate = createWorkspaceGate(redis, {
    perMinute: slotsPerMinute + Math.ceil((slotsPerMinute * SEND_GROUP_SECONDS) / 60),
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
  it("hands N jobs due at once N consecutive slots at the rate, a group's worth at a time, each reserved once", async () => {
    const { gate } = gateAt(300);
    const group = perGroup(300); // the slots at the start of each group
    const waits = [];
    for (const job of names('job', group + 2)) waits.push(await gate.reserveSlot('T1', job));
    expect(waits).toEqual([...Array(group).fill(0), G, G]);
    // The first group sends at once, holding nothing; the next two hold the next group's.
    expect(await redis.zcard(keys.sendSlots('T1'))).toBe(2);
    // Asking again (a retry, a second worker) finds the same slot and takes no new one.
    expect(await gate.reserveSlot('T1', `job-${group}`)).toBe(G);
    for (let i = group + 2; i < 2 * group; i++) expect(await gate.reserveSlot('T1', `job-${i}`)).toBe(G);
    expect(await gate.reserveSlot('T1', `job-${2 * group}`)).toBe(2 * G);
  });

  it('lets a job send when it comes back at its slot (a millisecond early is fine), and only once', async () => {
    const { gate, at } = gateAt(300);
    const group = perGroup(300);
    for (const job of names('now', group)) await gate.reserveSlot('T1', job);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(G);
    at(G / 2);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(G / 2); // woken early: wait the rest
    at(G - 2);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(2);
    at(G - 1);
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(0);
    expect(await redis.zscore(keys.sendSlots('T1'), 'job-1')).toBeNull();
    // The slot is used up: the same holder asking again takes a new one (the next free of this group),
    // and when the group's slots are used, the next waits for the group after.
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(0);
    for (const job of names('more', group - 2)) expect(await gate.reserveSlot('T1', job)).toBe(0);
    expect(await gate.reserveSlot('T1', 'last')).toBe(G + 1);
  });

  it('keeps workspaces apart: a backlog in one leaves the next slot of another free', async () => {
    const { gate } = gateAt(120);
    for (const job of names('big', 1000)) await gate.reserveSlot('TBIG', job);
    for (const job of names('small', perGroup(120))) expect(await gate.reserveSlot('TSMALL', job)).toBe(0);
    expect(await gate.reserveSlot('TSMALL', 'one-more')).toBe(G);
  });

  it("keeps a group's worth under NUDGES_PER_MINUTE, so posts running behind their slots stay within any minute", async () => {
    const gate = createWorkspaceGate(redis, { perMinute: 300, now: () => T0 });
    const slots = slotsPerMinute(300);
    expect(slots + Math.ceil((slots * SEND_GROUP_SECONDS) / 60)).toBeLessThanOrEqual(300);
    const waits = [];
    for (const job of names('job', slots + 1)) waits.push(await gate.reserveSlot('T1', job));
    expect(waits[0]).toBe(0);
    expect(waits[slots - 1]).toBe(60_000 - G); // the minute's slots, the last group …
    expect(waits[slots]).toBe(60_000); // … not 300: a group leaving late keeps any 60 s at 300 at most
  });

  it.each([7, 19, 20, 21, 59, 60, 61, 118, 297, 1000, 5940])(
    "never puts more than %i slots (the rate, less a group's worth) in any 60 s, nor more than a group's worth in one group",
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
      const perGroupStart = new Map<number, number>();
      for (const time of times) {
        expect((time - T0) % G).toBe(0);
        perGroupStart.set(time, (perGroupStart.get(time) ?? 0) + 1);
      }
      expect(Math.max(...perGroupStart.values())).toBe(Math.ceil((slots * SEND_GROUP_SECONDS) / 60));
      // Evenly spread: at a slot a group or more, every group of the first minute holds its share.
      if (slots * SEND_GROUP_SECONDS >= 60) {
        for (let start = 0; start < 60_000; start += G) {
          expect(perGroupStart.get(T0 + start) ?? 0).toBeGreaterThanOrEqual(
            Math.floor((slots * SEND_GROUP_SECONDS) / 60),
          );
        }
      }
    },
  );

  it('works with rates that do not split a minute into whole groups (7/min: every 8.57 s, each at the start of its group), paused or not', async () => {
    const { gate, at } = gateAt(7);
    const slotAt = (k: number) => G * Math.floor((k * 60) / (7 * SEND_GROUP_SECONDS));
    expect(await gate.reserveSlot('T1', 'a')).toBe(0);
    expect(await gate.reserveSlot('T1', 'b')).toBe(slotAt(1));
    expect(await gate.reserveSlot('T1', 'c')).toBe(slotAt(2));
    expect(slotAt(1)).toBeGreaterThan(2500);
    at(1000);
    await gate.pauseFor('T1', 1500); // until 2.5 s: b's slot is after it and stays
    expect(await gate.reserveSlot('T1', 'b')).toBe(slotAt(1) - 1000);
    expect(await redis.pttl(keys.sendCalendar('T1'))).toBeGreaterThan(3600_000);
  });

  it('after an idle spell a job sends at once (no burst credit, no debt)', async () => {
    const { gate, at } = gateAt(300);
    const group = perGroup(300);
    expect(await gate.reserveSlot('T1', 'a')).toBe(0);
    at(60_000);
    for (const job of names('b', group)) expect(await gate.reserveSlot('T1', job)).toBe(0);
    expect(await gate.reserveSlot('T1', 'c')).toBe(G);
    at(30 * G + 50); // inside a group nobody used: its slots send at once, the next one waits for the group after
    for (const job of names('d', group)) expect(await gate.reserveSlot('T1', job)).toBe(0);
    expect(await gate.reserveSlot('T1', 'e')).toBe(G - 50);
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
    const { gate } = gateAt(300);
    const group = perGroup(300);
    const friday = T0 + 24 * 3600_000; // a day ahead
    const booked = [];
    for (let i = 0; i < 302; i++) booked.push((await gate.bookSlot('T1', friday)) ?? Number.NaN);
    expect(booked.slice(0, group + 2).map((slot) => slot - friday)).toEqual([...Array(group).fill(0), G, G]);
    // 300 slots in the chosen minute, then the next minute's (slot 300 is at exactly +60 s).
    expect(booked[299]! - friday).toBe(60_000 - G);
    expect(booked[300]! - friday).toBe(60_000);
    // Another minute of the same workspace is its own; a time inside a group is never preceded.
    expect(await gate.bookSlot('T1', friday + 5 * 60_000)).toBe(friday + 5 * 60_000);
    expect(await gate.bookSlot('T1', friday + 5 * 60_000 + 50)).toBe(friday + 5 * 60_000 + G);
    // Another workspace's calendar is empty.
    expect(await gate.bookSlot('T2', friday)).toBe(friday);
  });

  it("shares one calendar with reservations made when due: neither takes the other's slot", async () => {
    const { gate, at } = gateAt(300);
    const group = perGroup(300);
    for (let i = 0; i < 3; i++) await gate.bookSlot('T1', T0 + 60_000); // three of the group at 60 s
    at(60_000);
    // An invitation due now takes the fourth and goes with them.
    expect(await gate.reserveSlot('T1', 'invite')).toBe(0);
    // Nudges armed late for this minute take the rest of the group, then the next group's.
    for (let i = 4; i < group; i++) expect(await gate.bookSlot('T1', T0 + 60_000)).toBe(T0 + 60_000);
    expect(await gate.bookSlot('T1', T0 + 60_000)).toBe(T0 + 60_000 + G);
  });

  it('walks past full minutes of a large backlog', async () => {
    const oneAGroup = 60 / SEND_GROUP_SECONDS;
    const { gate } = gateAt(oneAGroup);
    const start = T0 + 3600_000;
    for (let i = 0; i < oneAGroup * 70; i++) await gate.bookSlot('TBIG', start);
    // 70 full minutes (more than one page of the calendar): the next one is in minute 70.
    expect(await gate.bookSlot('TBIG', start)).toBe(start + 70 * 60_000);
    expect(await gate.bookSlot('TBIG', start + 30 * 60_000)).toBe(start + 70 * 60_000 + G);
  });

  it('books after a running Slack pause', async () => {
    const { gate } = gateAt(60);
    await gate.pauseFor('T1', G - 500);
    expect(await gate.bookSlot('T1', T0)).toBe(T0 + G);
  });
});

describe('a Slack pause (429 + Retry-After)', () => {
  // One slot a group: times below are in groups.
  const oneAGroup = 60 / SEND_GROUP_SECONDS;

  it('a reservation inside the pause gives way to a slot after it, once, when its job comes back; later ones stay', async () => {
    const { gate, at } = gateAt(oneAGroup);
    for (let i = 0; i < 5; i++) await gate.reserveSlot('T1', `job-${i}`); // slots 0 … 4 groups
    const stored = await redis.zrange(keys.sendSlots('T1'), '0', '-1', 'WITHSCORES');
    at(1.5 * G);
    await gate.pauseFor('T1', 2 * G); // until 3.5 groups
    // Nothing per job was rewritten by the pause.
    expect(await redis.zrange(keys.sendSlots('T1'), '0', '-1', 'WITHSCORES')).toEqual(stored);
    expect(await gate.pausedForMs('T1')).toBeGreaterThan(1.5 * G);
    // job-1's slot (group 1) had passed but it had not sent, job-2's and job-3's are inside the
    // pause: each takes the next free slot after it when asked (groups 5, 6, 7).
    expect(await gate.reserveSlot('T1', 'job-1')).toBe(5 * G - 1.5 * G);
    expect(await gate.reserveSlot('T1', 'job-2')).toBe(6 * G - 1.5 * G);
    expect(await gate.reserveSlot('T1', 'job-3')).toBe(7 * G - 1.5 * G);
    expect(await gate.reserveSlot('T1', 'job-3')).toBe(7 * G - 1.5 * G); // once
    // job-4's slot (group 4) is after the pause: it keeps it.
    expect(await gate.reserveSlot('T1', 'job-4')).toBe(4 * G - 1.5 * G);
    // A newcomer queues after all of them.
    expect(await gate.reserveSlot('T1', 'new')).toBe(8 * G - 1.5 * G);
    at(6 * G);
    expect(await gate.reserveSlot('T1', 'job-2')).toBe(0);
  });

  it('a longer pause on top of a running one extends it; a shorter one changes nothing', async () => {
    const { gate, at } = gateAt(oneAGroup);
    await gate.pauseFor('T1', 5 * G);
    at(G);
    await gate.pauseFor('T1', 2 * G); // ends at 3 groups, inside the running pause
    expect(await gate.reserveSlot('T1', 'a')).toBe(5 * G - G);
    await gate.pauseFor('T1', 8 * G); // ends at 9 groups
    expect(await gate.reserveSlot('T1', 'b')).toBe(9 * G - G);
    expect(await gate.reserveSlot('T1', 'a')).toBe(10 * G - G); // a's slot (5) is now inside: 10
  });

  it('when nothing is reserved, the next send waits for the end of the pause', async () => {
    const { gate, at } = gateAt(300);
    const group = perGroup(300);
    await gate.pauseFor('T1', 2 * G);
    for (const job of names('a', group)) expect(await gate.reserveSlot('T1', job)).toBe(2 * G);
    expect(await gate.reserveSlot('T1', 'b')).toBe(3 * G);
    at(2 * G);
    expect(await gate.reserveSlot('T1', 'a-0')).toBe(0);
  });
});

describe('clean-up', () => {
  it('drops a reservation whose job never came back an hour after its slot', async () => {
    const { gate, at } = gateAt(60 / SEND_GROUP_SECONDS); // one slot a group
    await gate.reserveSlot('T1', 'sent');
    await gate.reserveSlot('T1', 'gone'); // slot 1 s; the job is removed and never asks again
    at(2 * 3600_000);
    await gate.reserveSlot('T1', 'a');
    await gate.reserveSlot('T1', 'b');
    expect(await redis.zrange(keys.sendSlots('T1'), '0', '-1')).toEqual(['b']);
    expect(await redis.pttl(keys.sendSlots('T1'))).toBeGreaterThan(0);
  });
});
