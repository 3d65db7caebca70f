import { describe, expect, it } from 'vitest';
import { startsTestApps } from '#test/support/test-app.ts';
import { fireArmedNudge, nudgeDms, nudgesOf } from './nudge-helpers.ts';

// The DST rule at the level of the nudge jobs (BullMQ delays computed by the app, jobs promoted
// one after another with the clock moved to each due time). The full table of zones and change
// days is in test/unit/schedule/next-occurrence.test.ts.

const startApp = startsTestApps();

async function chain(start: string, tz: string, schedule: string, fires: number): Promise<string[]> {
  const t = await startApp({ now: new Date(start), env: { NUDGE_FOLLOW_UP: 'off' } });
  t.slack.addUser({ id: 'U1', tz });
  await t.command({ text: `schedule ${schedule}`, userId: 'U1' });
  const due: string[] = [];
  for (let i = 0; i < fires; i++) {
    // The send slot booked when the job was armed is the chosen minute itself (one person in
    // the workspace): an absolute time, so the DST rule is nextOccurrence's alone.
    const record = await nudgesOf(t).store.get('T1', 'U1');
    const job = record?.jobId ? await nudgesOf(t).queue.getJob(record.jobId) : undefined;
    expect(job?.data.slotAt).toBe(job?.data.dueAt);
    due.push((await fireArmedNudge(t)).dueAt.toISOString());
  }
  expect(nudgeDms(t)).toHaveLength(fires);
  return due;
}

describe('weekly nudges across daylight-saving changes', () => {
  it('Europe/Berlin, Sunday 02:30 around the spring change: the missing 02:30 fires at 03:30', async () => {
    expect(await chain('2026-03-20T12:00:00Z', 'Europe/Berlin', 'sun 02:30', 3)).toEqual([
      '2026-03-22T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z', // 02:30 does not exist: 03:30 CEST
      '2026-04-05T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('Europe/Berlin, Sunday 02:30 around the autumn change: the twice-existing 02:30 fires once', async () => {
    expect(await chain('2026-10-20T12:00:00Z', 'Europe/Berlin', 'sun 02:30', 2)).toEqual([
      '2026-10-25T00:30:00.000Z', // the first (CEST) 02:30 only
      '2026-11-01T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('Australia/Lord_Howe (30-minute change), Sunday 02:15 on the spring-forward day fires at 02:45', async () => {
    expect(await chain('2026-09-30T00:00:00Z', 'Australia/Lord_Howe', 'sun 02:15', 2)).toEqual([
      '2026-10-03T15:45:00.000Z', // 02:15 does not exist (02:00 -> 02:30): 02:45 +11:00
      '2026-10-10T15:15:00.000Z', // 02:15 +11:00
    ]);
  });
});
