import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { CustomRoute } from '@slack/bolt';
import type { Queue } from 'bullmq';
import express from 'express';

export const DASHBOARD_PATH = '/admin/queues';

/** Compares a presented Basic-auth password with the configured one in constant time. */
export function passwordMatches(header: string | undefined, password: string): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const presented = Buffer.from(decoded.slice(decoded.indexOf(':') + 1));
  const expected = Buffer.from(password);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/**
 * Bull Board at /admin/queues, read-only, behind HTTP Basic auth (any user name, the configured
 * password). Served only when a password is configured; otherwise the path does not exist (404).
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
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!passwordMatches(req.headers.authorization, password)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Throughline queues", charset="UTF-8"' });
      res.end('Authentication required');
      return;
    }
    dashboard ??= build();
    dashboard(req, res);
  };
  return [
    { path: DASHBOARD_PATH, method: ['GET', 'POST', 'PUT', 'DELETE'], handler },
    { path: `${DASHBOARD_PATH}{/*rest}`, method: ['GET', 'POST', 'PUT', 'DELETE'], handler },
  ];
}
