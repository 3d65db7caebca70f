import { describe, expect, it } from 'vitest';
import { FORGET_CONFIRM_ACTION, forgetConfirmMessage } from '#messages/forget-messages.ts';
import { type Language, translatorFor } from '#messages/i18n.ts';
import { reflectFormErrorText } from '#messages/reflect-modal.ts';
import { parseScheduleText } from '#src/schedule/parse-schedule.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { type TestApp, useTestApp } from '#test/support/test-app.ts';
import { answerValues, openReflect, submitReflect } from './reflect-driver.ts';

const NOW = new Date('2026-11-25T10:00:00Z');

interface ModalView {
  title: { text: string };
  blocks: { type: string; block_id?: string; label?: { text: string } }[];
}

function promptLabels(view: ModalView): string[] {
  return view.blocks
    .filter((b) => b.type === 'input' && b.block_id?.startsWith('answer_'))
    .map((b) => b.label?.text ?? '');
}

/** Every reflection prompt text of a language's catalogue. */
function promptTexts(language: Language): Set<string> {
  const tr = translatorFor(language);
  const ids = ['soul', 'heart', 'mind'].flatMap((d) =>
    ['p', 'o'].flatMap((side) =>
      Array.from({ length: 30 }, (_, i) => `${d}-${side}-${String(i + 1).padStart(2, '0')}`),
    ),
  );
  return new Set(ids.map((id) => tr.t(`prompts:reflection.${id}`)));
}

async function help(t: TestApp, userId: string): Promise<string> {
  const response = await t.command({ text: 'help', userId });
  expect(response.status).toBe(200);
  return (response.json() as { text: string }).text;
}

async function command(t: TestApp, userId: string, text: string): Promise<string> {
  const response = await t.command({ text, userId });
  expect(response.status).toBe(200);
  return (response.json() as { text: string }).text;
}

async function openHome(t: TestApp, userId: string): Promise<string> {
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
  return JSON.stringify(calls[before]?.params.view ?? {});
}

