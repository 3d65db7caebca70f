import { randomBytes } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reflectHistoryMessage } from '#messages/reflect-history.ts';
import { buildReflectModal } from '#messages/reflect-modal.ts';
import { REFLECTION_PROMPTS, RETIRED_REFLECTION_PROMPT_IDS } from '#messages/reflection-prompts.ts';
import { fixedClock } from '#src/clock.ts';
import {
  createReflectViewStore,
  MAX_OPEN_VIEWS,
  REFLECT_VIEW_TTL_MS,
} from '#src/reflect/reflect-view-store.ts';
import { createReflectionStore, type SaveReflectionInput } from '#src/reflect/reflection-store.ts';
import { weekPrompts } from '#src/reflect/week-prompts.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { createFieldCipher } from '#src/store/field-encryption.ts';
import { keys } from '#src/store/keys.ts';
import { createUserProfileStore } from '#src/store/user-profile-store.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

const logger = pino({ level: 'silent' });
const DAY = 86_400_000;

function entry(weekKey: string, answer: string, intention?: string): SaveReflectionInput {
  const [soul, heart, mind] = ['soul', 'heart', 'mind'].map(
    (d) => REFLECTION_PROMPTS.find((p) => p.dimension === d)!,
  );
  return {
    weekKey,
    timeZone: 'Europe/Berlin',
    prompts: [
      { id: soul!.id, dimension: 'soul', text: soul!.text, answer },
      { id: heart!.id, dimension: 'heart', text: heart!.text },
      { id: mind!.id, dimension: 'mind', text: mind!.text, answer: `${answer} (mind)` },
    ],
    ...(intention ? { intention } : {}),
    ratings: {},
  };
}

