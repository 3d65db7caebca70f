import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOGNITION_BLOCKS } from '#messages/recognition-modal.ts';
import { INTENTION_ACTION, INTENTION_BLOCK, RATING_ACTION, ratingBlockId } from '#messages/reflect-modal.ts';
import { keys } from '#src/store/keys.ts';
import { testRedisUrl } from '#test/support/redis.ts';
import { viewSubmissionPayload } from '#test/support/slack-payloads.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { answerValues, openReflect, submitReflect } from '../reflect/reflect-driver.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const WEEK = '2026-W48';
const ANSWER = 'answer-okapi-5521';
const PRIVATE_WORDS = 'private-thanks-narwhal-7713';
const DAY = 24 * 60 * 60 * 1000;

/** Every value Redis holds (strings, hashes, sets, sorted sets), BullMQ's included. */
async function everyStoredValue(redis: Redis): Promise<string[]> {
  const values: string[] = [];
  for (const key of await redis.keys('*')) {
    const type = await redis.type(key);
    if (type === 'string') values.push((await redis.get(key)) ?? '');
    else if (type === 'hash') values.push(...Object.values(await redis.hgetall(key)));
    else if (type === 'set') values.push(...(await redis.smembers(key)));
    else if (type === 'zset') values.push(...(await redis.zrange(key, '0', '-1')));
    else if (type === 'list') values.push(...(await redis.lrange(key, 0, -1)));
  }
  return values;
}

function storedReflection(week: string, updatedAt: Date, fields: object): string {
  return JSON.stringify({
    v: 1,
    weekKey: week,
    timeZone: 'Europe/Berlin',
    createdAt: updatedAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    editCount: 0,
    prompts: [],
    ...fields,
  });
}

describe('at rest, with REFLECTION_ENCRYPTION_KEY', () => {
  let t: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    t = await startTestApp({
      now: NOW,
      env: { REFLECTION_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    });
    redis = new Redis(testRedisUrl());
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'UGIVER', tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'U3', tz: 'Europe/Berlin' });
  });
  afterAll(async () => {
    redis.disconnect();
    await t.stop();
  });

  it('private recognition words and self-ratings are sealed like reflections, and still read back', async () => {
    const opened = await openReflect(t);
    await submitReflect(t, {
      ...opened,
      values: answerValues([ANSWER], {
        [INTENTION_BLOCK]: { [INTENTION_ACTION]: { type: 'plain_text_input', value: 'intention-okapi' } },
        [ratingBlockId('soul')]: {
          [RATING_ACTION]: { type: 'static_select', selected_option: { value: '2' } },
        },
      }),
    });
    const response = await t.interact(
      viewSubmissionPayload({
        userId: 'UGIVER',
        callbackId: 'recognition_modal',
        values: {
          [RECOGNITION_BLOCKS.recipients]: { value: { type: 'multi_users_select', selected_users: ['U3'] } },
          [RECOGNITION_BLOCKS.words]: { value: { type: 'plain_text_input', value: PRIVATE_WORDS } },
          [RECOGNITION_BLOCKS.dimension]: {
            value: { type: 'static_select', selected_option: { value: 'heart' } },
          },
          [RECOGNITION_BLOCKS.visibility]: {
            value: { type: 'radio_buttons', selected_option: { value: 'private' } },
          },
          [RECOGNITION_BLOCKS.channel]: {
            value: { type: 'conversations_select', selected_conversation: null },
          },
        },
      }),
    );
    expect(response.json()).toMatchObject({ response_action: 'update' });
    await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U3');
    const recognitions = t.throughline.deps.recognition?.recognitions;
    await expect.poll(async () => (await recognitions?.forPerson('T1', 'U3'))?.received.length).toBe(1);

    const stored = await everyStoredValue(redis);
    for (const secret of [ANSWER, 'intention-okapi', PRIVATE_WORDS]) {
      expect(stored.filter((value) => value.includes(secret))).toEqual([]);
    }
    const record = JSON.parse((await redis.get(keys.reflection('T1', 'U1', WEEK))) ?? '{}');
    expect(record.ratings).toBeUndefined();
    expect(record.sealedRatings).toMatch(/^e1:/);

    // Read back for their owners.
    expect((await t.throughline.deps.reflect.reflections.get('T1', 'U1', WEEK))?.ratings).toEqual({
      soul: 2,
    });
    const history = await t.command({ text: 'history', userId: 'U1' });
    expect(JSON.stringify(history.json())).toContain(ANSWER);
    const received = await recognitions?.forPerson('T1', 'U3');
    expect(received?.received[0]?.words).toContain(PRIVATE_WORDS);
  });

  it('plain values are read only when they predate the key', async () => {
    await redis.set(
      keys.reflection('T1', 'U1', '2026-W40'),
      storedReflection('2026-W40', new Date(NOW.getTime() - 60 * DAY), {
        intention: 'p:old-plain-intention',
        ratings: { mind: 1 },
      }),
    );
    await redis.set(
      keys.reflection('T1', 'U1', '2026-W47'),
      storedReflection('2026-W47', new Date(NOW.getTime() + 1000), {
        intention: 'p:injected-plain-intention',
        ratings: { heart: 3 },
        sealedRatings: undefined,
      }),
    );
    await redis.zadd(keys.reflectionWeeks('T1', 'U1'), 2000, '2026-W40', 2007, '2026-W47');
    const old = await t.throughline.deps.reflect.reflections.get('T1', 'U1', '2026-W40');
    expect(old).toMatchObject({ intention: 'old-plain-intention', ratings: { mind: 1 }, unreadable: [] });
    const injected = await t.throughline.deps.reflect.reflections.get('T1', 'U1', '2026-W47');
    expect(injected?.intention).toBeUndefined();
    expect(injected?.ratings).toEqual({});
    expect(injected?.unreadable.sort()).toEqual(['intention', 'ratings']);
    const history = JSON.stringify((await t.command({ text: 'history', userId: 'U1' })).json());
    expect(history).toContain('old-plain-intention');
    expect(history).not.toContain('injected-plain-intention');

    // A private recognition written in plain after the key: its words are not read.
    const plainRecord = {
      id: 'RINJECTED01',
      giverId: 'UGIVER',
      recipientIds: ['U3'],
      words: 'injected-private-words',
      dimension: 'heart',
      visibility: 'private',
      at: NOW.getTime() + 1000,
    };
    await redis.set(keys.recognition('T1', plainRecord.id), JSON.stringify(plainRecord));
    await redis.zadd(keys.recognitionsReceived('T1', 'U3'), plainRecord.at, plainRecord.id);
    const received = await t.throughline.deps.recognition?.recognitions.forPerson('T1', 'U3');
    expect(received?.received.map((r) => r.words)).not.toContain('injected-private-words');
    const older = { ...plainRecord, id: 'ROLDPLAIN01', words: 'old-private-words', at: NOW.getTime() - DAY };
    await redis.set(keys.recognition('T1', older.id), JSON.stringify(older));
    await redis.zadd(keys.recognitionsReceived('T1', 'U3'), older.at, older.id);
    const again = await t.throughline.deps.recognition?.recognitions.forPerson('T1', 'U3');
    expect(again?.received.map((r) => r.words)).toContain('old-private-words');
  });
});
