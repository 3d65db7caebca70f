import type { IncomingMessage } from 'node:http';
import {
  type App,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
  type InstallationStore,
  type Receiver,
  type ReceiverEvent,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';
import type { Config } from '#src/config.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { BOT_SCOPES } from './bot-scopes.ts';
import { isMalformedSlackRequest } from './malformed-payload.ts';
import { redisStateStore } from './oauth-state-store.ts';
import { createReplayGuard, type ReplayGuard } from './replay-guard.ts';

/** The signature headers, carried from the verified request to the replay check (then dropped). */
const SIGNED = Symbol('signed request');
type SignedProperties = { [SIGNED]?: { signature: string; timestamp: number } };

class ReplayedRequestError extends Error {
  constructor(readonly use: string) {
    super(`signed request refused: ${use}`);
  }
}

/**
 * The HTTP receiver, refusing a verified request whose exact signature was already seen in Slack's
 * five-minute window (a byte-identical replay) with 401 before any listener runs.
 */
class ReplayGuardedReceiver extends HTTPReceiver {
  constructor(
    options: HTTPReceiverOptions,
    private readonly guard: ReplayGuard,
    private readonly log: SlackLogger,
  ) {
    super({
      ...options,
      // Runs on the request Bolt buffered after the signature check passed.
      customPropertiesExtractor: (request: IncomingMessage) => ({
        [SIGNED]: {
          signature: String(request.headers['x-slack-signature'] ?? ''),
          timestamp: Number(request.headers['x-slack-request-timestamp']),
        },
      }),
      processEventErrorHandler: async (args) => {
        if (args.error instanceof ReplayedRequestError) {
          args.logger.warn(`refused a signed request with 401 (${args.error.use})`);
          args.response.writeHead(401);
          args.response.end();
          return true;
        }
        return options.processEventErrorHandler ? options.processEventErrorHandler(args) : false;
      },
    });
  }

  override init(app: App): void {
    const guard = this.guard;
    const guarded = Object.create(app) as App;
    guarded.processEvent = async (event: ReceiverEvent) => {
      const { [SIGNED]: signed, ...customProperties } = (event.customProperties ?? {}) as SignedProperties;
      if (signed) {
        const use = await guard.claim(signed.signature, signed.timestamp).catch((error: unknown) => {
          this.log.warn(
            `replay check unavailable: ${error instanceof Error ? error.message : String(error)}`,
          );
          return 'first' as const;
        });
        if (use !== 'first') throw new ReplayedRequestError(use);
      }
      return app.processEvent({ ...event, customProperties });
    };
    super.init(guarded);
  }
}

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
  return new ReplayGuardedReceiver(
    {
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
    },
    createReplayGuard(deps.redis),
    deps.logger,
  );
}
