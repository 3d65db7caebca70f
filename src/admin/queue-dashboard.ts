import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { CustomRoute } from '@slack/bolt';
import type { Queue } from 'bullmq';
import express from 'express';
import { clientAddress, createAddressLimit, refuseTooMany } from '#src/limits/address-limit.ts';

export const DASHBOARD_PATH = '/admin/queues';
/** Wrong passwords one address may try in a minute; then 429 until the minute is over. */
export const DASHBOARD_GUESS_LIMIT = { max: 10, windowSeconds: 60 };

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares a presented Basic-auth password with the configured one in constant time: both are
 * hashed first, so the comparison takes the same time whatever the length of the guess.
 */
export function passwordMatches(header: string | undefined, password: string): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const presented = digest(decoded.slice(decoded.indexOf(':') + 1));
  return timingSafeEqual(presented, digest(password)) && match !== null;
}

/**
 * Bull Board at /admin/queues, read-only, behind HTTP Basic auth (any user name, the configured
 * password). Served only when a password is configured; otherwise the path does not exist (404).
 * After DASHBOARD_GUESS_LIMIT wrong passwords from one address, every request from it gets 429
 * with Retry-After until the minute is over (counted in memory: no Redis write per guess).
 * Job data holds ids and schedule times, never reflection text.
 */
export function queueDashboardRoutes(listQueues: () => Queue[], password: string): CustomRoute[] {
  // Built on first use, so queues made after the routes (by later features) are all shown.
  let dashboard: express.Express | undefined;
  const build = () => {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      // One adapter per queue name: a queue may have several producer objects in this process.
      queues: [...new Map(listQueues().map((queue) => [queue.name, queue])).values()].map(
        (queue) => new BullMQAdapter(queue, { readOnlyMode: true }),
      ),
      serverAdapter,
    });
    const built = express();
    built.disable('x-powered-by');
    built.use(DASHBOARD_PATH, serverAdapter.getRouter());
    return built;
  };
  const guesses = createAddressLimit(DASHBOARD_GUESS_LIMIT);
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const address = clientAddress(req);
    // Every attempt counts before it is checked (so concurrent guesses cannot slip past the
    // limit); the right password gives its attempt back. A request without credentials is the
    // browser asking for them, not a guess.
    const hasCredentials = req.headers.authorization !== undefined;
    const wait = hasCredentials ? await guesses.take(address) : await guesses.waitFor(address);
    if (wait > 0) {
      refuseTooMany(res, wait);
      return;
    }
    if (!passwordMatches(req.headers.authorization, password)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Throughline queues", charset="UTF-8"' });
      res.end('Authentication required');
      return;
    }
    await guesses.refund(address);
    dashboard ??= build();
    dashboard(req, res);
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  return [
    { path: DASHBOARD_PATH, method: ['GET', 'POST', 'PUT', 'DELETE'], handler },
    { path: `${DASHBOARD_PATH}{/*rest}`, method: ['GET', 'POST', 'PUT', 'DELETE'], handler },
  ];
}
