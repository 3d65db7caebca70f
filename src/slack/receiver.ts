import type { IncomingMessage, RequestListener, Server } from 'node:http';
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
import {
  type AddressLimit,
  clientAddress,
  createAddressLimit,
  refuseTooMany,
} from '#src/limits/address-limit.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { BOT_SCOPES } from './bot-scopes.ts';
import { isMalformedSlackRequest } from './malformed-payload.ts';
import { signedStateStore } from './oauth-state-store.ts';
import { createReplayGuard, type ReplayGuard } from './replay-guard.ts';
import type { SocketModeConnection } from './socket-mode-connection.ts';

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

const INSTALL_PATHS = ['/slack/install', '/slack/oauth_redirect'];
/** Requests a minute from one address to the install routes; installing takes two. */
export const INSTALL_ROUTE_LIMIT = { max: 30, windowSeconds: 60 };

/** Lets `listener` answer the install routes only while the address is within its limit. */
function limitInstallRoutes(listener: RequestListener, limit: AddressLimit): RequestListener {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!INSTALL_PATHS.includes(path)) return listener(request, response);
    void limit
      .take(clientAddress(request))
      .then((wait) => (wait > 0 ? refuseTooMany(response, wait) : listener(request, response)))
      .catch(() => {
        // Bolt throws for a method it does not serve there (POST /slack/install): not found.
        if (!response.headersSent) response.writeHead(404);
        response.end();
      });
  };
}

/**
 * The Bolt receiver for the configured mode: Socket Mode when an app token is set, else HTTP
 * (`POST /slack/events`). With OAuth configured, both also serve `/slack/install` and
 * `/slack/oauth_redirect` (limited per address), with a signed state that costs no Redis write
 * until the callback claims it once.
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
    stateStore: config.slack.oauth
      ? signedStateStore({ secret: config.slack.oauth.stateSecret, redis: deps.redis })
      : undefined,
    clientOptions: { slackApiUrl: config.slack.apiUrl },
    installPath: '/slack/install',
    redirectUriPath: '/slack/oauth_redirect',
  };
  const installLimit = createAddressLimit(INSTALL_ROUTE_LIMIT);
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
    // Bolt serves the install routes and custom routes from its own server, made (not listening
    // yet) in the constructor; wrap its one request listener.
    const server = (receiver as unknown as { httpServer?: Server }).httpServer;
    const [listener] = (server?.listeners('request') ?? []) as RequestListener[];
    if (server && listener && config.slack.oauth) {
      server.removeAllListeners('request');
      server.on('request', limitInstallRoutes(listener, installLimit));
    }
    return receiver;
  }
  const receiver = new ReplayGuardedReceiver(
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
  if (config.slack.oauth)
    receiver.requestListener = limitInstallRoutes(receiver.requestListener, installLimit);
  return receiver;
}
