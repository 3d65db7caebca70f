import { describe, expect, it } from 'vitest';
import { weeklyNudgeJobId } from '#src/nudges/nudge-jobs.ts';
import { reconcileNudges } from '#src/nudges/reconcile-nudges.ts';
import { BOT_TOKEN, startsTestApps } from '#test/support/test-app.ts';
import { armedAt, nudgeDms, nudgesOf } from './nudge-helpers.ts';

const MONDAY = new Date('2026-11-30T09:00:00Z');
const FRIDAY_1600 = { weekday: 5, hour: 16, minute: 0 };

const startApp = startsTestApps();

describe('reconciliation', () => {
  it('re-arms anyone enrolled whose pending nudge went missing, and nobody else', async () => {
    const t = await startApp({ now: MONDAY });
    const nudges = nudgesOf(t);
    for (const id of ['U1', 'U2', 'U3']) await nudges.service.enrol('T1', id, 'Europe/Berlin', FRIDAY_1600);
    const lost = weeklyNudgeJobId('T1', 'U1', '2026-W49');
    await nudges.queue.remove(lost);
    expect(await nudges.queue.getJobState(lost)).toBe('unknown');

    const result = await nudges.reconcile();
    expect(result).toEqual({ checked: 3, repaired: 1 });
    expect(await nudges.queue.getJobState(lost)).toBe('delayed');
    expect(await armedAt(t, 'U1')).toBe('2026-12-04T15:00:00.000Z');
    expect(await nudges.reconcile()).toEqual({ checked: 3, repaired: 0 });
  });

  it('a nudge lost shortly before it was due still goes out (late) after the repair', async () => {
    const t = await startApp({ now: MONDAY });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    const nudges = nudgesOf(t);
    await nudges.service.enrol('T1', 'U1', 'Europe/Berlin', FRIDAY_1600);
    await nudges.queue.remove(weeklyNudgeJobId('T1', 'U1', '2026-W49'));
    // Ten minutes after it was due.
    t.clock.set(new Date('2026-12-04T15:10:00Z'));
    expect((await nudges.reconcile()).repaired).toBe(1);
    await t.slack.waitFor('chat.postMessage', { timeoutMs: 5000 });
    expect(nudgeDms(t)).toHaveLength(1);
  });

  it('lifts a workspace stop once its bot token answers auth.test again, and not before', async () => {
    const t = await startApp({ now: MONDAY });
    const nudges = nudgesOf(t);
    await nudges.service.enrol('T1', 'U1', 'Europe/Berlin', FRIDAY_1600);
    await nudges.gate.stop('T1', 'token_revoked');
    t.slack.revokeToken(BOT_TOKEN);
    await nudges.reconcile();
    expect(await nudges.gate.isStopped('T1')).toBe(true);
    // Reinstalled: the same token works again.
    t.slack.addTeam({ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' });
    await nudges.reconcile();
    expect(await nudges.gate.isStopped('T1')).toBe(false);
  });

  it('walks the enrolled set in chunks, resuming where the last pass stopped', async () => {
    const t = await startApp({ now: MONDAY });
    const nudges = nudgesOf(t);
    const people = ['U1', 'U2', 'U3', 'U4', 'U5'];
    for (const id of people) await nudges.service.enrol('T1', id, 'Europe/Berlin', FRIDAY_1600);
    for (const id of people) await nudges.queue.remove(weeklyNudgeJobId('T1', id, '2026-W49'));
    const deps = {
      store: nudges.store,
      scheduler: nudges.scheduler,
      gate: nudges.gate,
      clock: t.clock,
      logger: t.throughline.deps.logger,
    };
    const passes = [];
    for (let i = 0; i < 3; i++) passes.push(await reconcileNudges(deps, { chunk: 2 }));
    expect(passes.map((pass) => pass.checked)).toEqual([2, 2, 1]);
    expect(passes.reduce((sum, pass) => sum + pass.repaired, 0)).toBe(5);
    for (const id of people)
      expect(await nudges.queue.getJobState(weeklyNudgeJobId('T1', id, '2026-W49'))).toBe('delayed');
  });
});
