import {
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  type InstallationStore,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';
import type { Config } from '#src/config.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { BOT_SCOPES } from './bot-scopes.ts';
import { isMalformedSlackRequest } from './malformed-payload.ts';
import { redisStateStore } from './oauth-state-store.ts';
import type { SocketModeConnection } from './socket-mode-connection.ts';

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
  redis: RedisClient;
  /** Socket Mode only: retries and reports reaching Slack (see socket-mode-connection.ts). */
  socketMode?: SocketModeConnection;
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
    const { socketMode } = deps;
    const receiver = new SocketModeReceiver({
      appToken: config.slack.appToken,
      logger: socketMode ? socketMode.receiverLogger(deps.logger) : deps.logger,
      customRoutes: deps.customRoutes,
      ...oauth,
      installerOptions: {
        ...installerOptions,
        // The same options reach the OAuth installer's client too (Bolt passes them to both).
        clientOptions: { ...installerOptions.clientOptions, ...socketMode?.clientOptions },
        port: config.port,
      },
    });
    socketMode?.watch(receiver.client);
    return receiver;
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
    // Bolt answers 500 when it throws on a signed body Slack would never send (a `user` that is a
    // string, `actions` that are not a list…); that is the request's fault, so answer 400.
    processEventErrorHandler: async (args) => {
      if (!args.response.headersSent && isMalformedSlackRequest(args.request)) {
        args.logger.warn('refused a malformed Slack payload with 400');
        args.response.writeHead(400);
        args.response.end();
        return true;
      }
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    },
  });
}
