import type { Redis } from 'ioredis';
import { keys } from '#src/store/keys.ts';
import { WEEK_STATE_TTL_SECONDS } from './nudge-store.ts';

/**
 * The guard against a second DM for the same person, week and kind (weekly, follow-up, each
 * redelivery), whatever retries, crashes or extra worker processes happen.
 *
 * Before posting, a job claims the marker with `SET NX` (value `pending:<job id>`, TTL 9 days);
 * after Slack accepted the post it is confirmed (`sent`). If the post fails in a way that proves
 * nothing was delivered (an error answer, a 429, a 5xx), the claim is released so a retry can send.
 *
 * The trade-off, chosen deliberately: a process that dies between the claim and the moment its
 * request leaves the machine loses that one DM (at most once), because Slack offers no idempotency
 * key and a crash after the post looks the same from here. A retry of that job then finds its own
 * unconfirmed claim (`pending-own`) and does not resend; that case is counted in the metrics
 * (`skipped_uncertain`). Sending twice is the worse failure for a weekly nudge.
 */
export type ClaimResult = 'claimed' | 'sent' | 'pending-own' | 'pending-other';

// Deletes the claim only if it is still ours and unconfirmed.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface SentMarkers {
  claim(teamId: string, userId: string, weekKey: string, kind: string, owner: string): Promise<ClaimResult>;
  confirm(teamId: string, userId: string, weekKey: string, kind: string): Promise<void>;
  release(teamId: string, userId: string, weekKey: string, kind: string, owner: string): Promise<void>;
  /** True once claimed (sent, or a claim still pending): nothing more goes out for that week and kind. */
  isSent(teamId: string, userId: string, weekKey: string, kind: string): Promise<boolean>;
  /** `pending` is a claim that was never confirmed (in flight, or its process died). */
  state(teamId: string, userId: string, weekKey: string, kind: string): Promise<'none' | 'pending' | 'sent'>;
}

export function createSentMarkers(redis: Redis): SentMarkers {
  return {
    async claim(teamId, userId, weekKey, kind, owner) {
      const key = keys.nudgeSent(teamId, userId, weekKey, kind);
      const value = `pending:${owner}`;
      const claimed = await redis.set(key, value, 'EX', WEEK_STATE_TTL_SECONDS, 'NX');
      if (claimed === 'OK') return 'claimed';
      const current = await redis.get(key);
      if (current === null) {
        // Released or expired between the two calls: try once more.
        const again = await redis.set(key, value, 'EX', WEEK_STATE_TTL_SECONDS, 'NX');
        return again === 'OK' ? 'claimed' : 'pending-other';
      }
      if (current === 'sent') return 'sent';
      return current === value ? 'pending-own' : 'pending-other';
    },
    async confirm(teamId, userId, weekKey, kind) {
      await redis.set(keys.nudgeSent(teamId, userId, weekKey, kind), 'sent', 'EX', WEEK_STATE_TTL_SECONDS);
    },
    async release(teamId, userId, weekKey, kind, owner) {
      await redis.eval(RELEASE, 1, keys.nudgeSent(teamId, userId, weekKey, kind), `pending:${owner}`);
    },
    async isSent(teamId, userId, weekKey, kind) {
      return (await redis.exists(keys.nudgeSent(teamId, userId, weekKey, kind))) === 1;
    },
    async state(teamId, userId, weekKey, kind) {
      const value = await redis.get(keys.nudgeSent(teamId, userId, weekKey, kind));
      return value === null ? 'none' : value === 'sent' ? 'sent' : 'pending';
    },
  };
}
