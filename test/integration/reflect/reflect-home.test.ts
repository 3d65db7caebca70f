import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { FORGET_CONFIRM_ACTION } from '#messages/forget-messages.ts';
import { REFLECT_NOW_ACTION } from '#messages/reflect-now-button.ts';
import { REFLECTION_PROMPTS } from '#messages/reflection-prompts.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { shiftWeekKey } from '#src/schedule/iso-week.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { type TestApp, useTestApp } from '#test/support/test-app.ts';
import { answerValues, keysOf, openReflect, submitReflect } from './reflect-driver.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const WEEK = '2026-W48';

async function openHome(t: TestApp, userId: string): Promise<{ blocks: KnownBlock[] }> {
  const isHome = (c: { method: string; params: Record<string, unknown> }) =>
    c.method === 'views.publish' && c.params.user_id === userId;
  const before = t.slack.calls.filter(isHome).length;
  const response = await t.event({
    type: 'app_home_opened',
    user: userId,
    channel: 'D1',
    tab: 'home',
    event_ts: '1.2',
  });
  expect(response.status).toBe(200);
  const calls = await t.slack.waitFor(isHome, { count: before + 1 });
  const call = calls[before];
  expect(call?.ok).toBe(true);
  return call?.params.view as { blocks: KnownBlock[] };
}

describe('App Home', () => {
  const t = useTestApp({ now: NOW }, () => {
    for (const id of ['U1', 'U2', 'U3']) t.slack.addUser({ id, tz: 'America/Los_Angeles' });
  });

  it('renders for a new person with a Reflect now button that opens the modal', async () => {
    const home = await openHome(t, 'U1');
    expect(blockKitViolations('home', home)).toEqual([]);
    const json = JSON.stringify(home);
    expect(json).toContain(REFLECT_NOW_ACTION);
    expect(json).toContain('not reflected yet');
    expect(json).toContain('none yet');

    const triggerId = t.slack.issueTriggerId();
    await t.interact(
      blockActionPayload({
        actionId: REFLECT_NOW_ACTION,
        triggerId,
        container: { type: 'view', view_id: 'VHOME' },
      }),
    );
    const [open] = await t.slack.waitFor(
      (c) => c.method === 'views.open' && c.params.trigger_id === triggerId,
    );
    expect(open?.ok).toBe(true);
  });

  it('ignores the Messages tab', async () => {
    const before = t.slack.callsTo('views.publish').length;
    await t.event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'messages', event_ts: '1.3' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(t.slack.callsTo('views.publish').length).toBe(before);
  });

  it('renders a person with years of long reflections inside the limits: streak, balance, recent, own only', async () => {
    const store = t.throughline.deps.reflect.reflections;
    const long = `<!channel> ${'a'.repeat(2985)}`;
    // 160 weeks in a row up to this week, with a paused gap that must not break the streak.
    const paused = [shiftWeekKey(WEEK, -3), shiftWeekKey(WEEK, -4)];
    for (let n = 0; n < 162; n++) {
      const weekKey = shiftWeekKey(WEEK, -n);
      if (paused.includes(weekKey)) continue;
      const prompts = REFLECTION_PROMPTS.filter((_, i) => i % 20 === n % 20).slice(0, 3);
      await store.save('T1', 'U2', {
        weekKey,
        timeZone: 'America/Los_Angeles',
        prompts: prompts.map((p) => ({ id: p.id, dimension: p.dimension, text: p.text, answer: long })),
        intention: `<@U1> ${'i'.repeat(490)}`,
        ratings: { soul: 3, heart: 2, mind: 1 },
      });
    }
    // Paused through the nudge feature, as `/reflect pause` records them (past weeks stay paused).
    await t.throughline.deps.nudges.store.addPausedWeeks('T1', 'U2', paused);
    const home = await openHome(t, 'U2');
    expect(blockKitViolations('home', home)).toEqual([]);
    const json = JSON.stringify(home);
    expect(json).toContain('160 weeks in a row');
    expect(json).toContain('You reflected this week');
    expect(json).toContain('of 12 weeks');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U1>');
    expect(json).toContain('aaaa');
    // U1's Home shows nothing of U2's.
    expect(JSON.stringify(await openHome(t, 'U1'))).not.toContain('aaaa');
  });

  it('shows sections other features add, and survives one that fails', async () => {
    const deps = t.throughline.deps;
    const before = deps.homeSections.length;
    deps.homeSections.push(
      async (_teamId, userId) => [
        { type: 'section', text: { type: 'mrkdwn', text: `*Nudges* for ${userId}` } },
      ],
      async () => {
        throw new Error('care radar down');
      },
    );
    const home = await openHome(t, 'U3');
    expect(JSON.stringify(home)).toContain('*Nudges* for U3');
    expect(blockKitViolations('home', home)).toEqual([]);
    deps.homeSections.splice(before);
  });

  it('renders for a person whose data was forgotten, as for a newcomer', async () => {
    const opened = await openReflect(t, { userId: 'U3' });
    await submitReflect(t, { ...opened, userId: 'U3', values: answerValues(['soon gone']) });
    expect(JSON.stringify(await openHome(t, 'U3'))).toContain('soon gone');

    const responseUrl = t.slack.responseUrl('forget-u3');
    await t.interact(blockActionPayload({ actionId: FORGET_CONFIRM_ACTION, userId: 'U3', responseUrl }));
    await t.slack.waitForResponse((r) => r.id === 'forget-u3');
    expect(await keysOf(t, 'T1', 'U3')).toEqual([]);

    const home = await openHome(t, 'U3');
    expect(blockKitViolations('home', home)).toEqual([]);
    const json = JSON.stringify(home);
    expect(json).not.toContain('soon gone');
    expect(json).toContain('none yet');
    expect(json).toContain(REFLECT_NOW_ACTION);
  });
});
