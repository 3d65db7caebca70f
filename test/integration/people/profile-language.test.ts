import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#src/clock.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { keys } from '#src/store/keys.ts';
import {
  COMMON_LANGUAGE_SECONDS,
  createUserProfileStore,
  PROFILE_TTL_SECONDS,
} from '#src/store/user-profile-store.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

const logger = pino({ level: 'silent' });
const DAY = 86_400_000;

describe('a person’s language on their profile (real Redis, the Slack double)', () => {
  let redis: Redis;
  let slack: SlackDouble;
  let client: WebClient;
  const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
  const profiles = () => createUserProfileStore({ redis, clock, logger });

  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    slack = await startSlackDouble({
      teams: [{ teamId: 'T1', botToken: 'xoxb-s', botUserId: 'UB', botId: 'BB' }],
    });
    client = new WebClient('xoxb-s', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    redis.disconnect();
    await slack.close();
  });
  beforeEach(async () => {
    await flushTestRedis();
    slack.reset();
    slack.addUser({ id: 'U1', tz: 'Europe/Vienna', locale: 'de-AT' });
    slack.addUser({ id: 'U2', tz: 'Asia/Tokyo', locale: 'ja-JP' });
    slack.addUser({ id: 'U3', tz: 'Europe/Berlin', locale: 'de-DE' });
    clock.set(new Date('2026-11-25T10:00:00Z'));
  });

  it('asks users.info with include_locale once, caches zone and locale for a day, then refreshes both', async () => {
    const store = profiles();
    expect(await store.getProfile(client, 'T1', 'U1')).toEqual({
      timeZone: 'Europe/Vienna',
      slackLocale: 'de-AT',
      languageChoice: undefined,
    });
    expect(slack.callsTo('users.info')[0]?.params).toMatchObject({ include_locale: 'true' });
    await store.getProfile(client, 'T1', 'U1');
    expect(slack.callsTo('users.info')).toHaveLength(1);
    slack.addUser({ id: 'U1', tz: 'Europe/Paris', locale: 'fr-FR' });
    clock.advance(DAY + 1000);
    expect(await store.getProfile(client, 'T1', 'U1')).toMatchObject({
      timeZone: 'Europe/Paris',
      slackLocale: 'fr-FR',
    });
    expect(slack.callsTo('users.info')).toHaveLength(2);
  });

  it('without include_locale Slack sends no locale (the double is faithful)', async () => {
    const answer = await client.users.info({ user: 'U1' });
    expect(answer.user?.locale).toBeUndefined();
    const withLocale = await client.users.info({ user: 'U1', include_locale: true });
    expect(withLocale.user?.locale).toBe('de-AT');
  });

  it('a profile cached before locales were kept is refreshed once, even while its zone is fresh', async () => {
    await redis.hset(keys.userProfile('T1', 'U1'), {
      tz: 'Europe/Vienna',
      tzCheckedAt: String(clock.now().getTime()),
    });
    expect((await profiles().getProfile(client, 'T1', 'U1')).slackLocale).toBe('de-AT');
    expect(slack.callsTo('users.info')).toHaveLength(1);
    await profiles().getProfile(client, 'T1', 'U1');
    expect(slack.callsTo('users.info')).toHaveLength(1);
  });

  it('keeps the cached locale when Slack fails; nothing is known for a stranger Slack cannot find', async () => {
    const store = profiles();
    await store.getProfile(client, 'T1', 'U1');
    clock.advance(2 * DAY);
    slack.failNext('users.info', 'internal_error');
    expect(await store.getProfile(client, 'T1', 'U1')).toMatchObject({
      timeZone: 'Europe/Vienna',
      slackLocale: 'de-AT',
    });
    expect(await store.getProfile(client, 'T1', 'UNKNOWN')).toEqual({
      timeZone: 'UTC',
      slackLocale: undefined,
      languageChoice: undefined,
    });
  });

  it('a language choice overrides Slack, is kept across refreshes, and auto clears it', async () => {
    const store = profiles();
    await store.getProfile(client, 'T1', 'U1');
    await store.setLanguageChoice('T1', 'U1', 'en');
    clock.advance(2 * DAY);
    expect(await store.getProfile(client, 'T1', 'U1')).toMatchObject({
      slackLocale: 'de-AT',
      languageChoice: 'en',
    });
    expect(await store.cachedProfile('T1', 'U1')).toMatchObject({ languageChoice: 'en' });
    await store.setLanguageChoice('T1', 'U1', undefined);
    expect((await store.getProfile(client, 'T1', 'U1')).languageChoice).toBeUndefined();
  });

  it('tallies the language each known person reads, for channel defaults; forget and age remove people', async () => {
    const store = profiles();
    await store.getProfile(client, 'T1', 'U1');
    await store.getProfile(client, 'T1', 'U2');
    await store.getProfile(client, 'T1', 'U3');
    expect((await store.workspaceLocales('T1')).sort()).toEqual(['de-AT', 'de-DE', 'ja-JP']);
    await store.setLanguageChoice('T1', 'U2', 'fr');
    expect((await store.workspaceLocales('T1')).sort()).toEqual(['de-AT', 'de-DE', 'fr']);
    await store.setLanguageChoice('T1', 'U2', undefined);
    expect((await store.workspaceLocales('T1')).sort()).toEqual(['de-AT', 'de-DE', 'ja-JP']);
    const ttl = await redis.ttl(keys.workspaceLocales('T1'));
    expect(ttl).toBeGreaterThan(PROFILE_TTL_SECONDS - 60);

    await store.personalData.erase('T1', 'U1');
    expect((await store.workspaceLocales('T1')).sort()).toEqual(['de-DE', 'ja-JP']);
    expect(await store.personalData.export('T1', 'U1')).toBeNull();

    // Someone not seen for longer than a profile lives no longer counts.
    clock.advance(PROFILE_TTL_SECONDS * 1000 - DAY);
    await store.getProfile(client, 'T1', 'U3');
    clock.advance(2 * DAY);
    expect(await store.workspaceLocales('T1')).toEqual(['de-DE']);
    expect(await redis.hkeys(keys.workspaceLocales('T1'))).toEqual(['U3']);
  });

  it('remembers the workspace’s common language, and forgets it when anyone’s language changes, comes or goes', async () => {
    const store = profiles();
    const picks: string[][] = [];
    // The rule itself is the channel's (src/recognition/channel-language.ts); here: the first locale seen.
    const common = () =>
      store.commonLanguage('T1', (locales) => {
        picks.push([...locales].sort());
        return [...locales].sort()[0] ?? 'en';
      });
    await store.getProfile(client, 'T1', 'U1');
    expect(await common()).toBe('de-AT');
    expect(await common()).toBe('de-AT');
    expect(picks).toEqual([['de-AT']]);
    const ttl = await redis.ttl(keys.workspaceLanguage('T1'));
    expect(ttl).toBeGreaterThan(COMMON_LANGUAGE_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(COMMON_LANGUAGE_SECONDS);

    // Someone new: worked out again.
    await store.getProfile(client, 'T1', 'U2');
    expect(await common()).toBe('de-AT');
    expect(picks).toHaveLength(2);
    // A refresh that reads the same language keeps it.
    clock.advance(2 * DAY);
    await store.getProfile(client, 'T1', 'U1');
    await common();
    expect(picks).toHaveLength(2);
    // A choice that changes the language, and clearing it: worked out again each time.
    await store.setLanguageChoice('T1', 'U1', 'fr');
    expect(await common()).toBe('fr');
    await store.setLanguageChoice('T1', 'U1', undefined);
    expect(await common()).toBe('de-AT');
    expect(picks).toHaveLength(4);
    // Slack's locale changed under a person.
    slack.addUser({ id: 'U2', tz: 'Asia/Tokyo', locale: 'da-DK' });
    clock.advance(2 * DAY);
    await store.getProfile(client, 'T1', 'U2');
    expect(await common()).toBe('da-DK');
    // Forget.
    await store.personalData.erase('T1', 'U2');
    expect(await common()).toBe('de-AT');
    expect(picks).toEqual([
      ['de-AT'],
      ['de-AT', 'ja-JP'],
      ['fr', 'ja-JP'],
      ['de-AT', 'ja-JP'],
      ['da-DK', 'de-AT'],
      ['de-AT'],
    ]);
  });

  it('a person with no Slack locale reads their choice; back to auto they leave the tally; a zone Slack announces is kept only for someone known', async () => {
    const store = profiles();
    slack.addUser({ id: 'U4', tz: 'America/Chicago' });
    await store.getProfile(client, 'T1', 'U4');
    // Slack had no locale: the cache is complete (locale ''), and the person is not in the tally.
    expect(await redis.hget(keys.userProfile('T1', 'U4'), 'locale')).toBe('');
    expect(await store.workspaceLocales('T1')).toEqual([]);
    await store.setLanguageChoice('T1', 'U4', 'es');
    expect(await store.workspaceLocales('T1')).toEqual(['es']);
    // The nudge path's copy of a users.info answer keeps the choice as what the person reads.
    await store.rememberSlackProfile('T1', 'U4', { tz: 'America/Denver', locale: 'en-US' });
    expect(await store.workspaceLocales('T1')).toEqual(['es']);
    expect(await store.cachedProfile('T1', 'U4')).toEqual({
      timeZone: 'America/Denver',
      slackLocale: 'en-US',
      languageChoice: 'es',
    });
    await store.rememberSlackProfile('T1', 'U4', { tz: 'America/Denver', locale: '' });
    await store.setLanguageChoice('T1', 'U4', undefined);
    expect(await redis.hexists(keys.workspaceLocales('T1'), 'U4')).toBe(0);
    expect(await redis.ttl(keys.userProfile('T1', 'U4'))).toBeGreaterThan(PROFILE_TTL_SECONDS - 60);

    expect(await store.updateTimeZoneIfKnown('T1', 'U9', 'Europe/Paris')).toBe(false);
    expect(await redis.exists(keys.userProfile('T1', 'U9'))).toBe(0);
    clock.advance(DAY);
    expect(await store.updateTimeZoneIfKnown('T1', 'U4', 'Europe/Paris')).toBe(true);
    expect(await store.updateTimeZoneIfKnown('T1', 'U4', 'Not/AZone')).toBe(false);
    expect(await store.cachedTimeZone('T1', 'U4')).toEqual({
      tz: 'Europe/Paris',
      checkedAt: clock.now().getTime(),
    });
  });

  it('exports the locale and the choice by name', async () => {
    const store = profiles();
    await store.getProfile(client, 'T1', 'U2');
    expect(await store.personalData.export('T1', 'U2')).toMatchObject({
      timeZone: 'Asia/Tokyo',
      slackLocale: 'ja-JP',
      language: 'auto',
    });
    await store.setLanguageChoice('T1', 'U2', 'de');
    expect(await store.personalData.export('T1', 'U2')).toMatchObject({ language: 'de' });
  });
});
