import type { Authorize, InstallationStore } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { slackLoggerFor } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { instrumentedFetch } from './slack/instrumented-fetch.ts';
import { createKeepAliveFetch } from './slack/keep-alive-fetch.ts';

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
}

function backgroundClient(
  token: string,
  config: Config,
  logger: Logger,
  metrics: Metrics,
  teamId?: string,
): WebClient {
  return new WebClient(token, {
    // An org-wide token acts in many workspaces: every call names this one (`team_id`).
    teamId,
    fetch: instrumentedFetch(metrics, 'background', createKeepAliveFetch()),
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
  const client = backgroundClient(botToken, config, logger, metrics);
  return { forTeam: async () => client };
}

/**
 * Multi-workspace mode: each workspace's client carries the token from its installation. Clients
 * are cached by token, so a reinstall (new token) gets a fresh client and a revoked one is dropped.
 */
export function createInstallationClients(
  store: Pick<InstallationStore, 'fetchInstallation'>,
  config: Config,
  logger: Logger,
  metrics: Metrics,
): TeamClients {
  const byToken = new Map<string, WebClient>();
  return {
    async forTeam(teamId) {
      const installation = await store.fetchInstallation({
        teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      const token = installation.bot?.token;
      if (!token) throw new Error('the installation has no bot token');
      // An org-wide token serves every workspace of the org, each with a client naming it.
      const orgWorkspace = installation.isEnterpriseInstall ? teamId : undefined;
      const cacheKey = orgWorkspace ? `${token} ${orgWorkspace}` : token;
      let client = byToken.get(cacheKey);
      if (!client) {
        client = backgroundClient(token, config, logger, metrics, orgWorkspace);
        byToken.set(cacheKey, client);
      }
      return client;
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
