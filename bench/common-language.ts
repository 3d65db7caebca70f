/**
 * What a channel post pays to learn its default language (src/recognition/channel-language.ts): the
 * remembered common language (one GET) against working it out from every known person's entry each
 * time (HVALS of the workspace's tally, then the same rule), for workspaces of 1,000 and 20,000
 * people, on a private Redis. CPU is this process's (the client side: reading and parsing the reply),
 * plus Redis's own time per call from INFO commandstats. Run: `npm run bench:common-language`.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createTranslations, loadCatalogues } from '#messages/i18n.ts';
import { systemClock } from '#src/clock.ts';
import { channelLanguage, channelTranslator } from '#src/recognition/channel-language.ts';
import { createUserProfileStore } from '#src/store/user-profile-store.ts';
import { cleanup, fmt, hookSignals, privateRedis } from './support/harness.ts';
import { ownCpuMs } from './support/measure.ts';

const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'es-ES'];

async function perCall(redis: Redis, command: string, run: () => Promise<unknown>, times: number) {
  for (let i = 0; i < times / 10; i++) await run();
  await redis.config('RESETSTAT');
  const start = ownCpuMs();
  for (let i = 0; i < times; i++) await run();
  const clientMs = (ownCpuMs() - start) / times;
  const stats = await redis.info('commandstats');
  const usec = Number(new RegExp(`cmdstat_${command}:calls=\\d+,usec=(\\d+)`).exec(stats)?.[1] ?? 0);
  return { clientMs, redisMs: usec / 1000 / times };
}

hookSignals();
try {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  const logger = pino({ level: 'silent' });
  const profiles = createUserProfileStore({ redis, clock: systemClock, logger });
  const deps = { userProfiles: profiles, translations: createTranslations(loadCatalogues()) };
  console.log('| people in the workspace | remembered (GET) | worked out each time (HVALS) | ratio |');
  console.log('|---|---|---|---|');
  for (const people of [1_000, 20_000]) {
    const teamId = `T${people}`;
    for (let i = 0; i < people; i += 1000) {
      await Promise.all(
        Array.from({ length: Math.min(1000, people - i) }, (_, j) =>
          profiles.rememberSlackProfile(teamId, `U${i + j}`, { tz: 'UTC', locale: LOCALES[(i + j) % 5] }),
        ),
      );
    }
    const times = people > 5000 ? 200 : 2000;
    const remembered = await perCall(redis, 'get', () => channelTranslator(deps, teamId, undefined), times);
    const each = await perCall(
      redis,
      'hvals',
      async () => deps.translations.for(channelLanguage(undefined, await profiles.workspaceLocales(teamId))),
      times,
    );
    const total = (r: { clientMs: number; redisMs: number }) => r.clientMs + r.redisMs;
    console.log(
      `| ${people.toLocaleString('en-US')} | ${fmt(remembered.clientMs, 3)} ms + Redis ${fmt(remembered.redisMs * 1000, 1)} µs | ${fmt(each.clientMs, 3)} ms + Redis ${fmt(each.redisMs * 1000, 0)} µs | ${fmt(total(each) / total(remembered), 0)}× |`,
    );
  }
  redis.disconnect();
  await server.stop();
} finally {
  await cleanup();
}
