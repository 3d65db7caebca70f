import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';

const SEEN_TTL_SECONDS = 2 * 60 * 60; // Slack retries for at most ~6 min; Delayed Events up to hours.
/** How long a delivery being handled holds off redeliveries; a crashed handler's hold lapses. */
const HANDLING_TTL_SECONDS = 2 * 60;

/**
 * Slack redelivers an event it thinks we missed, with the same envelope `event_id`. The id is
 * claimed while the event is handled and marked done only once every handler succeeded; a
 * redelivery of a handled (or in-flight) event stops here, while one whose handler failed (an
 * `app_uninstalled` clean-up that could not finish) runs again. If Redis is down we let the event
 * through: handlers are idempotent, and dropping a first delivery would lose it.
 */
export function dedupeEvents(redis: RedisClient, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const envelope = body as { type?: string; event_id?: string; team_id?: string };
    if (envelope.type !== 'event_callback' || !envelope.event_id || !envelope.team_id) {
      await next();
      return;
    }
    const key = keys.eventSeen(envelope.team_id, envelope.event_id);
    let first = true;
    let claimed = false;
    try {
      claimed = (await redis.set(key, 'handling', 'EX', HANDLING_TTL_SECONDS, 'NX')) === 'OK';
      first = claimed;
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'event dedupe unavailable',
      );
    }
    if (!first) return;
    try {
      await next();
    } catch (error) {
      // Not done: Slack's next redelivery of this event runs it again.
      if (claimed) await redis.del(key).catch(() => undefined);
      throw error;
    }
    if (claimed) {
      await redis.set(key, 'done', 'EX', SEEN_TTL_SECONDS).catch((error: unknown) => {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'could not mark an event done',
        );
      });
    }
  };
}
