import { describe, expect, it } from 'vitest';
import { translatorFor } from '#messages/i18n.ts';
import jaPrompts from '#messages/locales/ja/prompts.json' with { type: 'json' };
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { startsTestApps, type TestApp } from '#test/support/test-app.ts';
import { reflectTeam } from './recognition-driver.ts';

// Friday, 4 December 2026, 16:00 in Berlin (CET, UTC+1) is 15:00Z; the clock sits 150 ms before.
const OCCURRENCE = new Date('2026-12-04T15:00:00.000Z');
const JUST_BEFORE = new Date(OCCURRENCE.getTime() - 150);

const de = translatorFor('de');
const ja = translatorFor('ja');
const en = translatorFor('en');

/**
 * `/recognize` through the real router in each reader's language: the giver's for replies, the
 * modal and help; the recipient's for their DM; the channel's (set with the schedule, else the
 * workspace's most common) for posts in the channel and the weekly prompt.
 */
describe('recognition in each reader’s language', () => {
  const start = startsTestApps();
  let seq = 0;

  /** `/recognize <text>`; the ephemeral reply (the ack body, or the response_url post). */
  async function recognize(t: TestApp, text: string, userId: string, channelId: string): Promise<string> {
    seq += 1;
    const id = `lang${seq}`;
    const response = await t.command({
      command: '/recognize',
      text,
      userId,
      channelId,
      responseUrl: t.slack.responseUrl(id),
    });
    expect(response.status).toBe(200);
    if (response.text !== '') {
      const body = response.json() as { text?: string; blocks?: unknown[] };
      if (body.text) return `${body.text} ${JSON.stringify(body.blocks ?? [])}`;
    }
    const [answer] = await t.slack.waitForResponse((r) => r.id === id, 3000);
    return String(answer?.body.text);
  }

  /** A recognition that goes out: Slack gets an empty ack, and no reply follows. */
  async function give(t: TestApp, text: string, userId: string, channelId: string): Promise<void> {
    const response = await t.command({ command: '/recognize', text, userId, channelId });
    expect(response.status).toBe(200);
  }

  const postIn = async (t: TestApp, channel: string) => {
    const [post] = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === channel && c.ok,
      3000,
    );
    return {
      text: String(post!.params.text),
      all: `${post!.params.text} ${JSON.stringify(post!.params.blocks)}`,
      post: post!,
    };
  };

  it('answers a German giver in German: help, refusals, the form and its hint', async () => {
    const t = await start();
    t.slack.addUser({ id: 'UDE', tz: 'Europe/Berlin', locale: 'de-DE' });
    t.slack.addChannel({ id: 'C1', members: ['UDE'] });

    const help = await recognize(t, 'help', 'UDE', 'C1');
    expect(help).toContain(de.t('recognizeHelp.intro'));
    expect(help).toContain('/recognize schedule freitag 16:00');
    expect(help).not.toContain(en.t('recognizeHelp.intro'));

    expect(await recognize(t, '<@UDE> war super', 'UDE', 'C1')).toContain(
      de.t('recognitionReplies.self', { max: 10, usage: de.t('recognitionReplies.usage') }),
    );

    const hint = await recognize(t, '', 'UDE', 'C1');
    expect(hint).toContain('Formular');
    const [open] = await t.slack.waitFor((c) => c.method === 'views.open', 3000);
    const view = JSON.stringify(open!.params.view);
    expect(view).toContain(de.t('recognitionModal.who'));
    expect(view).toContain('Privat senden');
  });

  it('posts in Japanese in a channel scheduled with `language ja`, and DMs a ja-JP recipient in Japanese', async () => {
    const t = await start({ now: JUST_BEFORE });
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/Berlin', is_admin: true });
    t.slack.addUser({ id: 'UGIVER', tz: 'Europe/Berlin', locale: 'en-US' });
    t.slack.addUser({ id: 'UJA', tz: 'Asia/Tokyo', locale: 'ja-JP' });
    t.slack.addChannel({ id: 'CJA', members: ['UADMIN', 'UGIVER', 'UJA'] });

    const reply = await recognize(t, 'schedule fri 16:00 language ja', 'UADMIN', 'CJA');
    expect(reply).toContain('every Friday at 16:00');
    expect(reply).toContain('Posts here are in Japanese.');

    // The weekly prompt fires 150 ms later, in Japanese.
    const prompt = await postIn(t, 'CJA');
    expect(Object.values(jaPrompts.recognition)).toContain(prompt.text);
    expect(prompt.all).toContain(ja.t('channelPromptMessage.recognizeSomeone'));
    expect(blockKitViolations('message', prompt.post.params.blocks)).toEqual([]);
    t.slack.reset();

    await give(t, '<@UJA> ありがとう、助かりました #mind', 'UGIVER', 'CJA');
    const post = await postIn(t, 'CJA');
    expect(post.all).toContain('への称賛');
    expect(post.text).toContain(`（${ja.t('dimensions.name.mind')}）`);
    expect(post.text).not.toContain('mind');
    const dm = await postIn(t, 'UJA');
    expect(dm.all).toContain('であなたを称賛しました');

    // Only the language changes; `auto` returns to the workspace's.
    expect(await recognize(t, 'schedule language fr', 'UADMIN', 'CJA')).toContain('French');
    expect((await t.throughline.deps.recognition!.prompts.get('T1', 'CJA'))?.language).toBe('fr');
    expect((await t.throughline.deps.recognition!.prompts.get('T1', 'CJA'))?.weekday).toBe(5);
    expect(await recognize(t, 'schedule language auto', 'UADMIN', 'CJA')).toContain('most common language');
    expect((await t.throughline.deps.recognition!.prompts.get('T1', 'CJA'))?.language).toBeUndefined();
  });

  it('a channel with no language posts in the workspace’s most common one (German here)', async () => {
    const t = await start();
    for (const id of ['UDE1', 'UDE2', 'UDE3']) t.slack.addUser({ id, tz: 'Europe/Berlin', locale: 'de-DE' });
    t.slack.addUser({ id: 'UEN', tz: 'Europe/London', locale: 'en-GB' });
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/London', locale: 'en-GB', is_admin: true });
    t.slack.addChannel({ id: 'CDE', members: ['UDE1', 'UDE2', 'UDE3', 'UEN', 'UADMIN'] });
    // Throughline gets to know them as they use it.
    for (const id of ['UDE1', 'UDE2', 'UDE3', 'UEN']) await recognize(t, 'help', id, 'CDE');

    await give(t, '<@UDE2> thanks for covering on-call #heart', 'UEN', 'CDE');
    const post = await postIn(t, 'CDE');
    expect(post.all).toContain('würdigt');
    expect(post.text).toContain(`(${de.t('dimensions.name.heart')})`);
    const dm = await postIn(t, 'UDE2');
    expect(dm.all).toContain('hat dich in');

    // The English admin's schedule reply says so, in English.
    const reply = await recognize(t, 'schedule fri 16:00', 'UADMIN', 'CDE');
    expect(reply).toContain('Posts here are in German, the most common language of this workspace');
  });

  it('refuses an unknown `language xx` in the admin’s language, listing the languages', async () => {
    const t = await start();
    t.slack.addUser({ id: 'UADMIN', tz: 'Europe/Berlin', locale: 'de-DE', is_admin: true });
    t.slack.addChannel({ id: 'C1', members: ['UADMIN'] });
    const reply = await recognize(t, 'schedule freitag 16:00 language xx', 'UADMIN', 'C1');
    expect(reply).toContain('Die Sprache „xx“ kenne ich nicht');
    for (const code of ['`en`', '`de`', '`fr`', '`es`', '`pt-BR`', '`ja`']) expect(reply).toContain(code);
    expect(reply).toContain('Japanisch');
    expect(await t.throughline.deps.recognition!.prompts.get('T1', 'C1')).toBeUndefined();

    // A German weekday is read in the German admin's language.
    const set = await recognize(t, 'schedule language de freitag 16:00', 'UADMIN', 'C1');
    expect(set).toContain('jeden Freitag');
    expect(set).toContain('Beiträge hier erscheinen auf Deutsch.');
    expect((await t.throughline.deps.recognition!.prompts.get('T1', 'C1'))?.language).toBe('de');
  });

  it('shows a German manager their care radar in German: /reflect team and App Home', async () => {
    const t = await start();
    t.slack.addUser({ id: 'UMGR', tz: 'Europe/Berlin', locale: 'de-AT' });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    const reply = await reflectTeam(t, '<@U1>', 'UMGR');
    expect(JSON.stringify(reply)).toContain('Fürsorge-Radar');
    await t.event({ type: 'app_home_opened', user: 'UMGR', channel: 'DMGR', tab: 'home', event_ts: '1.1' });
    const [home] = await t.slack.waitFor((c) => c.method === 'views.publish', 5000);
    const view = JSON.stringify(home!.params.view);
    expect(view).toContain(de.t('careRadar.recognizeSomeone'));
    expect(view).toContain('Fürsorge-Radar');
    expect(view).not.toContain(en.t('careRadar.recognizeSomeone'));
  });

  it('an unknown locale (xx-YY) gets English', async () => {
    const t = await start();
    t.slack.addUser({ id: 'UXX', tz: 'Europe/Berlin', locale: 'xx-YY' });
    t.slack.addChannel({ id: 'C1', members: ['UXX'] });
    const help = await recognize(t, 'help', 'UXX', 'C1');
    expect(help).toContain(en.t('recognizeHelp.intro'));
    expect(help).toContain('/recognize schedule fri 16:00');
  });
});
