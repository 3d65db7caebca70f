import { describe, expect, it } from 'vitest';
import { SEND_GROUP_SECONDS, sendsOnBookedSlot, slotsPerMinute } from '#src/nudges/workspace-gate.ts';

// When a nudge may send on the slot it booked when armed, without asking the gate again.
const SLOT = Date.parse('2026-12-04T15:00:00.200Z');

describe('sendsOnBookedSlot', () => {
  it.each([
    ['its first run, at its slot', SLOT, 1, SLOT, 0, true],
    ['its first run, a millisecond early (clock rounding)', SLOT, 1, SLOT - 1, 0, true],
    ['its first run, late (a busy worker)', SLOT, 1, SLOT + 30_000, 0, true],
    ['woken early (a test or the sandbox promoted it)', SLOT, 1, SLOT - 2, 0, false],
    ['a retry, a delayed job come back or a restart after a crash', SLOT, 2, SLOT, 0, false],
    ['attempts not known', SLOT, undefined, SLOT, 0, false],
    ['a Slack pause is running', SLOT, 1, SLOT, 5000, false],
    ['no booking (pacing off, or armed before bookings)', undefined, 1, SLOT, 0, false],
  ])('%s → %s', (_, slotAt, started, now, paused, expected) => {
    expect(sendsOnBookedSlot(slotAt, started, now, paused)).toBe(expected);
  });
});

describe('slotsPerMinute', () => {
  it("leaves a send group's worth of room under NUDGES_PER_MINUTE, in whole slots, at least one; pacing off is Infinity", () => {
    const groupShare = (slots: number) => Math.ceil((slots * SEND_GROUP_SECONDS) / 60);
    expect(SEND_GROUP_SECONDS).toBe(1);
    expect(slotsPerMinute(300)).toBe(295); // + 5 a group (a second) = 300
    expect(slotsPerMinute(120)).toBe(118); // + 2
    expect(slotsPerMinute(600)).toBe(590); // + 10
    expect(slotsPerMinute(6000)).toBe(5901); // + 99
    expect(slotsPerMinute(61)).toBe(60); // + 1: one slot a group
    expect(slotsPerMinute(7)).toBe(6);
    expect(slotsPerMinute(305)).toBe(300);
    expect(slotsPerMinute(1)).toBe(1);
    expect(slotsPerMinute(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    for (let rate = 2; rate <= 20_000; rate++) {
      const slots = slotsPerMinute(rate);
      expect(slots + groupShare(slots)).toBeLessThanOrEqual(rate);
      expect(slots + 1 + groupShare(slots + 1)).toBeGreaterThan(rate);
    }
  });

  it('makes groups that split a minute evenly', () => {
    expect(60 % SEND_GROUP_SECONDS).toBe(0);
  });
});
