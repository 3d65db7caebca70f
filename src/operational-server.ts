import { createServer, type Server } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/**
 * A plain HTTP server for `/healthz` and `/metrics` in processes that serve no Slack traffic
 * (ROLE=worker), so orchestrators can probe and scrape workers like web processes.
 */
export async function startOperationalServer(routes: CustomRoute[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find(
      (candidate) =>
        candidate.path === path &&
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
