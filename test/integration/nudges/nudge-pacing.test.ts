import { describe, expect, it } from 'vitest';
import { inviteMembers } from '#src/nudges/invitations.ts';
import { keys } from '#src/store/keys.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';
import { nudgesOf } from './nudge-helpers.ts';

// Pacing through the real BullMQ worker: a nudge job books its workspace's send slot when it is
// armed and sends there; a job that cannot use its booking (here: the app's clock stands still one
// second before Friday 16:00 in Berlin, so a booked slot never seems to come) reserves the next
// send slot when due and is delayed once, to that slot; nothing polls.
const NOW = new Date('2026-12-04T14:59:59.000Z');
const FRIDAY_1600 = { weekday: 5, hour: 16, minute: 0 };

const startApp = startsTestApps();

async function outcomes(app: TestApp): Promise<Record<string, number>> {
  const metric = await app.throughline.deps.metrics.registry
    .getSingleMetric('throughline_nudges_total')
    ?.get();
  const counts: Record<string, number> = {};
  for (const value of metric?.values ?? []) {
    const key = `${value.labels.kind}:${value.labels.outcome}`;
    counts[key] = (counts[key] ?? 0) + value.value;
  }
  return counts;
}

const okPosts = (app: TestApp) => app.slack.callsTo('chat.postMessage').filter((call) => call.ok);

describe('send slots through the worker', () => {
  it("20 nudges due at once at 600/min: sent a second's worth at a time, each job delayed at most once, none twice", async () => {
    const t = await startApp({ now: NOW, env: { NUDGES_PER_MINUTE: '600', NUDGE_FOLLOW_UP: 'off' } });
    const people = Array.from({ length: 20 }, (_, i) => `UP${String(i).padStart(2, '0')}`);
    for (const id of people) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    const { service } = nudgesOf(t);
    for (const id of people) await service.enrol('T1', id, 'Europe/Berlin', FRIDAY_1600);

    await t.slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, {
      count: 20,
      timeoutMs: 15_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more arrives
    const posts = okPosts(t);
    expect(posts.map((call) => call.params.channel).sort()).toEqual(people);
    // 590 slots a minute, 9 or 10 at the start of each second: the jobs that find a free slot in the
    // current second send at once, the others are delayed once, to the second their slot is in. The
    // exact slot times are the gate's own tests (workspace-gate.test.ts); Slack never answered 429.
    expect(t.slack.callsTo('chat.postMessage').filter((call) => call.error === 'ratelimited')).toEqual([]);
    // No busy wait, and no wake per job: at most a second's worth were delayed, each once.
    // (The token bucket this replaces woke each waiting job about every slot until it won one.)
    const counted = await outcomes(t);
    expect(counted['weekly:sent']).toBe(20);
    expect(counted['weekly:delayed_paced'] ?? 0).toBeLessThanOrEqual(11);
    expect(await t.throughline.deps.redis.background.zcard(keys.sendSlots('T1'))).toBe(0);
  });

  it('with a clock that runs, each job books its slot when armed and sends there on its one pass', async () => {
    // The app's clock follows real time from five seconds before 16:00 (BullMQ's delays are real),
    // time enough for the 20 to enrol, even on a loaded machine, before their minute comes.
    const start = new Date(Date.parse('2026-12-04T14:59:55.000Z'));
    const t = await startApp({ now: start, env: { NUDGES_PER_MINUTE: '600', NUDGE_FOLLOW_UP: 'off' } });
    const app = t;
    const started = Date.now();
    const ticking = setInterval(() => app.clock.set(new Date(start.getTime() + Date.now() - started)), 5);
    try {
      const people = Array.from({ length: 20 }, (_, i) => `UB${String(i).padStart(2, '0')}`);
      for (const id of people) t.slack.addUser({ id, tz: 'Europe/Berlin' });
      const nudges = nudgesOf(t);
      for (const id of people) await nudges.service.enrol('T1', id, 'Europe/Berlin', FRIDAY_1600);
      // Booked from 16:00 on, never before it, a second's worth at a time (600/min: 590 slots a
      // minute, ten at 16:00:00, ten at 16:00:01).
      const jobs = await nudges.queue.getDelayed();
      const due = Date.parse('2026-12-04T15:00:00.000Z');
      const slots = jobs.map((job) => (job.data.slotAt ?? 0) - due).sort((a, b) => a - b);
      expect(slots).toEqual(people.map((_, i) => (i < 10 ? 0 : 1000)));

      await t.slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, {
        count: 20,
        timeoutMs: 20_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more arrives
      const posts = okPosts(t);
      expect(posts.map((call) => call.params.channel).sort()).toEqual(people);
      const times = posts.map((call) => call.at).sort((a, b) => a - b);
      // Sent at their slots: the second ten a second after the first (room for a late first wake on a
      // loaded machine).
      expect(times[10]! - times[0]!).toBeGreaterThanOrEqual(600);
      // No second pass: no job was delayed for its slot, and nothing was reserved when due.
      const counted = await outcomes(t);
      expect(counted['weekly:sent']).toBe(20);
      expect(counted['weekly:delayed_paced']).toBeUndefined();
      expect(await t.throughline.deps.redis.background.exists(keys.sendSlots('T1'))).toBe(0);
    } finally {
      clearInterval(ticking);
    }
  });

  it('invitations and channel prompts take the same workspace slots as nudges', async () => {
    // 61/min: 60 slots a minute, one at the start of each second.
    const t = await startApp({
      now: NOW,
      env: { NUDGES_PER_MINUTE: '61', NUDGE_FOLLOW_UP: 'off', ADMIN_USER_IDS: 'UADMIN' },
    });
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/Berlin' });
    t.slack.addChannel({ id: 'CPROMPT' });
    const nudged = ['UN1', 'UN2'];
    const invited = ['UI1', 'UI2'];
    for (const id of [...nudged, ...invited]) t.slack.addUser({ id, tz: 'Europe/Berlin' });
    const nudges = nudgesOf(t);
    for (const id of nudged) await nudges.service.enrol('T1', id, 'Europe/Berlin', FRIDAY_1600);
    // The channel prompt for 16:00, set by an admin as in Slack.
    const answer = await t.command({
      command: '/recognize',
      text: 'schedule fri 16:00',
      userId: 'UADMIN',
      channelId: 'CPROMPT',
    });
    expect(answer.status).toBe(200);
    await inviteMembers(
      { queue: nudges.invitationQueue, store: nudges.store },
      { teamId: 'T1', inviterId: 'UADMIN', members: invited, skip: [] },
    );

    await t.slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, {
      count: 5,
      timeoutMs: 15_000,
    });
    const posts = okPosts(t);
    expect(posts.map((call) => call.params.channel).sort()).toEqual(
      ['CPROMPT', ...invited, ...nudged].sort(),
    );
    // One workspace, one pace: 5 posts of three kinds take 5 slots a second apart (the first may
    // leave late in its second, so the span is over 3 s, not 4 s).
    const times = posts.map((call) => call.at).sort((a, b) => a - b);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(3000);
  });
});
