import { randomBytes } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import { InvalidStateError } from '@slack/oauth';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

const STATE_TTL_SECONDS = 10 * 60;

/**
 * OAuth `state` kept server-side in Redis and usable once: the callback takes it with GETDEL, so a
 * replayed or forged state is refused (Bolt also checks it against the installer's browser cookie).
 * Works across any number of web processes.
 */
export function redisStateStore(redis: RedisClient): StateStore {
  return {
    async generateStateParam(installOptions: InstallURLOptions) {
      const state = randomBytes(24).toString('base64url');
      await redis.set(keys.oauthState(state), JSON.stringify(installOptions), 'EX', STATE_TTL_SECONDS);
      return state;
    },
    async verifyStateParam(_now: Date, state: string) {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(state)) throw new InvalidStateError('The OAuth state is malformed.');
      const stored = await redis.getdel(keys.oauthState(state));
      if (stored === null)
        throw new InvalidStateError('The OAuth state is unknown, expired or already used.');
      return JSON.parse(stored) as InstallURLOptions;
    },
  };
}
