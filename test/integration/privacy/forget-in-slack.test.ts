import { describe, expect, it } from 'vitest';
import { FORGET_CONFIRM_ACTION } from '#messages/forget-messages.ts';
import { INTENTION_ACTION, INTENTION_BLOCK } from '#messages/reflect-modal.ts';
import { keys } from '#src/store/keys.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge, nudgeDms } from '../nudges/nudge-helpers.ts';
import { answerValues, openReflect, submitReflect } from '../reflect/reflect-driver.ts';

// Monday 30 November 2026, 10:00 in Berlin (2026-W49); nudges on Wednesdays at 16:00.
const MONDAY = new Date('2026-11-30T09:00:00Z');
const INTENTION = 'intention-pangolin-3391';

const startApp = startsTestApps();

/** Reflects this week (with an intention), gets next week's nudge quoting it, and an export. */
async function leaveATrail(app: TestApp): Promise<void> {
  app.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
  await app.command({ text: 'schedule wed 16:00', userId: 'U1' });
  const opened = await openReflect(app);
  await submitReflect(app, {
    ...opened,
    values: answerValues(['an answer'], {
      [INTENTION_BLOCK]: { [INTENTION_ACTION]: { type: 'plain_text_input', value: INTENTION } },
    }),
  });
  await fireArmedNudge(app); // this week: already reflected, skipped
  await fireArmedNudge(app); // next week: quotes this week's intention
  expect(nudgeDms(app).filter((call) => JSON.stringify(call.params.blocks).includes(INTENTION))).toHaveLength(
    1,
  );
  await app.command({ text: 'export', userId: 'U1' });
  await app.slack.waitForResponse((r) => String(r.body.text).includes('Your export is in your DM'));
  expect(app.slack.files.filter((f) => f.completed && !f.deleted)).toHaveLength(1);
}

function quoting(app: TestApp): string[] {
  const dm = app.slack.dmChannelId('U1');
  return app.slack
    .messages(dm)
    .filter((m) => JSON.stringify(m).includes(INTENTION) || (m.files?.length ?? 0) > 0)
    .map((m) => m.ts);
}

async function forget(app: TestApp) {
  const before = app.slack.responses.length;
  await app.interact(
    blockActionPayload({
      actionId: FORGET_CONFIRM_ACTION,
      value: 'forget',
      userId: 'U1',
      responseUrl: app.slack.responseUrl(),
    }),
  );
  const [reply] = (await app.slack.waitForResponse(() => true, { count: before + 1 })).slice(before);
  return String(reply?.body.text);
}

describe('what stays in Slack after /reflect forget', () => {
  it('deletes the nudge DMs that quote the intention and every export (file and intro)', async () => {
    const t = await startApp({ now: MONDAY });
    await leaveATrail(t);
    expect(quoting(t).length).toBeGreaterThan(0);

    expect(await forget(t)).toMatch(/^Done/);
    expect(quoting(t)).toEqual([]);
    expect(t.slack.files.filter((f) => !f.deleted)).toEqual([]);
    expect(t.slack.callsTo('files.delete').filter((c) => c.ok)).toHaveLength(1);
    // Nothing left in the DM that carries what the person wrote, and nothing left to delete.
    expect(JSON.stringify(t.slack.messages(t.slack.dmChannelId('U1')))).not.toContain(INTENTION);
    expect(await t.throughline.deps.redis.interactive.exists(keys.slackTrail('T1', 'U1'))).toBe(0);
  });

  it('what Slack could not delete (a 429) is kept and deleted by the next forget', async () => {
    const t = await startApp({ now: MONDAY });
    await leaveATrail(t);
    t.slack.rateLimit('files.delete', 30);
    expect(await forget(t)).toMatch(/could not be removed right now \(slackMessages\)/);
    expect(t.slack.files.filter((f) => !f.deleted)).toHaveLength(1);
    expect(await t.throughline.deps.redis.interactive.scard(keys.slackTrail('T1', 'U1'))).toBe(1);

    expect(await forget(t)).toMatch(/^Done/);
    expect(quoting(t)).toEqual([]);
    expect(t.slack.files.filter((f) => !f.deleted)).toEqual([]);
  });
});