describe('reflection stores on real Redis', () => {
  let redis: Redis;
  let slack: SlackDouble;
  let client: WebClient;
  const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));

  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    slack = await startSlackDouble({
      teams: [{ teamId: 'T1', botToken: 'xoxb-s', botUserId: 'UB', botId: 'BB' }],
    });
    slack.addUser({ id: 'U1', tz: 'Asia/Kolkata' });
    client = new WebClient('xoxb-s', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    redis.disconnect();
    await slack.close();
  });
  beforeEach(async () => {
    await flushTestRedis();
    slack.reset();
    slack.addUser({ id: 'U1', tz: 'Asia/Kolkata' });
    clock.set(new Date('2026-11-25T10:00:00Z'));
  });

  describe('user profile time zone', () => {
    const profiles = () => createUserProfileStore({ redis, clock, logger });

    it('asks users.info once, caches for a day, then refreshes', async () => {
      const store = profiles();
      expect(await store.getTimeZone(client, 'T1', 'U1')).toBe('Asia/Kolkata');
      expect(await store.getTimeZone(client, 'T1', 'U1')).toBe('Asia/Kolkata');
      expect(slack.callsTo('users.info')).toHaveLength(1);
      slack.addUser({ id: 'U1', tz: 'America/Halifax' });
      clock.advance(DAY - 1000);
      expect(await store.getTimeZone(client, 'T1', 'U1')).toBe('Asia/Kolkata');
      clock.advance(2000);
      expect(await store.getTimeZone(client, 'T1', 'U1')).toBe('America/Halifax');
      expect(slack.callsTo('users.info')).toHaveLength(2);
      expect(await store.cachedTimeZone('T1', 'U1')).toMatchObject({ tz: 'America/Halifax' });
    });

    it('keeps a stale zone when Slack fails, falls back to UTC without caching it, and respects a budget', async () => {
      const store = profiles();
      await store.getTimeZone(client, 'T1', 'U1');
      clock.advance(2 * DAY);
      slack.failNext('users.info', 'internal_error');
      expect(await store.getTimeZone(client, 'T1', 'U1')).toBe('Asia/Kolkata');

      expect(await store.getTimeZone(client, 'T1', 'UNKNOWN')).toBe('UTC');
      expect(await store.cachedTimeZone('T1', 'UNKNOWN')).toBeUndefined();

      slack.setLatency(800, 'users.info');
      const started = Date.now();
      expect(await store.getTimeZone(client, 'T1', 'U9', { timeoutMs: 100 })).toBe('UTC');
      expect(Date.now() - started).toBeLessThan(600);
      slack.setLatency(0, 'users.info');

      await store.setTimeZone('T1', 'U1', 'Not/AZone');
      expect((await store.cachedTimeZone('T1', 'U1'))?.tz).toBe('Asia/Kolkata');
      await store.getTimeZone(client, 'T1', 'U2', { cache: false });
      expect(await redis.exists(keys.userProfile('T1', 'U2'))).toBe(0);
    });
  });

  describe('reflection store', () => {
    it('keeps one entry per week, lists newest first, finds the last intention before a week', async () => {
      const store = createReflectionStore({ redis, cipher: createFieldCipher(), clock, logger });
      await store.save('T1', 'U1', entry('2026-W45', 'w45', 'intend 45'));
      await store.save('T1', 'U1', entry('2026-W47', 'w47'));
      await store.save('T1', 'U1', entry('2026-W46', 'w46', 'intend 46'));
      const again = await store.save('T1', 'U1', entry('2026-W46', 'w46 edited', 'intend 46'));
      expect(again.created).toBe(false);
      expect(await store.reflectedWeeks('T1', 'U1')).toEqual(['2026-W47', '2026-W46', '2026-W45']);
      expect((await store.listRecent('T1', 'U1', 2)).map((r) => r.prompts[0]?.answer)).toEqual([
        'w47',
        'w46 edited',
      ]);
      // The latest reflection before W48 (W47) has no intention: nothing is quoted.
      expect(await store.lastIntention('T1', 'U1', '2026-W48')).toBeUndefined();
      expect(await store.lastIntention('T1', 'U1', '2026-W47')).toEqual({
        weekKey: '2026-W46',
        text: 'intend 46',
      });
      expect(await store.lastIntention('T1', 'U1', '2026-W45')).toBeUndefined();
      const history = await store.promptHistory('T1', 'U1', '2026-W48', 12);
      expect(history.find((h) => h.weekKey === '2026-W46')?.dimensions.sort()).toEqual(['mind', 'soul']);
      expect(await store.hasReflected('T1', 'U1', '2026-W46')).toBe(true);
      expect(await store.hasReflected('T2', 'U1', '2026-W46')).toBe(false);
    });

    it('records a nudge’s prompt once a week: never over prompts already shown or saved, and drops weeks past the window', async () => {
      const store = createReflectionStore({ redis, cipher: createFieldCipher(), clock, logger });
      const shownKey = keys.promptsShown('T1', 'U1');
      // Left from long ago, and a field that is not a week: both dropped by the next record.
      await redis.hset(shownKey, '2025-W40', '["old"]', 'junk', '["x"]');
      expect(await store.recordPromptShownOnce('T1', 'U1', '2026-W48', 'soul-p-01')).toBe(true);
      expect(await redis.hgetall(shownKey)).toEqual({ '2026-W48': '["soul-p-01"]' });
      // The modal showed this week's prompts first: the nudge does not replace them.
      await store.recordPromptsShown('T1', 'U1', '2026-W49', ['heart-p-02', 'mind-p-03']);
      expect(await store.recordPromptShownOnce('T1', 'U1', '2026-W49', 'soul-p-04')).toBe(false);
      expect(await redis.hget(shownKey, '2026-W49')).toBe('["heart-p-02","mind-p-03"]');
      // An empty list holds no prompt.
      await redis.hset(shownKey, '2026-W50', '[]');
      expect(await store.recordPromptShownOnce('T1', 'U1', '2026-W50', 'soul-p-05')).toBe(true);
      expect(await redis.hget(shownKey, '2026-W50')).toBe('["soul-p-05"]');
      // A saved reflection holds that week's prompts.
      await store.save('T1', 'U1', entry('2026-W51', 'w51'));
      expect(await store.recordPromptShownOnce('T1', 'U1', '2026-W51', 'soul-p-06')).toBe(false);
      expect(await redis.hexists(shownKey, '2026-W51')).toBe(0);
      const history = await store.promptHistory('T1', 'U1', '2026-W50', 12);
      expect(history.find((h) => h.weekKey === '2026-W48')?.promptIds).toEqual(['soul-p-01']);
    });

    it('a reflection answered under a retired prompt id reads back whole, and editing that week keeps it', async () => {
      const store = createReflectionStore({ redis, cipher: createFieldCipher(), clock, logger });
      const oldText = 'How is my own energy this week? What is draining it, and what gives it back?';
      await store.save('T1', 'U1', {
        weekKey: '2026-W40',
        timeZone: 'Europe/Berlin',
        prompts: [
          { id: 'heart-p-05', dimension: 'heart', text: oldText, answer: 'tired, but the team carried me' },
        ],
        ratings: {},
      });
      expect(RETIRED_REFLECTION_PROMPT_IDS).toContain('heart-p-05');
      const [saved] = await store.listRecent('T1', 'U1', 1);
      expect(saved?.prompts).toEqual([
        { id: 'heart-p-05', dimension: 'heart', text: oldText, answer: 'tired, but the team carried me' },
      ]);
      expect(JSON.stringify(reflectHistoryMessage([saved!], 1).blocks)).toContain(
        'tired, but the team carried me',
      );
      // The week's modal shows what was answered, with a plain hint (the side is no longer known).
      // What opening the modal reads, then the prompts it shows.
      const promptsForWeek = async (weekKey: string) => {
        const { existing, history } = await store.forModal('T1', 'U1', weekKey);
        return weekPrompts(existing, history, 'U1', weekKey);
      };
      const prompts = await promptsForWeek('2026-W40');
      expect(prompts).toEqual([{ id: 'heart-p-05', dimension: 'heart', text: oldText }]);
      const modal = buildReflectModal({ weekKey: '2026-W40', prompts, privateMetadata: 'n' });
      expect(JSON.stringify(modal.blocks)).toContain('"Heart: caring for people so they can thrive."');
      // Later weeks choose among current prompts only.
      const history = await store.promptHistory('T1', 'U1', '2026-W41', 12);
      expect(history[0]?.promptIds).toEqual(['heart-p-05']);
      for (const p of await promptsForWeek('2026-W41')) {
        expect(RETIRED_REFLECTION_PROMPT_IDS).not.toContain(p.id);
      }
    });

    it('rotation: old ciphertext opens with a previous key; without it the field is marked unreadable, never crashes', async () => {
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      const before = createReflectionStore({
        redis,
        cipher: createFieldCipher({ key: oldKey }),
        clock,
        logger,
      });
      await before.save('T1', 'U1', entry('2026-W47', 'sealed with the old key', 'old intention'));
      const plain = createReflectionStore({ redis, cipher: createFieldCipher(), clock, logger });
      await plain.save('T1', 'U1', entry('2026-W46', 'saved before encryption'));

      const rotated = createReflectionStore({
        redis,
        cipher: createFieldCipher({ key: newKey, previousKeys: [oldKey] }),
        clock,
        logger,
      });
      expect((await rotated.get('T1', 'U1', '2026-W47'))?.prompts[0]?.answer).toBe('sealed with the old key');
      expect((await rotated.get('T1', 'U1', '2026-W46'))?.prompts[0]?.answer).toBe('saved before encryption');

      const lost = createReflectionStore({
        redis,
        cipher: createFieldCipher({ key: newKey }),
        clock,
        logger,
      });
      const unreadable = await lost.get('T1', 'U1', '2026-W47');
      expect(unreadable?.prompts[0]?.answer).toBeUndefined();
      expect(unreadable?.unreadable.sort()).toEqual(
        [
          `answer:${unreadable?.prompts[0]?.id}`,
          `answer:${unreadable?.prompts[2]?.id}`,
          'intention',
          'ratings',
        ].sort(),
      );
      const message = reflectHistoryMessage(await lost.listRecent('T1', 'U1', 5), 2);
      expect(JSON.stringify(message)).toContain('no longer has');
      const exported = (await lost.personalData.export('T1', 'U1')) as { reflections: { note?: string }[] };
      expect(exported.reflections[0]?.note).toContain('no longer has');
    });
  });

  describe('opened reflection views', () => {
    it('expire after two days', async () => {
      const views = createReflectViewStore({ redis, clock });
      const prompts = [{ id: 'soul-p-01', dimension: 'soul' as const, text: 'x' }];
      await views.remember('T1', 'U1', 'V123ABC', {
        nonce: 'n'.repeat(24),
        weekKey: '2026-W48',
        timeZone: 'UTC',
        prompts,
      });
      expect((await views.check('T1', 'U1', 'V123ABC', 'n'.repeat(24))).ok).toBe(true);
      expect(await views.check('T1', 'U2', 'V123ABC', 'n'.repeat(24))).toEqual({
        ok: false,
        reason: 'unknown_view',
      });
      clock.advance(REFLECT_VIEW_TTL_MS + 1);
      expect(await views.check('T1', 'U1', 'V123ABC', 'n'.repeat(24))).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await redis.pttl(keys.reflectViews('T1', 'U1'))).toBeGreaterThan(0);
    });

    it(`keep at most ${MAX_OPEN_VIEWS} per person, dropping expired ones, then the oldest`, async () => {
      const views = createReflectViewStore({ redis, clock });
      const opened = {
        nonce: 'm'.repeat(24),
        weekKey: '2026-W48',
        timeZone: 'UTC',
        prompts: [{ id: 'soul-p-01', dimension: 'soul' as const, text: 'x' }],
      };
      const key = keys.reflectViews('T2', 'U1');
      await redis.hset(key, 'VBROKEN', 'not json');
      for (let index = 1; index <= MAX_OPEN_VIEWS + 2; index++) {
        await views.remember('T2', 'U1', `VOPEN${index}`, opened);
        clock.advance(60_000);
      }
      expect(await redis.hlen(key)).toBe(MAX_OPEN_VIEWS);
      for (const gone of ['VBROKEN', 'VOPEN1', 'VOPEN2']) {
        expect(await redis.hexists(key, gone)).toBe(0);
      }
      expect((await views.check('T2', 'U1', 'VOPEN1', opened.nonce)).ok).toBe(false);
      expect((await views.check('T2', 'U1', `VOPEN${MAX_OPEN_VIEWS + 2}`, opened.nonce)).ok).toBe(true);
      expect((await views.check('T2', 'U1', 'VOPEN3', opened.nonce)).ok).toBe(true);
    });
  });
});
