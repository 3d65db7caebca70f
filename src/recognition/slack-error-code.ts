import { ErrorCode } from '@slack/web-api';

/**
 * The Slack error code of a failed Web API call (`not_in_channel`, `is_archived`, …), decided by
 * code, never by message. 429s are `ratelimited`; network and HTTP failures `transient`.
 */
export function slackErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  if (code === ErrorCode.RateLimitedError) return 'ratelimited';
  if (code === ErrorCode.PlatformError && typeof data?.error === 'string') return data.error;
  if (code === ErrorCode.HTTPError || code === ErrorCode.RequestError) return 'transient';
  return 'unknown';
}

/** Errors that mean the channel cannot take a post now or ever. */
export const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived']);

/** Errors that mean the workspace's token no longer works: retrying cannot help. */
export const TOKEN_GONE = new Set([
  'invalid_auth',
  'token_revoked',
  'not_authed',
  'account_inactive',
  'team_access_not_granted',
  'token_expired',
  'app_uninstalled',
  'team_disabled',
  'missing_scope',
]);
