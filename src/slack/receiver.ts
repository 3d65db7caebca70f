import {
  type CustomRoute,
  HTTPReceiver,
  type InstallationStore,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';
import type { Redis } from 'ioredis';
import type { Config } from '#src/config.ts';
import { BOT_SCOPES } from './bot-scopes.ts';
import { redisStateStore } from './oauth-state-store.ts';

/**
 * The Bolt receiver for the configured mode: Socket Mode when an app token is set, else HTTP
 * (`POST /slack/events`). With OAuth configured, both also serve `/slack/install` and
 * `/slack/oauth_redirect`, with a single-use state kept in Redis.
 */
export function createReceiver(deps: {
  config: Config;
  logger: SlackLogger;
  customRoutes: CustomRoute[];
  installationStore?: InstallationStore;
  redis: Redis;
}): Receiver {
  const { config } = deps;
  const oauth =
    config.slack.oauth && deps.installationStore
      ? {
          clientId: config.slack.oauth.clientId,
          clientSecret: config.slack.oauth.clientSecret,
          stateSecret: config.slack.oauth.stateSecret,
          installationStore: deps.installationStore,
          scopes: [...BOT_SCOPES],
        }
      : {};
  const installerOptions = {
    stateStore: config.slack.oauth ? redisStateStore(deps.redis) : undefined,
    clientOptions: { slackApiUrl: config.slack.apiUrl },
    installPath: '/slack/install',
    redirectUriPath: '/slack/oauth_redirect',
  };
  if (config.slack.socketMode && config.slack.appToken) {
    return new SocketModeReceiver({
      appToken: config.slack.appToken,
      logger: deps.logger,
      customRoutes: deps.customRoutes,
      ...oauth,
      installerOptions: { ...installerOptions, port: config.port },
    });
  }
  return new HTTPReceiver({
    signingSecret: config.slack.signingSecret ?? '',
    logger: deps.logger,
    customRoutes: deps.customRoutes,
    ...oauth,
    installerOptions,
    // Answer Slack as soon as a listener acks; work after the ack continues in the background.
    processBeforeResponse: false,
    unhandledRequestTimeoutMillis: 2900,
  });
}
