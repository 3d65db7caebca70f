import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { RedisClient } from '#src/redis-connections.ts';
import type { Metrics } from './metrics.ts';
import { redisAnswers } from './redis-connections.ts';

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** `/healthz` and `/metrics`, served beside `/slack/events` in HTTP mode and on PORT in Socket Mode. */
export function operationalRoutes(deps: {
  redis: RedisClient;
  metrics: Metrics;
  startedAt: Date;
}): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        void redisAnswers(deps.redis).then((up) =>
          sendJson(res, up ? 200 : 503, {
            status: up ? 'ok' : 'unavailable',
            redis: up ? 'up' : 'down',
            uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
          }),
        );
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        void deps.metrics.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
            res.end(text);
          },
          () => sendJson(res, 500, { status: 'error' }),
        );
      },
    },
  ];
}
