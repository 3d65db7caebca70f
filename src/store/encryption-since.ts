import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import type { FieldCipher } from './field-encryption.ts';
import { keys } from './keys.ts';

/**
 * When encryption at rest was turned on. With a key configured, a plain value is read only if it
 * was written before that moment (it predates the key and is sealed when next saved); a plain
 * value written later was not written by Throughline, so it is refused like a value that fails
 * authentication.
 */
export interface EncryptionSince {
  /** Records the moment on start with a key (kept if already set); clears it on start without one. */
  record(): Promise<void>;
  /** Epoch ms before which plain values are accepted; undefined when no key is configured (all are). */
  plainBefore(): Promise<number | undefined>;
}

export function createEncryptionSince(deps: {
  redis: RedisClient;
  cipher: FieldCipher;
  clock: Clock;
}): EncryptionSince {
  const { redis, cipher, clock } = deps;
  const key = keys.encryptionSince();
  let known: number | undefined;

  async function recorded(): Promise<number> {
    await redis.set(key, String(clock.now().getTime()), 'NX');
    const value = Number(await redis.get(key));
    // A value that is not a time (hand-edited) accepts no plain value at all.
    return Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
  }

  return {
    async record() {
      if (!cipher.encrypting) {
        // Off again: plain values written from now on are genuine, so forget the old moment.
        await redis.del(key);
        return;
      }
      known = await recorded();
    },
    async plainBefore() {
      if (!cipher.encrypting) return undefined;
      known ??= await recorded();
      return known;
    },
  };
}

/** True when a stored value must not be read: plain, written at `writtenAt` (epoch ms), after the key. */
export function plainAfterKey(
  cipher: FieldCipher,
  sealed: string,
  writtenAt: number,
  plainBefore: number | undefined,
): boolean {
  if (plainBefore === undefined || cipher.sealedWith(sealed) !== 'plain') return false;
  return !(writtenAt < plainBefore);
}
