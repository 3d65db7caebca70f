import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

/** Slack's window: a signed request older than this is refused (Bolt checks it; we check ahead). */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type SignatureUse = 'first' | 'replayed' | 'out-of-window';

export interface ReplayGuard {
  /**
   * Claims a verified request's signature. `replayed` when the same signature was claimed while
   * it could still be accepted; `out-of-window` when its timestamp is more than five minutes
   * ahead (Bolt refuses only old ones, and a future one would be replayable for longer).
   */
  claim(signature: string, timestampSeconds: number): Promise<SignatureUse>;
}

/**
 * Remembers each verified request signature for as long as Bolt would accept it (until its
 * timestamp is five minutes old), so a byte-identical copy is refused. Slack's own retries are
 * signed anew, so they pass here and are de-duplicated on `event_id` (dedupe-events.ts).
 *
 * `nowMs` is the real clock on purpose: Bolt checks the timestamp against it, not the app's clock.
 * Redis unreachable: the request passes (logged by the caller), as event de-duplication does;
 * without Redis the handlers cannot act anyway.
 */
export function createReplayGuard(redis: RedisClient, nowMs: () => number = Date.now): ReplayGuard {
  return {
    async claim(signature, timestampSeconds) {
      const ageSeconds = Math.floor(nowMs() / 1000) - timestampSeconds;
      if (ageSeconds < -SIGNATURE_WINDOW_SECONDS) return 'out-of-window';
      // Acceptable until the timestamp is SIGNATURE_WINDOW_SECONDS old; one second of margin.
      const ttl = Math.max(1, SIGNATURE_WINDOW_SECONDS - ageSeconds + 1);
      const digest = /^v0=([0-9a-f]{64})$/.exec(signature)?.[1];
      if (!digest) return 'replayed';
      const claimed = await redis.set(keys.signatureSeen(digest), '1', 'EX', ttl, 'NX');
      return claimed === 'OK' ? 'first' : 'replayed';
    },
  };
}
