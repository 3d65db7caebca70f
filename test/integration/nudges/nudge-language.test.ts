import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { formatLocal } from '#messages/format-time.ts';
import { type Language, translatorFor } from '#messages/i18n.ts';
import dePrompts from '#messages/locales/de/prompts.json' with { type: 'json' };
import jaPrompts from '#messages/locales/ja/prompts.json' with { type: 'json' };
import { scheduleErrorText } from '#messages/schedule-input-errors.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge, nudgeDms } from './nudge-helpers.ts';

// Monday, 30 November 2026 (2026-W49); a nudge on Friday at 16:00 is Friday 4 December.
const MONDAY = new Date('2026-11-30T09:00:00Z');
const WEEK = '2026-W49';

const startApp = startsTestApps();

async function personApp(locale: string, tz = 'Europe/Berlin'): Promise<TestApp> {
  const t = await startApp({ now: MONDAY });
  t.slack.addUser({ id: 'U1', tz, locale });
  return t;
}

function textOf(call: { params: Record<string, unknown> } | undefined): string {
  return `${String(call?.params.text)} ${JSON.stringify(call?.params.blocks)}`;
}

/** Whether the DM shows one of the language's reflection prompts (the catalogue's own text). */
function showsPromptOf(dm: string, prompts: { reflection: Record<string, string> }): boolean {
  return Object.values(prompts.reflection).some((text) => dm.includes(JSON.stringify(text).slice(1, -1)));
}

async function homeOf(t: TestApp, userId = 'U1'): Promise<string> {
  const isHome = (c: { method: string; params: Record<string, unknown> }) =>
    c.method === 'views.publish' && c.params.user_id === userId;
  const before = t.slack.calls.filter(isHome).length;
  await t.event({ type: 'app_home_opened', user: userId, channel: 'D1', tab: 'home', event_ts: '1.2' });
  const calls = await t.slack.waitFor(isHome, { count: before + 1 });
  const view = calls[before]?.params.view as { blocks: KnownBlock[] } | undefined;
  return JSON.stringify(view?.blocks);
}

const fridayAt16 = (language: Language, tz: string) =>
  formatLocal(new Date('2026-12-04T15:00:00Z'), tz, translatorFor(language));

