import { ErrorCode } from '@slack/web-api';

/**
 * What a failed background Slack call means for a nudge, decided by error code, never by message:
 * - `rate-limited`: HTTP 429; wait `retryAfterMs` (the whole workspace waits, see workspace-gate.ts);
 * - `person-gone`: the person cannot get DMs any more (deactivated, deleted, a bot): unenrol, no retry;
 * - `token-suspect`: `account_inactive` means "the token's owner is gone" on Slack's side, which
 *   for a bot token is the whole workspace, but some callers also meet it for one person; the
 *   caller checks `auth.test` to tell the two apart;
 * - `workspace-gone`: the bot token is revoked or invalid: stop all sends for the workspace;
 * - `transient`: 5xx, network, timeouts: retry with backoff;
 * - `permanent`: anything else Slack refused (bad blocks, a closed DM): do not retry this one.
 */
export type SlackFailure =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'person-gone'; code: string }
  | { kind: 'token-suspect'; code: string }
  | { kind: 'workspace-gone'; code: string }
  | { kind: 'transient'; code: string }
  | { kind: 'permanent'; code: string };

const PERSON_GONE = new Set(['user_not_found', 'user_is_bot', 'cannot_dm_bot', 'user_disabled']);
const WORKSPACE_GONE = new Set([
  'invalid_auth',
  'token_revoked',
  'not_authed',
  'team_access_not_granted',
  'token_expired',
  'app_uninstalled',
  'team_disabled',
]);
const TRANSIENT_CODES = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

export function classifySlackError(error: unknown): SlackFailure {
  const code = field(error, 'code');
  if (code === ErrorCode.RateLimitedError) {
    const seconds = Number(field(error, 'retryAfter'));
    return {
      kind: 'rate-limited',
      retryAfterMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000,
    };
  }
  if (code === ErrorCode.PlatformError) {
    const data = field(error, 'data');
    // Codes become metric labels: keep them to Slack's own vocabulary shape.
    const raw = String(field(data, 'error') ?? 'unknown');
    const slackCode = /^[a-z_]{1,40}$/.test(raw) ? raw : 'other';
    if (slackCode === 'ratelimited' || slackCode === 'rate_limited') {
      return { kind: 'rate-limited', retryAfterMs: 1000 };
    }
    if (PERSON_GONE.has(slackCode)) return { kind: 'person-gone', code: slackCode };
    if (slackCode === 'account_inactive') return { kind: 'token-suspect', code: slackCode };
    if (WORKSPACE_GONE.has(slackCode)) return { kind: 'workspace-gone', code: slackCode };
    if (TRANSIENT_CODES.has(slackCode)) return { kind: 'transient', code: slackCode };
    return { kind: 'permanent', code: slackCode };
  }
  if (code === ErrorCode.HTTPError)
    return { kind: 'transient', code: `http_${String(field(error, 'statusCode'))}` };
  if (code === ErrorCode.RequestError) return { kind: 'transient', code: 'network' };
  return { kind: 'transient', code: 'unknown' };
}
