import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import { InvalidStateError } from '@slack/oauth';
import { z } from 'zod';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

const STATE_TTL_SECONDS = 10 * 60;
/** An HMAC-SHA256 in base64url: the first 43 characters of a state. */
const MAC_LENGTH = 43;

const payloadSchema = z.object({
  /** Nonce: names the single-use marker. */
  n: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** Expiry, Unix seconds. */
  e: z.number().int(),
  /** The install URL options Bolt gets back at the callback. */
  o: z.looseObject({}),
});

/**
 * OAuth `state` that costs nothing to issue: the install options, a nonce and an expiry, signed
 * with SLACK_STATE_SECRET (HMAC-SHA256), so `/slack/install` writes nothing to Redis however often
 * anonymous visitors load it. The callback checks the signature (in constant time) and the expiry,
 * then claims the nonce once in Redis (SET NX, kept until the state expires), so a replayed state
 * is refused. Bolt also checks the state against the installer's browser cookie. Works across any
 * number of web processes that share the secret.
 */
export function signedStateStore(deps: { secret: string; redis: RedisClient }): StateStore {
  const mac = (payload: string) =>
    createHmac('sha256', deps.secret).update(`oauth-state|${payload}`).digest('base64url');
  return {
    async generateStateParam(installOptions: InstallURLOptions, now: Date) {
      const payload = Buffer.from(
        JSON.stringify({
          n: randomBytes(16).toString('base64url'),
          e: Math.floor(now.getTime() / 1000) + STATE_TTL_SECONDS,
          o: installOptions,
        }),
      ).toString('base64url');
      return `${mac(payload)}${payload}`;
    },
    async verifyStateParam(now: Date, state: string) {
      if (!/^[A-Za-z0-9_-]{60,4000}$/.test(state))
        throw new InvalidStateError('The OAuth state is malformed.');
      const payload = state.slice(MAC_LENGTH);
      const given = Buffer.from(state.slice(0, MAC_LENGTH));
      const expected = Buffer.from(mac(payload));
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new InvalidStateError('The OAuth state was not issued by this app.');
      let parsed: z.infer<typeof payloadSchema>;
      try {
        parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        throw new InvalidStateError('The OAuth state is malformed.');
      }
      const remaining = parsed.e - Math.floor(now.getTime() / 1000);
      if (remaining <= 0) throw new InvalidStateError('The OAuth state has expired.');
      const first = await deps.redis.set(keys.oauthState(parsed.n), '1', 'EX', remaining + 1, 'NX');
      if (first !== 'OK') throw new InvalidStateError('The OAuth state was already used.');
      return parsed.o as unknown as InstallURLOptions;
    },
  };
}
