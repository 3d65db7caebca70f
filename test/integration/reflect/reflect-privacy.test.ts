import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORGET_CANCEL_ACTION, FORGET_CONFIRM_ACTION } from '#messages/forget-messages.ts';
import { INTENTION_ACTION, INTENTION_BLOCK, RATING_ACTION, ratingBlockId } from '#messages/reflect-modal.ts';
import { keys } from '#src/store/keys.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { answerValues, keysOf, openReflect, submitReflect } from './reflect-driver.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const KEY = randomBytes(32).toString('base64');

interface ExportDocument {
  format: string;
  teamId: string;
  userId: string;
  sections: Record<string, unknown>;
  unavailable: string[];
}

describe('reflections at rest, export and forget', () => {
  let t: TestApp;
  const erased: string[] = [];
  // Stands in for the other features (nudges, recognition) that push their own sources.
  const otherFeature: PersonalDataSource = {
    name: 'otherFeature',
    export: async (teamId, userId) => ({ teamId, userId, schedule: 'fri 16:00' }),
    erase: async (teamId, userId) => {
      erased.push(`${teamId}/${userId}`);
      // A feature that forgets one of its keys: the sweep must still remove it.
    },
  };

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REFLECTION_ENCRYPTION_KEY: KEY } });
    t.slack.addUser({ id: 'U1', tz: 'Asia/Kathmandu' });
    t.slack.addUser({ id: 'U2', tz: 'Europe/Berlin' });
    t.throughline.deps.personalData.push(otherFeature);

    // U1 reflects two weeks, with every field, and leaves a third modal open.
    for (const [at, answer] of [
      ['2026-11-18T10:00:00Z', 'Week one <!channel> answer'],
      ['2026-11-25T10:00:00Z', 'Week two answer'],
    ] as const) {
      t.clock.set(new Date(at));
      const opened = await openReflect(t);
      const { body } = await submitReflect(t, {
        ...opened,
        values: answerValues([answer, 'heart words', undefined], {
          [INTENTION_BLOCK]: {
            [INTENTION_ACTION]: { type: 'plain_text_input', value: `intention for ${at}` },
          },
          [ratingBlockId('mind')]: {
            [RATING_ACTION]: { type: 'static_select', selected_option: { value: '1' } },
          },
        }),
      });
      expect(body).toBeUndefined();
    }
    await openReflect(t);
    // Someone else's data, which must survive U1's forget.
    const other = await openReflect(t, { userId: 'U2' });
    await submitReflect(t, { ...other, userId: 'U2', values: answerValues(['U2 keeps this']) });
    // A key no feature knows about, under U1's root.
    await t.throughline.deps.redis.interactive.set(`${keys.userRoot('T1', 'U1')}:orphan`, 'left behind');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('encrypts answers and intentions at rest; only the author reads them back', async () => {
    const redis = t.throughline.deps.redis.interactive;
    const raw = (await redis.get(keys.reflection('T1', 'U1', '2026-W48'))) ?? '';
    expect(raw).not.toContain('Week two answer');
    expect(raw).not.toContain('intention for');
    expect(raw).toMatch(/"answer":"e1:[0-9a-f]{8}:/);
    const history = await t.command({ text: 'history' });
    expect(history.text).toContain('Week two answer');
  });

  it('export sends a JSON file to the person’s DM with every stored field of every feature', async () => {
    const before = t.slack.files.length;
    const ack = await t.command({ text: 'export' });
    expect(ack.text).toContain('DM');
    await t.slack.waitForResponse((r) => String(r.body.text).includes('Your export is in your DM'));
    const file = t.slack.files.slice(before).find((f) => f.completed);
    expect(file?.channelId).toBe(t.slack.dmChannelId('U1'));
    expect(file?.filename).toMatch(/^throughline-export-2026-11-25\.json$/);
    const doc = JSON.parse(file?.content.toString('utf8') ?? '{}') as ExportDocument;
    expect(doc).toMatchObject({
      format: 'throughline-personal-data/1',
      teamId: 'T1',
      userId: 'U1',
      unavailable: [],
    });
    expect(doc.sections.otherFeature).toEqual({ teamId: 'T1', userId: 'U1', schedule: 'fri 16:00' });
    expect(doc.sections.profile).toMatchObject({ timeZone: 'Asia/Kathmandu' });

    const reflections = doc.sections.reflections as {
      reflections: Record<string, unknown>[];
      promptsShown: { weekKey: string; promptIds: string[] }[];
    };
    expect(reflections.reflections.map((r) => r.weekKey)).toEqual(['2026-W48', '2026-W47']);
    // Every field of the stored record is in the export, decrypted.
    const redis = t.throughline.deps.redis.interactive;
    for (const exported of reflections.reflections) {
      const stored = JSON.parse(
        (await redis.get(keys.reflection('T1', 'U1', String(exported.weekKey)))) ?? '{}',
      ) as Record<string, unknown>;
      // Self-ratings are stored sealed (`sealedRatings`) and exported opened (`ratings`).
      for (const field of Object.keys(stored).filter((f) => f !== 'v'))
        expect(exported).toHaveProperty(field === 'sealedRatings' ? 'ratings' : field);
      expect(exported.intention).toMatch(/^intention for /);
      expect(exported.ratings).toEqual({ mind: 1 });
      const prompts = exported.prompts as { id: string; dimension: string; text: string; answer?: string }[];
      expect(prompts).toHaveLength(3);
      expect(prompts[1]?.answer).toBe('heart words');
      expect(prompts.every((p) => p.id && p.dimension && p.text)).toBe(true);
    }
    expect(JSON.stringify(reflections)).toContain('Week one <!channel> answer');
    expect(reflections.promptsShown.map((p) => p.weekKey)).toEqual(['2026-W48', '2026-W47']);
    expect((doc.sections.openReflectionForms as unknown[]).length).toBeGreaterThan(0);
    // Nothing of U2's.
    expect(JSON.stringify(doc)).not.toContain('U2 keeps this');

    // Every key under U1's root is accounted for by some section of the export.
    const sectionFor: [RegExp, string][] = [
      [/:reflection:|:reflection-weeks$|:prompts-shown$/, 'reflections'],
      [/:reflect-views$/, 'openReflectionForms'],
      [/:profile$/, 'profile'],
      [/:orphan$/, '(test orphan)'],
    ];
    for (const key of await keysOf(t, 'T1', 'U1')) {
      const match = sectionFor.find(([pattern]) => pattern.test(key));
      expect(match, `no export section covers ${key}`).toBeDefined();
      if (match && match[1] !== '(test orphan)') expect(doc.sections[match[1]]).toBeTruthy();
    }
  });

  it('export falls back to DM messages when the file cannot be uploaded', async () => {
    t.slack.failNext('files.getUploadURLExternal', 'not_allowed_token_type');
    await t.command({ text: 'export' });
    await t.slack.waitForResponse((r) => String(r.body.text).includes('as messages'));
    const parts = t.slack
      .messages(t.slack.dmChannelId('U1'))
      .filter((m) => m.text.includes('Your Throughline data (part'));
    expect(parts.length).toBeGreaterThan(0);
    const joined = parts.map((m) => m.text).join('');
    expect(joined).toContain('Week two answer');
    expect(joined).not.toContain('<!channel>');
  });

  it('forget asks first; cancel deletes nothing', async () => {
    const ask = await t.command({ text: 'forget' });
    const body = ask.json() as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain(FORGET_CONFIRM_ACTION);
    const responseUrl = t.slack.responseUrl();
    await t.interact(blockActionPayload({ actionId: FORGET_CANCEL_ACTION, responseUrl }));
    await t.slack.waitForResponse((r) => String(r.body.text).includes('Nothing was deleted'));
    expect((await keysOf(t, 'T1', 'U1')).length).toBeGreaterThan(0);
  });

  it('forget leaves no key of that person in Redis, calls every feature, keeps others’ data, and is idempotent', async () => {
    expect((await keysOf(t, 'T1', 'U1')).length).toBeGreaterThan(3);
    const isU1Home = (c: { method: string; params: Record<string, unknown> }) =>
      c.method === 'views.publish' && c.params.user_id === 'U1';
    const homesBefore = t.slack.calls.filter(isU1Home).length;
    for (let click = 1; click <= 2; click++) {
      const responseUrl = t.slack.responseUrl(`forget-${click}`);
      const answer = await t.interact(blockActionPayload({ actionId: FORGET_CONFIRM_ACTION, responseUrl }));
      expect(answer.status).toBe(200);
      const [done] = await t.slack.waitForResponse((r) => r.id === `forget-${click}`);
      expect(String(done?.body.text)).toContain('everything Throughline kept about you is deleted');
      expect(done?.body.replace_original).toBe(true);
      expect(await keysOf(t, 'T1', 'U1')).toEqual([]);
    }
    expect(erased).toEqual(['T1/U1', 'T1/U1']);
    expect(await t.throughline.deps.reflect.reflections.reflectedWeeks('T1', 'U2')).toHaveLength(1);
    // The Home was redrawn empty, without writing anything back for U1.
    const homes = await t.slack.waitFor(isU1Home, { count: homesBefore + 2 });
    expect(JSON.stringify(homes.at(-1)?.params.view)).not.toContain('Week two answer');
    expect(await keysOf(t, 'T1', 'U1')).toEqual([]);
    // Using Throughline again starts fresh: only the profile (zone, locale) is read from Slack anew.
    const history = await t.command({ text: 'history' });
    expect(history.text).toContain('no reflections yet');
    expect(await keysOf(t, 'T1', 'U1')).toEqual(['tl:{T1}:user:U1:profile']);
  });
});
