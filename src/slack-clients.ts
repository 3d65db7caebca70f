import type { Authorize } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { slackLoggerFor } from './logger.ts';

/**
 * Options for the clients Bolt hands to listeners. They answer people inside Slack's 3 s, so
 * they never sit in a rate-limit pause or a 30-minute retry loop: fail quickly and say so.
 */
export function interactiveClientOptions(config: Config, logger: Logger): WebClientOptions {
  return {
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

export function createSingleWorkspaceClients(config: Config, logger: Logger): TeamClients {
  const client = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: slackLoggerFor(logger, 'slack-background'),
  });
  return { forTeam: async () => client };
}

/**
 * Single-workspace authorisation: every request gets the configured bot token. The bot's own
 * ids come from one `auth.test`, made lazily (so start-up needs no Slack round trip) and retried
 * on the next request if it failed.
 */
export function singleWorkspaceAuthorize(config: Config, logger: Logger): Authorize<boolean> {
  const client = new WebClient(config.slack.botToken, {
    ...interactiveClientOptions(config, logger),
  });
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
    return { botToken: config.slack.botToken, botId, botUserId };
  };
}
