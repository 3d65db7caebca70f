import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { RedisClient } from '#src/redis-connections.ts';
import type { Metrics } from './metrics.ts';
import { redisAnswers } from './redis-connections.ts';
import type { SlackStatus } from './slack/socket-mode-connection.ts';

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * `/healthz` and `/metrics`, served beside `/slack/events` in HTTP mode and on PORT in Socket Mode.
 * `/healthz` is 503 while Redis does not answer or Slack cannot be reached (Socket Mode).
 */
export function operationalRoutes(deps: {
  redis: RedisClient;
  metrics: Metrics;
  startedAt: Date;
  slack: SlackStatus;
}): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        void redisAnswers(deps.redis).then((redisUp) => {
          const slack = deps.slack.state();
          const ok = redisUp && slack !== 'down';
          sendJson(res, ok ? 200 : 503, {
            status: ok ? 'ok' : 'unavailable',
            redis: redisUp ? 'up' : 'down',
            slack,
            uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
          });
        });
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
