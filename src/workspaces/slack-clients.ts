import type { Authorize, InstallationStore } from '@slack/bolt';
import { type FetchFunction, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { slackLoggerFor } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { instrumentedFetch } from '../slack/instrumented-fetch.ts';
import { createKeepAliveFetch } from '../slack/keep-alive-fetch.ts';

/**
 * Options for the clients Bolt hands to listeners. They answer people inside Slack's 3 s, so
 * they never sit in a rate-limit pause or a 30-minute retry loop: fail quickly and say so.
 */
export function interactiveClientOptions(config: Config, logger: Logger, metrics: Metrics): WebClientOptions {
  return {
    fetch: instrumentedFetch(metrics, 'interactive', createKeepAliveFetch()),
    slackApiUrl: config.slack.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 1, minTimeout: 100, maxTimeout: 300 },
    timeout: 2500,
    logger: slackLoggerFor(logger, 'slack-web-api'),
  };
}

/**
 * Clients for background work (nudges, channel prompts). Separate instances from the
 * interactive ones so a 429 pause on bulk sends never delays a modal opening. No automatic
 * retries: the job queue owns retries and pacing.
 */
export interface TeamClients {
  forTeam(teamId: string): Promise<WebClient>;
  /** Drops what is cached for the workspace (its token was revoked, or the app uninstalled). */
  forget?(teamId: string): void;
}

/** The background clients' transport: one keep-alive pool per process, shared by every workspace's client. */
function backgroundFetch(metrics: Metrics): FetchFunction {
  return instrumentedFetch(metrics, 'background', createKeepAliveFetch());
}

function backgroundClient(
  token: string,
  config: Config,
  logger: Logger,
  transport: FetchFunction,
  teamId?: string,
): WebClient {
  return new WebClient(token, {
    // An org-wide token acts in many workspaces: every call names this one (`team_id`).
    teamId,
    fetch: transport,
    slackApiUrl: config.slack.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: slackLoggerFor(logger, 'slack-background'),
  });
}

export function createSingleWorkspaceClients(
  botToken: string,
  config: Config,
  logger: Logger,
  metrics: Metrics,
): TeamClients {
  const client = backgroundClient(botToken, config, logger, backgroundFetch(metrics));
  return { forTeam: async () => client };
}

/**
 * Clients kept at most; the least recently used one goes first. Above the workspaces one busy minute
 * reaches: a batch cycles through its workspaces in order, and a cache smaller than that cycle misses
 * on every job (the multi-workspace bench with 1,001 workspaces against 1,000 here rebuilt a client
 * per DM). A client is small: the connections are the process's one shared pool.
 */
export const MAX_CACHED_CLIENTS = 10_000;

export interface InstallationClients extends TeamClients {
  forget(teamId: string): void;
  /** How many clients are cached (bounded by `maxClients`). */
  readonly size: number;
}

/**
 * Multi-workspace mode: each workspace's client carries the token from its installation. The
 * cache holds one client per workspace and token, least recently used first out beyond
 * `maxClients`; a workspace whose installation is gone, whose token changed (reinstall) or that
 * uninstalled (`forget`) loses its entry, so a revoked token does not stay in memory.
 */
export function createInstallationClients(
  store: Pick<InstallationStore, 'fetchInstallation'>,
  config: Config,
  logger: Logger,
  metrics: Metrics,
  maxClients = MAX_CACHED_CLIENTS,
): InstallationClients {
  // Map order is insertion order: re-inserting on use keeps the least recently used first.
  const byTeam = new Map<string, { token: string; client: WebClient }>();
  // One connection pool for all of them: Slack is one host, and a client rebuilt (evicted, new
  // token) must not open new connections.
  const transport = backgroundFetch(metrics);
  return {
    async forTeam(teamId) {
      let token: string | undefined;
      let orgWide = false;
      try {
        const installation = await store.fetchInstallation({
          teamId,
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        });
        token = installation.bot?.token;
        orgWide = installation.isEnterpriseInstall === true;
      } finally {
        if (token === undefined) byTeam.delete(teamId);
      }
      if (!token) throw new Error('the installation has no bot token');
      const cached = byTeam.get(teamId);
      byTeam.delete(teamId);
      // An org-wide token serves every workspace of the org, each with its own client naming it
      // (`team_id`), so clients are kept per workspace, never shared.
      const client =
        (cached?.token === token ? cached.client : undefined) ??
        backgroundClient(token, config, logger, transport, orgWide ? teamId : undefined);
      byTeam.set(teamId, { token, client });
      for (const oldest of byTeam.keys()) {
        if (byTeam.size <= maxClients) break;
        byTeam.delete(oldest);
      }
      return client;
    },
    forget(teamId) {
      byTeam.delete(teamId);
    },
    get size() {
      return byTeam.size;
    },
  };
}

/**
 * Single-workspace authorisation: every request gets the configured bot token. The bot's own
 * ids come from one `auth.test`, made lazily (so start-up needs no Slack round trip) and retried
 * on the next request if it failed.
 */
export function singleWorkspaceAuthorize(
  botToken: string,
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Authorize<boolean> {
  const client = new WebClient(botToken, interactiveClientOptions(config, logger, metrics));
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test().then(
      (result) => ({ botId: result.bot_id, botUserId: result.user_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    const { botId, botUserId } = await identity;
    return { botToken, botId, botUserId };
  };
}
