import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { classifySlackError, type SlackFailure, slackErrorCode } from '#src/slack/slack-error.ts';

// The shapes `@slack/web-api` throws: `code` names the error class; a platform error carries
// Slack's answer in `data`, a 429 its Retry-After in `retryAfter`, an HTTP error its `statusCode`.
const platform = (error: unknown) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });
const limited = (retryAfter: unknown) => ({ code: ErrorCode.RateLimitedError, retryAfter });
const http = (statusCode: number) => ({ code: ErrorCode.HTTPError, statusCode });

describe('classifySlackError', () => {
  it.each<[string, unknown, SlackFailure]>([
    ['a 429 with Retry-After', limited(2), { kind: 'rate-limited', code: 'ratelimited', retryAfterMs: 2000 }],
    [
      'a 429 without Retry-After',
      limited(undefined),
      { kind: 'rate-limited', code: 'ratelimited', retryAfterMs: 1000 },
    ],
    [
      'Slack answering ratelimited',
      platform('ratelimited'),
      { kind: 'rate-limited', code: 'ratelimited', retryAfterMs: 1000 },
    ],
    ['a revoked token', platform('token_revoked'), { kind: 'workspace-gone', code: 'token_revoked' }],
    ['an invalid token', platform('invalid_auth'), { kind: 'workspace-gone', code: 'invalid_auth' }],
    ['no token', platform('not_authed'), { kind: 'workspace-gone', code: 'not_authed' }],
    ['an uninstalled app', platform('app_uninstalled'), { kind: 'workspace-gone', code: 'app_uninstalled' }],
    [
      'an inactive account',
      platform('account_inactive'),
      { kind: 'token-suspect', code: 'account_inactive' },
    ],
    ['an unknown person', platform('user_not_found'), { kind: 'person-gone', code: 'user_not_found' }],
    ['a bot as recipient', platform('user_is_bot'), { kind: 'person-gone', code: 'user_is_bot' }],
    ['a DM to a bot', platform('cannot_dm_bot'), { kind: 'person-gone', code: 'cannot_dm_bot' }],
    ['a disabled person', platform('user_disabled'), { kind: 'person-gone', code: 'user_disabled' }],
    [
      'a bot outside the channel',
      platform('not_in_channel'),
      { kind: 'not-in-channel', code: 'not_in_channel' },
    ],
    [
      'an invisible channel',
      platform('channel_not_found'),
      { kind: 'channel-gone', code: 'channel_not_found' },
    ],
    ['an archived channel', platform('is_archived'), { kind: 'channel-gone', code: 'is_archived' }],
    ['a missing scope', platform('missing_scope'), { kind: 'permanent', code: 'missing_scope' }],
    ['bad blocks', platform('invalid_blocks'), { kind: 'permanent', code: 'invalid_blocks' }],
    ['Slack failing inside', platform('internal_error'), { kind: 'transient', code: 'internal_error' }],
    ['Slack timing out inside', platform('request_timeout'), { kind: 'transient', code: 'request_timeout' }],
    ['a code that is not Slack-shaped', platform('Bad <code>'), { kind: 'permanent', code: 'other' }],
    ['a platform error without a code', platform(undefined), { kind: 'permanent', code: 'other' }],
    ['a 503', http(503), { kind: 'transient', code: 'http_503' }],
    ['a 500', http(500), { kind: 'transient', code: 'http_500' }],
    [
      'no answer (timeout, dropped connection)',
      { code: ErrorCode.RequestError },
      { kind: 'transient', code: 'network' },
    ],
    [
      'an error that is not from Slack',
      new Error('xoxb-secret in a message'),
      { kind: 'transient', code: 'unknown' },
    ],
    ['a thrown string', 'boom', { kind: 'transient', code: 'unknown' }],
    ['null', null, { kind: 'transient', code: 'unknown' }],
  ])('%s', (_name, error, expected) => {
    expect(classifySlackError(error)).toEqual(expected);
    expect(slackErrorCode(error)).toBe(expected.code);
  });
});