describe('reflect, help and App Home in the person’s language', () => {
  const t = useTestApp({ now: NOW }, () => {
    t.slack.addUser({ id: 'UDE', tz: 'Europe/Berlin', locale: 'de-DE' });
    t.slack.addUser({ id: 'UJA', tz: 'Asia/Tokyo', locale: 'ja-JP' });
    t.slack.addUser({ id: 'UXX', tz: 'Europe/London', locale: 'xx-YY' });
    t.slack.addUser({ id: 'USW', tz: 'Europe/Berlin', locale: 'de-DE' });
    t.slack.addUser({ id: 'UBAD', tz: 'Europe/Paris', locale: 'fr-FR' });
    t.slack.addUser({ id: 'UDE2', tz: 'Europe/Vienna', locale: 'de-AT' });
  });

  it('a German person’s form errors, confirmation, history, forget and export replies are German', async () => {
    const de = translatorFor('de');
    const opened = await openReflect(t, { userId: 'UDE2' });
    const empty = await submitReflect(t, { ...opened, userId: 'UDE2', values: answerValues([]) });
    expect(empty.body?.errors).toEqual({ answer_0: reflectFormErrorText('empty', de) });

    const saved = await submitReflect(t, { ...opened, userId: 'UDE2', values: answerValues(['ehrlich']) });
    expect(saved.body).toBeUndefined();
    const [dm] = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'UDE2');
    expect(String(dm?.params.text)).toContain('Reflexion');
    expect(String(dm?.params.text)).not.toContain('Saved your reflection');

    const history = await command(t, 'UDE2', 'history');
    expect(history).toContain('Deine Reflexionen');

    expect(await command(t, 'UDE2', 'export')).toBe(de.t('exportMessages.started'));
    await t.slack.waitForResponse((r) => String(r.body.text) === de.t('exportMessages.doneFile'));

    expect(await command(t, 'UDE2', 'forget')).toBe(forgetConfirmMessage(de).text);
    const responseUrl = t.slack.responseUrl('forget-ude2');
    await t.interact(blockActionPayload({ actionId: FORGET_CONFIRM_ACTION, userId: 'UDE2', responseUrl }));
    const [done] = await t.slack.waitForResponse((r) => r.id === 'forget-ude2');
    expect(done?.body.text).toBe(de.t('forgetMessages.done'));
  });

  it('a German Slack gets the modal, its prompts, help and App Home in German', async () => {
    const de = translatorFor('de');
    const { view } = await openReflect(t, { userId: 'UDE' });
    const modal = view as unknown as ModalView;
    expect(modal.title.text).toBe(de.t('reflectModal.title'));
    const labels = promptLabels(modal);
    expect(labels).toHaveLength(3);
    const german = promptTexts('de');
    for (const label of labels) expect(german.has(label)).toBe(true);
    expect(JSON.stringify(view)).toContain(de.t('reflectModal.save'));

    const text = await help(t, 'UDE');
    expect(text).toContain('/reflect schedule freitag 16:00');
    expect(text).toContain('/reflect pause [Wochen]');
    expect(text).toContain('/reflect language');
    expect(text).toContain(de.t('helpMessage.language'));
    expect(text).toContain('Seele, Herz und Verstand');

    const home = await openHome(t, 'UDE');
    expect(home).toContain(de.t('appHome.reflectNow'));
    expect(home).not.toContain('Reflect now');
  });

  it('the German help’s example day and time is one German schedule input reads', () => {
    for (const language of ['en', 'de', 'fr', 'es', 'pt-BR', 'ja'] as const) {
      const usage = translatorFor(language).t('helpMessage.usage.schedule');
      const example = usage.replace('/reflect schedule ', '');
      expect(parseScheduleText(example, language)).toMatchObject({
        ok: true,
        schedule: { weekday: 5, hour: 16, minute: 0 },
      });
    }
  });

  it('a Japanese Slack gets the modal, its prompts, help and App Home in Japanese', async () => {
    const ja = translatorFor('ja');
    const { view } = await openReflect(t, { userId: 'UJA' });
    const modal = view as unknown as ModalView;
    expect(modal.title.text).toBe(ja.t('reflectModal.title'));
    const japanese = promptTexts('ja');
    for (const label of promptLabels(modal)) expect(japanese.has(label)).toBe(true);

    const text = await help(t, 'UJA');
    expect(text).toContain('/reflect schedule 金曜 16:00');
    expect(text).toContain(ja.t('helpMessage.intro'));

    const home = await openHome(t, 'UJA');
    expect(home).toContain(ja.t('appHome.reflectNow'));
  });

  it('an unknown Slack locale gets English', async () => {
    const { view } = await openReflect(t, { userId: 'UXX' });
    const english = promptTexts('en');
    for (const label of promptLabels(view as unknown as ModalView)) expect(english.has(label)).toBe(true);
    expect(await help(t, 'UXX')).toContain('/reflect schedule fri 16:00');
    expect(await openHome(t, 'UXX')).toContain('Reflect now');
  });

  it('`/reflect language en` switches a German Slack to English, `auto` back to German', async () => {
    expect(await help(t, 'USW')).toContain('freitag');

    const set = await command(t, 'USW', 'language EN');
    expect(set).toContain('English');
    expect(set).toContain('/reflect language auto');
    // Their Home is redrawn in the new language.
    const republished = await t.slack.waitFor(
      (c) =>
        c.method === 'views.publish' &&
        c.params.user_id === 'USW' &&
        JSON.stringify(c.params.view).includes('Reflect now'),
    );
    expect(republished.length).toBeGreaterThan(0);

    const { view } = await openReflect(t, { userId: 'USW' });
    const english = promptTexts('en');
    for (const label of promptLabels(view as unknown as ModalView)) expect(english.has(label)).toBe(true);
    expect((view as unknown as ModalView).title.text).toBe('Weekly reflection');
    expect(await help(t, 'USW')).toContain('/reflect schedule fri 16:00');

    const shown = await command(t, 'USW', 'language');
    expect(shown).toContain('English (your choice)');
    expect(shown).toContain('`de` Deutsch');
    expect(shown).toContain('`ja` 日本語');

    const auto = await command(t, 'USW', 'language auto');
    expect(auto).toContain(translatorFor('de').t('reflectLanguage.auto', { language: 'Deutsch' }));
    expect(await help(t, 'USW')).toContain('/reflect schedule freitag 16:00');
    expect(await command(t, 'USW', 'language')).toContain('Deutsch (deine Slack-Sprache)');
  });

  it.each([
    ['deutsch', 'de', 'Deutsch'],
    ['Français', 'fr', 'français'],
    ['español', 'es', 'español'],
    ['pt', 'pt-BR', 'português (Brasil)'],
    ['PT-br', 'pt-BR', 'português (Brasil)'],
    ['português', 'pt-BR', 'português (Brasil)'],
    ['日本語', 'ja', '日本語'],
    ['english', 'en', 'English'],
  ] as const)('`/reflect language %s` answers in %s', async (word, language, name) => {
    const reply = await command(t, 'UBAD', `language ${word}`);
    expect(reply).toBe(translatorFor(language).t('reflectLanguage.set', { language: name }));
  });

  it.each(['klingon', 'de-AT-x', 'pt-PT', '<!channel> `x`', 'de fr'])(
    'an unknown language %j gets the list, in the person’s language',
    async (word) => {
      await command(t, 'UBAD', 'language auto');
      const reply = await command(t, 'UBAD', `language ${word}`);
      expect(reply).toContain('Je ne connais pas la langue');
      expect(reply).toContain('`de` Deutsch');
      expect(reply).toContain('`pt-BR` português (Brasil)');
      expect(reply).not.toContain('<!channel>');
      // Nothing was stored.
      expect(await command(t, 'UBAD', 'language')).toContain('(la langue de Slack)');
    },
  );

  it('the personal data export shows the choice', async () => {
    await command(t, 'UBAD', 'language ja');
    const before = t.slack.files.length;
    const ack = await command(t, 'UBAD', 'export');
    expect(ack).toBe(translatorFor('ja').t('exportMessages.started'));
    await t.slack.waitForResponse((r) => r.body.text !== undefined && String(r.body.text).length > 0);
    const file = await (async () => {
      for (let i = 0; i < 200; i++) {
        const found = t.slack.files.slice(before).find((f) => f.completed);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return undefined;
    })();
    const doc = JSON.parse(file?.content.toString('utf8') ?? '{}') as {
      sections: { profile: { language: string; slackLocale: string } };
    };
    expect(doc.sections.profile).toMatchObject({ language: 'ja', slackLocale: 'fr-FR' });
  });
});
