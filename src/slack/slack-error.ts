import { ErrorCode } from '@slack/web-api';

/**
 * What a failed Web API call means, decided from the `@slack/web-api` error's `code` (and Slack's
 * own error code in `data.error`), never from a message. Every class carries `code`: Slack's error
 * code, `ratelimited`, `http_<status>`, `network` or `unknown`; a bounded vocabulary, so it is safe
 * as a log field or a metric label and never echoes text or a token.
 * - `rate-limited`: HTTP 429 (wait `retryAfterMs`, Slack's Retry-After) or Slack's `ratelimited`;
 * - `workspace-gone`: the token is revoked or invalid: every call for the workspace will fail;
 * - `token-suspect`: `account_inactive`, which for a bot token means the workspace, but is also met
 *   for one person: the caller checks `auth.test` to tell the two apart;
 * - `person-gone`: the person cannot get DMs any more (deactivated, deleted, a bot);
 * - `channel-gone`: the channel cannot take a post now or ever (`channel_not_found`, `is_archived`);
 * - `not-in-channel`: the bot is not a member; an invite fixes it;
 * - `transient`: outcome unknown (5xx, Slack's internal errors, timeouts, dropped connections): the
 *   call may have happened; a retry may succeed;
 * - `permanent`: any other refusal (bad blocks, missing scope): Slack did nothing; retrying cannot help.
 */
export type SlackFailure =
  | { kind: 'rate-limited'; code: 'ratelimited'; retryAfterMs: number }
  | { kind: 'workspace-gone'; code: string }
  | { kind: 'token-suspect'; code: 'account_inactive' }
  | { kind: 'person-gone'; code: string }
  | { kind: 'channel-gone'; code: string }
  | { kind: 'not-in-channel'; code: 'not_in_channel' }
  | { kind: 'transient'; code: string }
  | { kind: 'permanent'; code: string };

const WORKSPACE_GONE = new Set([
  'invalid_auth',
  'token_revoked',
  'not_authed',
  'team_access_not_granted',
  'token_expired',
  'app_uninstalled',
  'team_disabled',
]);
const PERSON_GONE = new Set(['user_not_found', 'user_is_bot', 'cannot_dm_bot', 'user_disabled']);
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived']);
// Slack's documented "try again" answers: it may or may not have acted.
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
// Slack's codes are lower snake case; anything else becomes `other` so labels stay bounded.
const SLACK_CODE = /^[a-z0-9_]{1,64}$/;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function platformFailure(raw: unknown): SlackFailure {
  const code = typeof raw === 'string' && SLACK_CODE.test(raw) ? raw : 'other';
  if (code === 'ratelimited' || code === 'rate_limited') {
    return { kind: 'rate-limited', code: 'ratelimited', retryAfterMs: 1000 };
  }
  if (code === 'account_inactive') return { kind: 'token-suspect', code };
  if (code === 'not_in_channel') return { kind: 'not-in-channel', code };
  if (WORKSPACE_GONE.has(code)) return { kind: 'workspace-gone', code };
  if (PERSON_GONE.has(code)) return { kind: 'person-gone', code };
  if (CHANNEL_GONE.has(code)) return { kind: 'channel-gone', code };
  if (TRANSIENT.has(code)) return { kind: 'transient', code };
  return { kind: 'permanent', code };
}

export function classifySlackError(error: unknown): SlackFailure {
  switch (field(error, 'code')) {
    case ErrorCode.RateLimitedError: {
      const seconds = Number(field(error, 'retryAfter'));
      const retryAfterMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000;
      return { kind: 'rate-limited', code: 'ratelimited', retryAfterMs };
    }
    case ErrorCode.PlatformError:
      return platformFailure(field(field(error, 'data'), 'error'));
    case ErrorCode.HTTPError:
      // The client turns only non-200 answers other than 429 into this; Slack sends 5xx when it failed.
      return { kind: 'transient', code: `http_${String(field(error, 'statusCode'))}` };
    case ErrorCode.RequestError:
      // No answer at all: a timeout or a dropped connection.
      return { kind: 'transient', code: 'network' };
    default:
      return { kind: 'transient', code: 'unknown' };
  }
}

/** Just the code of a failure (`not_in_channel`, `ratelimited`, `http_503`, `network`, `unknown`…). */
export function slackErrorCode(error: unknown): string {
  return classifySlackError(error).code;
}
