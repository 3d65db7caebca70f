import { createServer, type Server } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** A route path matches exactly, or as a prefix when it ends in `{/*rest}` (Bolt's syntax). */
function pathMatches(routePath: string, path: string): boolean {
  const prefix = routePath.endsWith('{/*rest}') ? routePath.slice(0, -'{/*rest}'.length) : undefined;
  return routePath === path || (prefix !== undefined && (path === prefix || path.startsWith(`${prefix}/`)));
}

/**
 * A plain HTTP server for custom routes outside Bolt's receiver: `/healthz` and `/metrics` in
 * processes that serve no Slack traffic (ROLE=worker), so orchestrators can probe and scrape
 * workers like web processes; and with ADMIN_PORT, `/metrics` and `/admin/queues` on that port.
 */
export async function startOperationalServer(routes: CustomRoute[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find(
      (candidate) =>
        pathMatches(candidate.path, path) &&
        [candidate.method].flat().some((method) => method.toUpperCase() === (req.method ?? 'GET')),
    );
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    route.handler(Object.assign(req, { params: {} }), res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
}
