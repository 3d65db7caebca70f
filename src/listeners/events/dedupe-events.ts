import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

const SEEN_TTL_SECONDS = 2 * 60 * 60; // Slack retries for at most ~6 min; Delayed Events up to hours.

/**
 * Slack redelivers an event it thinks we missed, with the same envelope `event_id`. Claim the id
 * once; a redelivery stops here. If Redis is down we let the event through: handlers are
 * idempotent, and dropping a first delivery would lose it.
 */
export function dedupeEvents(redis: RedisClient, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const envelope = body as { type?: string; event_id?: string; team_id?: string };
    if (envelope.type !== 'event_callback' || !envelope.event_id || !envelope.team_id) {
      await next();
      return;
    }
    let first = true;
    try {
      const claimed = await redis.set(
        keys.eventSeen(envelope.team_id, envelope.event_id),
        '1',
        'EX',
        SEEN_TTL_SECONDS,
        'NX',
      );
      first = claimed === 'OK';
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'event dedupe unavailable',
      );
    }
    if (first) await next();
  };
}