describe('weekly nudges in the person’s language (Slack locale through the real router)', () => {
  it('German: `/reflect schedule freitag 16:00` is understood and confirmed in German; the nudge DM, its Snooze note and the App Home section are German', async () => {
    const t = await personApp('de-DE');
    const reply = await t.command({ text: 'schedule freitag 16:00', userId: 'U1' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('Erledigt');
    expect(reply.text).toContain('jeden Freitag um 16:00');
    // The next nudge named with a German date ("Freitag, 4. Dezember 2026 …").
    expect(reply.text).toContain(fridayAt16('de', 'Europe/Berlin'));
    expect(reply.text).toContain('Dezember');

    await fireArmedNudge(t);
    const [dm] = nudgeDms(t);
    const text = textOf(dm);
    expect(text).toContain('Zeit für deine wöchentliche Reflexion');
    expect(text).not.toContain('This week');
    expect(showsPromptOf(text, dePrompts)).toBe(true);

    await t.interact(
      blockActionPayload({
        actionId: 'nudge_snooze',
        value: WEEK,
        userId: 'U1',
        responseUrl: t.slack.responseUrl(),
      }),
    );
    const [ack] = await t.slack.waitForResponse();
    const snoozed = translatorFor('de').t('nudgeReplies.snoozed', { at: 'X' }).split('X')[0] ?? '';
    expect(snoozed.length).toBeGreaterThan(3);
    expect(JSON.stringify(ack?.body)).toContain(snoozed);

    const home = await homeOf(t);
    expect(home).toContain('Wöchentliche Erinnerung');
    expect(home).toContain('Erinnerungen beenden');
  });

  it('German: a schedule without a time is answered with the German error naming the missing time', async () => {
    const t = await personApp('de-DE');
    const reply = await t.command({ text: 'schedule freitag', userId: 'U1' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(scheduleErrorText('noTime', translatorFor('de')));
    expect(reply.text).toContain('Uhr');
  });

  it('German: `/reflect pause 2 Wochen` pauses two weeks and says so in German', async () => {
    const t = await personApp('de-AT', 'Europe/Vienna');
    await t.command({ text: 'schedule freitag 16:00', userId: 'U1' });
    const reply = await t.command({ text: 'pause 2 Wochen', userId: 'U1' });
    expect(reply.text).toContain('Pausiert für 2 Wochen');
    const bad = await t.command({ text: 'pause zwei', userId: 'U1' });
    expect(bad.text).toContain('Woche');
    expect(bad.text).not.toContain('week');
  });

  it('Japanese: `/reflect schedule 金曜 16:00` is confirmed in Japanese, and the nudge DM is Japanese', async () => {
    const t = await personApp('ja-JP', 'Asia/Tokyo');
    const reply = await t.command({ text: 'schedule 金曜 16:00', userId: 'U1' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('設定しました');
    expect(reply.text).toContain('金曜日');
    expect(reply.text).toContain(
      formatLocal(new Date('2026-12-04T07:00:00Z'), 'Asia/Tokyo', translatorFor('ja')),
    );

    await fireArmedNudge(t);
    const text = textOf(nudgeDms(t)[0]);
    expect(text).toContain('週に一度の振り返りの時間です');
    expect(showsPromptOf(text, jaPrompts)).toBe(true);
  });

  it('an unknown locale (xx-YY) gets English', async () => {
    const t = await personApp('xx-YY');
    const reply = await t.command({ text: 'schedule fri 16:00', userId: 'U1' });
    expect(reply.text).toContain('Done: a weekly nudge');
    expect(reply.text).toContain('Friday, 4 December 2026 at 16:00');
    await fireArmedNudge(t);
    expect(textOf(nudgeDms(t)[0])).toContain('Time for your weekly reflection');
  });

  it('a locale changed in Slack reaches the nudge DM through the send path’s own users.info, care radar included, and is cached', async () => {
    const t = await personApp('en-US');
    t.slack.addUser({ id: 'U2', tz: 'Europe/Berlin' });
    await t.command({ text: 'schedule fri 16:00', userId: 'U1' });
    // The manager names a team, so the nudge carries their care radar.
    await t.command({ text: 'team <@U2|b>', userId: 'U1' });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin', locale: 'de-DE' });

    await fireArmedNudge(t);
    const text = textOf(nudgeDms(t)[0]);
    expect(text).toContain('Zeit für deine wöchentliche Reflexion');
    expect(text).toContain('Fürsorge-Radar');
    expect(text).toContain('Würdigen');
    // One users.info for the send (with the locale), and the profile cache now reads German.
    const profile = await t.throughline.deps.userProfiles.cachedProfile('T1', 'U1');
    expect(profile.slackLocale).toBe('de-DE');
  });

  it('invitations: the admin reads the report in their language, each invitee the DM in theirs, and nothing is cached about an invitee', async () => {
    const t = await startApp({ now: MONDAY, env: { ADMIN_USER_IDS: 'UADMIN' } });
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/Berlin', locale: 'de-DE' });
    t.slack.addUser({ id: 'U1', tz: 'Asia/Tokyo', locale: 'ja-JP' });
    t.slack.addUser({ id: 'U2', tz: 'Europe/Berlin', locale: 'xx-YY' });
    t.slack.addUsergroup({ id: 'S1', handle: 'leads', users: ['U1', 'U2', 'UADMIN'] });

    const usage = await t.command({ text: 'invite everyone', userId: 'UADMIN' });
    expect(usage.text).toContain(translatorFor('de').t('nudgeInvitation.usage').slice(0, 20));
    await t.command({ text: 'invite <!subteam^S1|@leads>', userId: 'UADMIN' });
    const [report] = await t.slack.waitForResponse((r) => JSON.stringify(r.body).includes('Ich lade'), {
      timeoutMs: 5000,
    });
    expect(JSON.stringify(report?.body)).toContain('2 Personen');
    const invitations = await t.slack.waitFor(
      (call) =>
        call.method === 'chat.postMessage' &&
        JSON.stringify(call.params.blocks).includes('nudge_invite_accept'),
      { count: 2, timeoutMs: 5000 },
    );
    const to = (id: string) => textOf(invitations.find((call) => call.params.channel === id));
    expect(to('U1')).toContain('週に一度の振り返り習慣に招待されました');
    expect(to('U2')).toContain('invited you');
    expect(await t.throughline.deps.userProfiles.cachedProfile('T1', 'U1')).toEqual({});
  });
});
