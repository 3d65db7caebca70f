import { App, type Logger, LogLevel } from '@slack/bolt';
import type { KnownBlock, SectionBlock } from '@slack/types';
import {
  ErrorCode,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  WebClientEvent,
  type WebClientOptions,
} from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS, blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

let slack: SlackDouble;

/** A real WebClient on the double; `null` for no token. No retries unless `options` says so. */
function client(token: string | null = 'xoxb-t1', options: WebClientOptions = {}): WebClient {
  return new WebClient(token ?? undefined, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silent,
    ...options,
  });
}

/** The Slack error code a rejected WebClient call carries. */
async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return error.data.error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  slack = await startSlackDouble({
    teams: [
      {
        teamId: 'T1',
        botToken: 'xoxb-t1',
        botUserId: 'UBOT1',
        botId: 'BBOT1',
        teamName: 'Acme',
        domain: 'acme',
      },
      { teamId: 'T2', botToken: 'xoxb-t2', botUserId: 'UBOT2', botId: 'BBOT2' },
    ],
    users: [
      { teamId: 'T1', id: 'U1', name: 'ada', tz: 'Europe/London' },
      { teamId: 'T1', id: 'U2', name: 'bob', tz: 'America/New_York', deleted: true },
      { teamId: 'T1', id: 'UOTHERBOT', name: 'otherbot', is_bot: true },
    ],
    channels: [
      { teamId: 'T1', id: 'CGENERAL', name: 'general', members: ['U1', 'U2'] },
      { teamId: 'T1', id: 'COUTSIDE', name: 'outside', isMember: false },
      { teamId: 'T1', id: 'CJOIN', name: 'joinable', isMember: false },
      { teamId: 'T1', id: 'CARCHIVED', name: 'old', isArchived: true },
      { teamId: 'T1', id: 'CBIG', name: 'big', members: Array.from({ length: 250 }, (_, i) => `UM${i}`) },
    ],
    usergroups: [{ teamId: 'T1', id: 'S1', handle: 'leads', users: ['U1', 'U2'] }],
    oauth: { clientId: 'cid', clientSecret: 'csecret' },
  });
});

afterAll(async () => {
  await slack.close();
});

beforeEach(() => {
  slack.reset();
});

describe('Slack double: wire format and auth', () => {
  it('answers auth.test for the bot token and records the form-encoded call', async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({
      ok: true,
      url: 'https://acme.slack.com/',
      team: 'Acme',
      team_id: 'T1',
      user_id: 'UBOT1',
      bot_id: 'BBOT1',
    });
    expect(result.response_metadata?.scopes).toContain('chat:write');
    expect(slack.calls).toHaveLength(1);
    expect(slack.calls[0]).toMatchObject({
      method: 'auth.test',
      token: 'xoxb-t1',
      teamId: 'T1',
      via: 'form',
    });
  });

  it('records a form-encoded chat.postMessage with blocks decoded back into objects', async () => {
    const blocks = [section('*Hello*'), { type: 'divider' }];
    const result = await client().chat.postMessage({ channel: 'CGENERAL', text: 'Hello', blocks });
    expect(result).toMatchObject({
      ok: true,
      channel: 'CGENERAL',
      message: { text: 'Hello', bot_id: 'BBOT1' },
    });
    const [call] = slack.callsTo('chat.postMessage');
    expect(call?.via).toBe('form');
    expect(call?.params.blocks).toEqual(blocks);
    expect(call?.params.token).toBeUndefined();
    expect(slack.messages('CGENERAL')).toMatchObject([{ ts: result.ts, text: 'Hello', blocks }]);
  });

  it('accepts application/json bodies with a Bearer token, and ignores a token inside JSON', async () => {
    const post = (body: object, headers: Record<string, string> = {}) =>
      fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const ok = await post(
      { channel: 'CGENERAL', blocks: [section('json')] },
      { authorization: 'Bearer xoxb-t1' },
    );
    expect(ok).toMatchObject({ ok: true, channel: 'CGENERAL' });
    expect(slack.calls[0]).toMatchObject({
      via: 'json',
      teamId: 'T1',
      params: { blocks: [section('json')] },
    });
    expect(await post({ channel: 'CGENERAL', text: 'x', token: 'xoxb-t1' })).toEqual({
      ok: false,
      error: 'not_authed',
    });
  });

  it('answers not_authed, invalid_auth, token_revoked and unknown_method', async () => {
    expect(await slackError(client(null).auth.test())).toBe('not_authed');
    expect(await slackError(client('xoxb-nope').auth.test())).toBe('invalid_auth');
    slack.revokeToken('xoxb-t2');
    expect(await slackError(client('xoxb-t2').auth.test())).toBe('token_revoked');
    expect(await slackError(client().apiCall('nope.nothing'))).toBe('unknown_method');
    slack.handle('chat.scheduleMessage', ({ params, teamId }) => ({
      scheduled_message_id: 'Q1',
      teamId,
      params,
    }));
    const scheduled = await client().chat.scheduleMessage({
      channel: 'U1',
      text: 'later',
      post_at: 1_900_000_000,
    });
    expect(scheduled).toMatchObject({
      ok: true,
      scheduled_message_id: 'Q1',
      teamId: 'T1',
      params: { post_at: '1900000000' },
    });
  });

  it('surfaces failNext as WebAPIPlatformError with data.error, once, per team', async () => {
    slack.failNext('chat.postMessage', 'missing_scope', { extra: { needed: 'chat:write' }, teamId: 'T1' });
    const error = await client()
      .chat.postMessage({ channel: 'U1', text: 'hi' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect(error).toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'missing_scope', needed: 'chat:write' },
    });
    await expect(client().chat.postMessage({ channel: 'U1', text: 'hi' })).resolves.toMatchObject({
      ok: true,
    });
    expect(slack.callsTo('chat.postMessage').map((c) => c.error)).toEqual(['missing_scope', undefined]);
  });

  it('injects HTTP 500 (seen as WebAPIHTTPError) for a number of calls or a duration', async () => {
    slack.serverError('users.info');
    const error = await client()
      .users.info({ user: 'U1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect(error).toMatchObject({ statusCode: 500 });
    await expect(client().users.info({ user: 'U1' })).resolves.toMatchObject({ ok: true });
    slack.serverError('*', { durationMs: 10_000 });
    await expect(client().auth.test()).rejects.toBeInstanceOf(WebAPIHTTPError);
    expect(slack.calls.map((c) => c.status)).toEqual([500, 200, 500]);
  });

  it('answers 429 with Retry-After: rate_limited event and WebAPIRateLimitedError', async () => {
    slack.rateLimit('chat.postMessage', 7);
    const web = client('xoxb-t1', { rejectRateLimitedCalls: true });
    const seen: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (retryAfter: number) => seen.push(retryAfter));
    const error = await web.chat.postMessage({ channel: 'U1', text: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect(error).toMatchObject({ retryAfter: 7 });
    expect(seen).toEqual([7]);
    expect(slack.calls[0]).toMatchObject({ status: 429, ok: false, error: 'ratelimited' });
  });

  it('a retrying client honours Retry-After before succeeding', async () => {
    slack.rateLimit('auth.test', 1, { teamId: 'T1' });
    const web = client('xoxb-t1', { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    const started = Date.now();
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
    const [limited, retried] = slack.callsTo('auth.test');
    expect(limited?.status).toBe(429);
    expect(retried?.ok).toBe(true);
    expect((retried?.at ?? 0) - started).toBeGreaterThanOrEqual(950);
  });

  it('enforces per-channel and per-workspace chat.postMessage limits with a computed Retry-After', async () => {
    slack.enforceLimits({ perChannelPerSecond: 1, workspacePerMinute: 3 });
    const web = client('xoxb-t1', { rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: 'U1', text: '1' });
    await expect(web.chat.postMessage({ channel: 'U1', text: '2' })).rejects.toMatchObject({ retryAfter: 1 });
    await web.chat.postMessage({ channel: 'CGENERAL', text: '3' });
    await web.chat.postMessage({ channel: 'CBIG', text: '4' });
    const error = await web.chat.postMessage({ channel: 'CJOIN', text: '5' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBeGreaterThan(55);
    expect(slack.calls.map((c) => c.status)).toEqual([200, 429, 200, 200, 429]);
  });

  it('delays answers with setLatency', async () => {
    slack.setLatency(80);
    const started = Date.now();
    await client().auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });
});

describe('Slack double: messages', () => {
  it('opens a DM for a user id, with unique increasing ts', async () => {
    const web = client();
    const first = await web.chat.postMessage({ channel: 'U1', text: 'one' });
    const second = await web.chat.postMessage({ channel: 'U1', text: 'two' });
    expect(first.channel).toBe(slack.dmChannelId('U1'));
    expect(first.channel).toMatch(/^D/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const opened = await web.conversations.open({ users: 'U1' });
    expect(opened.channel?.id).toBe(first.channel);
    expect(slack.messages(first.channel).map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('validates like Slack: no_text, msg_too_long, channel rules, invalid_blocks, cannot_dm_bot', async () => {
    const web = client();
    expect(await slackError(web.chat.postMessage({ channel: 'U1', text: '' }))).toBe('no_text');
    expect(await slackError(web.chat.postMessage({ channel: 'U1', text: 'x'.repeat(40_001) }))).toBe(
      'msg_too_long',
    );
    expect(await slackError(web.chat.postMessage({ channel: 'CNOPE', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(web.chat.postMessage({ channel: 'UNOBODY', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(web.chat.postMessage({ channel: 'COUTSIDE', text: 'x' }))).toBe('not_in_channel');
    expect(await slackError(web.chat.postMessage({ channel: 'CARCHIVED', text: 'x' }))).toBe('is_archived');
    expect(await slackError(web.chat.postMessage({ channel: 'UOTHERBOT', text: 'x' }))).toBe('cannot_dm_bot');
    const tooMany = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    const error = await web.chat
      .postMessage({ channel: 'U1', text: 'x', blocks: tooMany })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { error: 'invalid_blocks' } });
    expect(JSON.stringify((error as WebAPIPlatformError).data.response_metadata)).toContain('51 blocks');
    // Slack lets a post to a deactivated user's DM succeed.
    await expect(web.chat.postMessage({ channel: 'U2', text: 'x' })).resolves.toMatchObject({ ok: true });
    await expect(web.chat.postMessage({ channel: '#general', text: 'x' })).resolves.toMatchObject({
      channel: 'CGENERAL',
    });
  });

  it('updates, deletes, links and posts ephemerals', async () => {
    const web = client();
    const posted = await web.chat.postMessage({
      channel: 'CGENERAL',
      text: 'draft',
      blocks: [section('draft')],
    });
    const ts = posted.ts ?? '';
    const updated = await web.chat.update({ channel: 'CGENERAL', ts, text: 'final' });
    expect(updated).toMatchObject({ ok: true, ts, text: 'final', message: { blocks: [section('draft')] } });
    const link = await web.chat.getPermalink({ channel: 'CGENERAL', message_ts: ts });
    expect(link.permalink).toBe(`https://acme.slack.com/archives/CGENERAL/p${ts.replace('.', '')}`);
    const ephemeral = await web.chat.postEphemeral({ channel: 'CGENERAL', user: 'U1', text: 'psst' });
    expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(await slackError(web.chat.postEphemeral({ channel: 'CGENERAL', user: 'U9', text: 'x' }))).toBe(
      'user_not_in_channel',
    );
    await web.chat.delete({ channel: 'CGENERAL', ts });
    expect(slack.messages('CGENERAL')).toEqual([]);
    expect(await slackError(web.chat.update({ channel: 'CGENERAL', ts, text: 'again' }))).toBe(
      'message_not_found',
    );
  });
});

describe('Slack double: users, conversations, team', () => {
  it('answers users.info with tz, tz_label and tz_offset', async () => {
    const { user } = await client().users.info({ user: 'U1' });
    expect(user).toMatchObject({ id: 'U1', name: 'ada', tz: 'Europe/London', is_bot: false, deleted: false });
    expect(user?.tz_label).toMatch(/^(Greenwich Mean Time|British Summer Time)$/);
    expect([0, 3600]).toContain(user?.tz_offset);
    const bob = await client().users.info({ user: 'U2' });
    expect(bob.user).toMatchObject({ deleted: true, tz: 'America/New_York' });
    expect(await slackError(client().users.info({ user: 'UNOBODY' }))).toBe('user_not_found');
    slack.addUser({ teamId: 'T1', id: 'U3', name: 'cy', tz: 'Asia/Kolkata' });
    const cy = await client().users.info({ user: 'U3' });
    expect(cy.user).toMatchObject({ tz_offset: 19_800, tz_label: 'India Standard Time' });
  });

  it('paginates conversations.members with cursors', async () => {
    const members: string[] = [];
    for await (const page of client().paginate('conversations.members', { channel: 'CBIG', limit: 100 })) {
      const pageMembers: unknown = (page as { members?: unknown }).members;
      if (Array.isArray(pageMembers)) members.push(...pageMembers.map(String));
    }
    expect(members).toHaveLength(251); // 250 people + the bot
    expect(slack.callsTo('conversations.members')).toHaveLength(3);
  });

  it('answers conversations.open / info / join, usergroups.users.list and team.info', async () => {
    const web = client();
    expect(await slackError(web.conversations.open({ users: 'U2' }))).toBe('user_disabled');
    expect(await slackError(web.conversations.open({ users: 'UOTHERBOT' }))).toBe('cannot_dm_bot');
    const info = await web.conversations.info({ channel: 'CGENERAL' });
    expect(info.channel).toMatchObject({
      id: 'CGENERAL',
      name: 'general',
      is_member: true,
      is_archived: false,
    });
    await web.conversations.join({ channel: 'CJOIN' });
    await expect(web.chat.postMessage({ channel: 'CJOIN', text: 'hi' })).resolves.toMatchObject({ ok: true });
    expect((await web.usergroups.users.list({ usergroup: 'S1' })).users).toEqual(['U1', 'U2']);
    expect(await slackError(web.usergroups.users.list({ usergroup: 'S404' }))).toBe('no_such_subteam');
    expect((await web.team.info()).team).toMatchObject({ id: 'T1', name: 'Acme', domain: 'acme' });
  });
});

describe('Slack double: conversations.history', () => {
  /** Opens the bot's DM with U1 and posts `texts` there, oldest first; answers the DM id and the ts of each. */
  async function postToDm(texts: string[]): Promise<{ channel: string; ts: string[] }> {
    const web = client();
    const channel = (await web.conversations.open({ users: 'U1' })).channel?.id ?? '';
    const ts: string[] = [];
    for (const text of texts) ts.push((await web.chat.postMessage({ channel: 'U1', text })).ts ?? '');
    return { channel, ts };
  }
  const texts = (result: { messages?: { text?: string }[] }) => (result.messages ?? []).map((m) => m.text);

  it('answers top-level messages newest first, without deleted ones; metadata only when asked for', async () => {
    const web = client();
    const { channel, ts } = await postToDm(['one', 'two', 'three']);
    const metadata = { event_type: 'throughline_nudge', event_payload: { week: '2026-W49', kind: 'w' } };
    await web.chat.postMessage({ channel: 'U1', text: 'nudge', metadata });
    await web.chat.postMessage({ channel: 'U1', text: 'a reply', thread_ts: ts[0] });
    await web.chat.delete({ channel, ts: ts[1] ?? '' });
    // The metadata crossed the wire as a JSON string in the form body.
    expect(slack.callsTo('chat.postMessage')[3]?.params.metadata).toEqual(metadata);

    const plain = await web.conversations.history({ channel });
    expect(texts(plain)).toEqual(['nudge', 'three', 'one']);
    expect(plain.messages?.some((m) => 'metadata' in m)).toBe(false);
    expect(plain).toMatchObject({ ok: true, has_more: false, response_metadata: { next_cursor: '' } });
    expect(plain.messages?.[0]).toMatchObject({ type: 'message', bot_id: 'BBOT1', user: 'UBOT1' });

    const withMetadata = await web.conversations.history({ channel, include_all_metadata: true });
    expect(withMetadata.messages?.[0]?.metadata).toEqual(metadata);
    expect(withMetadata.messages?.[1]).not.toHaveProperty('metadata');
  });

  it('pages with limit (100 by default, at most 999) and cursors, continuing below the last page', async () => {
    const web = client();
    const { channel } = await postToDm(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    const first = await web.conversations.history({ channel, limit: 3 });
    expect(texts(first)).toEqual(['m7', 'm6', 'm5']);
    expect(first.has_more).toBe(true);
    const cursor = first.response_metadata?.next_cursor ?? '';
    expect(cursor).not.toBe('');
    // A message posted meanwhile does not shift the next page.
    await web.chat.postMessage({ channel: 'U1', text: 'm8' });
    const second = await web.conversations.history({ channel, limit: 3, cursor });
    expect(texts(second)).toEqual(['m4', 'm3', 'm2']);
    const last = await web.conversations.history({
      channel,
      limit: 3,
      cursor: second.response_metadata?.next_cursor ?? '',
    });
    expect(texts(last)).toEqual(['m1']);
    expect(last).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });
    const all: string[] = [];
    for await (const page of web.paginate('conversations.history', { channel, limit: 2 })) {
      all.push(...texts(page as { messages?: { text?: string }[] }).map(String));
    }
    expect(all).toEqual(['m8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1']);
    expect(await slackError(web.conversations.history({ channel, cursor: 'bm9wZQ==' }))).toBe(
      'invalid_cursor',
    );

    slack.reset();
    const many = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    for (let i = 0; i < many.length; i += 50) {
      await Promise.all(many.slice(i, i + 50).map((text) => web.chat.postMessage({ channel: 'U1', text })));
    }
    const byDefault = await web.conversations.history({ channel });
    expect(byDefault.messages).toHaveLength(100);
    expect(byDefault.has_more).toBe(true);
    const capped = await web.conversations.history({ channel, limit: 5000 });
    expect(capped.messages).toHaveLength(999);
    expect(capped.has_more).toBe(true);
  });

  it('bounds the window with oldest and latest, exclusive unless inclusive', async () => {
    const web = client();
    const { channel, ts } = await postToDm(['m1', 'm2', 'm3', 'm4', 'm5']);
    const [, second, , fourth] = ts;
    expect(texts(await web.conversations.history({ channel, oldest: second, latest: fourth }))).toEqual([
      'm3',
    ]);
    expect(
      texts(await web.conversations.history({ channel, oldest: second, latest: fourth, inclusive: true })),
    ).toEqual(['m4', 'm3', 'm2']);
    expect(texts(await web.conversations.history({ channel, oldest: fourth }))).toEqual(['m5']);
    expect(texts(await web.conversations.history({ channel, latest: second }))).toEqual(['m1']);
    expect(await slackError(web.conversations.history({ channel, oldest: 'yesterday' }))).toBe(
      'invalid_ts_oldest',
    );
    expect(await slackError(web.conversations.history({ channel, latest: '1.2.3' }))).toBe(
      'invalid_ts_latest',
    );
  });

  it('answers channel_not_found, missing_scope (naming the scope) and not_in_channel', async () => {
    const web = client();
    expect(await slackError(web.conversations.history({ channel: 'DNOBODY' }))).toBe('channel_not_found');
    expect(await slackError(web.conversations.history({ channel: 'U1' }))).toBe('channel_not_found');
    // T1 has im:history (Throughline's scopes) but not channels:history.
    await web.chat.postMessage({ channel: 'CGENERAL', text: 'hello' });
    await expect(web.conversations.history({ channel: 'CGENERAL' })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'channels:history' },
    });

    // A workspace installed before im:history and im:write.
    slack.addTeam({
      teamId: 'T7',
      botToken: 'xoxb-t7',
      botUserId: 'UBOT7',
      botId: 'BBOT7',
      scopes: ['chat:write'],
    });
    const older = client('xoxb-t7');
    await older.chat.postMessage({ channel: 'U7', text: 'hi' });
    await expect(older.conversations.open({ users: 'U7' })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'im:write' },
    });
    await expect(older.conversations.history({ channel: slack.dmChannelId('U7') })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'im:history', provided: 'chat:write' },
    });

    slack.addTeam({
      teamId: 'T8',
      botToken: 'xoxb-t8',
      botUserId: 'UBOT8',
      botId: 'BBOT8',
      scopes: ['chat:write', 'channels:history'],
    });
    slack.addChannel({ teamId: 'T8', id: 'CELSEWHERE', isMember: false });
    expect(await slackError(client('xoxb-t8').conversations.history({ channel: 'CELSEWHERE' }))).toBe(
      'not_in_channel',
    );
  });
});

describe('Slack double: views', () => {
  const modal = (title = 'Reflect', blocks: KnownBlock[] = [section('hi')]) => ({
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: title },
    blocks,
  });

  it('opens, updates (by id and external_id), pushes and publishes views', async () => {
    const web = client();
    const trigger = slack.issueTriggerId();
    const opened = await web.views.open({
      trigger_id: trigger,
      view: { ...modal(), external_id: 'reflect-U1', private_metadata: '{"week":"2025-W01"}' },
    });
    const view = opened.view;
    expect(view).toMatchObject({ type: 'modal', external_id: 'reflect-U1', team_id: 'T1', bot_id: 'BBOT1' });
    expect(view?.id).toMatch(/^V/);
    expect(slack.callsTo('views.open')[0]?.params.view).toMatchObject({
      private_metadata: '{"week":"2025-W01"}',
    });
    expect(await slackError(web.views.open({ trigger_id: trigger, view: modal() }))).toBe(
      'exchanged_trigger_id',
    );

    const byExternal = await web.views.update({ external_id: 'reflect-U1', view: modal('Updated') });
    expect(byExternal.view).toMatchObject({ id: view?.id, title: { text: 'Updated' } });
    expect(
      await slackError(web.views.update({ view_id: view?.id ?? '', hash: 'stale', view: modal() })),
    ).toBe('hash_conflict');
    await web.views.update({ view_id: view?.id ?? '', hash: byExternal.view?.hash, view: modal('Again') });
    expect(slack.view(view?.id ?? '')).toMatchObject({ title: { text: 'Again' } });
    expect(await slackError(web.views.update({ view_id: 'VNOPE', view: modal() }))).toBe('not_found');

    await expect(web.views.push({ trigger_id: 'push-1', view: modal('Step 2') })).resolves.toMatchObject({
      ok: true,
    });
    await web.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section('home')] } });
    expect(slack.homeView('U1')).toMatchObject({ type: 'home', blocks: [section('home')] });
  });

  it('rejects expired triggers and views beyond Block Kit limits', async () => {
    const web = client();
    slack.expireTriggerId('old');
    expect(await slackError(web.views.open({ trigger_id: 'old', view: modal() }))).toBe('expired_trigger_id');
    const expiring = slack.issueTriggerId(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await slackError(web.views.open({ trigger_id: expiring, view: modal() }))).toBe(
      'expired_trigger_id',
    );
    const blocks = Array.from({ length: 101 }, (_, i) => section(`b${i}`));
    expect(await slackError(web.views.open({ trigger_id: 't-101', view: modal('Many', blocks) }))).toBe(
      'invalid_arguments',
    );
    expect(await slackError(web.views.open({ trigger_id: 't-title', view: modal('x'.repeat(25)) }))).toBe(
      'invalid_arguments',
    );
    const huge = Array.from({ length: 90 }, () => section('y'.repeat(2900)));
    expect(await slackError(web.views.open({ trigger_id: 't-huge', view: modal('Huge', huge) }))).toBe(
      'view_too_large',
    );
    expect(await slackError(web.views.open({ trigger_id: 't-none', view: undefined as never }))).toBe(
      'invalid_arguments',
    );
  });
});

describe('Slack double: files, OAuth, Socket Mode, response_url, waitFor', () => {
  it('round-trips filesUploadV2 content', async () => {
    const csv = 'week,answer\n2025-W01,"went well"\n';
    const result = await client().filesUploadV2({
      channel_id: 'CGENERAL',
      filename: 'export.csv',
      title: 'Export',
      content: csv,
      initial_comment: 'Your export',
    });
    expect(result.ok).toBe(true);
    expect(slack.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({ filename: 'export.csv' });
    expect(slack.callsTo('files.completeUploadExternal')[0]?.params.files).toEqual([
      { id: slack.files[0]?.id, title: 'Export' },
    ]);
    const [file] = slack.files;
    expect(file).toMatchObject({
      filename: 'export.csv',
      title: 'Export',
      completed: true,
      channelId: 'CGENERAL',
    });
    expect(file?.content.toString('utf8')).toBe(csv);
    expect(file?.length).toBe(Buffer.byteLength(csv));
    expect(slack.messages('CGENERAL')).toMatchObject([{ text: 'Your export', files: [file?.id] }]);
  });

  it('exchanges an OAuth code for an installation whose token then works', async () => {
    slack.addOAuthCode('code-ok', {
      teamId: 'T9',
      teamName: 'Nine',
      botToken: 'xoxb-t9',
      authedUserId: 'U9',
    });
    const oauth = client(null);
    const args = { client_id: 'cid', client_secret: 'csecret', code: 'code-ok' };
    const install = await oauth.oauth.v2.access(args);
    expect(install).toMatchObject({
      ok: true,
      access_token: 'xoxb-t9',
      token_type: 'bot',
      team: { id: 'T9', name: 'Nine' },
      enterprise: null,
      authed_user: { id: 'U9' },
      is_enterprise_install: false,
    });
    expect(install.bot_user_id).toMatch(/^U/);
    expect(await client('xoxb-t9').auth.test()).toMatchObject({
      team_id: 'T9',
      user_id: install.bot_user_id,
    });
    expect(await slackError(oauth.oauth.v2.access(args))).toBe('invalid_code');
    slack.addOAuthCode('code-2', { teamId: 'T9' });
    slack.failNext('oauth.v2.access', 'invalid_grant_type');
    expect(await slackError(oauth.oauth.v2.access({ ...args, code: 'code-2' }))).toBe('invalid_grant_type');
    expect(await slackError(oauth.oauth.v2.access({ ...args, code: 'code-2', client_secret: 'bad' }))).toBe(
      'bad_client_secret',
    );
  });

  it('answers apps.connections.open for the app token only', async () => {
    const result = await client(slack.appToken).apps.connections.open();
    expect(result.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    expect(await slackError(client().apps.connections.open())).toBe('not_allowed_token_type');
  });

  it('records response_url posts and enforces the 5-post limit and expiry', async () => {
    const url = slack.responseUrl('cmd-1');
    const post = (target: string, body: object) =>
      fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const waiting = slack.waitForResponse((r) => r.id === 'cmd-1');
    expect((await post(url, { response_type: 'ephemeral', text: 'Saved' })).status).toBe(200);
    expect((await waiting)[0]?.body).toEqual({ response_type: 'ephemeral', text: 'Saved' });
    for (let i = 0; i < 4; i += 1) await post(url, { text: `again ${i}` });
    expect((await post(url, { text: 'sixth' })).status).toBe(404);
    const other = slack.responseUrl();
    slack.expireResponseUrl(decodeURIComponent(other.split('/').pop() ?? ''));
    const expired = await post(other, { text: 'late' });
    expect([expired.status, await expired.json()]).toEqual([404, { ok: false, error: 'expired_url' }]);
    expect(slack.responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404, 404]);
  });

  it('waitFor resolves on matching calls and rejects with what it saw', async () => {
    const waiting = slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1', 1000);
    setTimeout(() => void client().chat.postMessage({ channel: 'U1', text: 'later' }), 30);
    const [call] = await waiting;
    expect(call?.params.text).toBe('later');
    const two = slack.waitFor('auth.test', { count: 2, timeoutMs: 1000 });
    await client().auth.test();
    await client().auth.test();
    expect(await two).toHaveLength(2);
    await expect(slack.waitFor('views.open', 50)).rejects.toThrow(/views\.open.*auth\.test/);
  });

  it('serves a Bolt App through clientOptions.slackApiUrl', async () => {
    const app = new App({
      token: 'xoxb-t1',
      signingSecret: 'secret',
      deferInitialization: true,
      logger: silent,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    await app.init();
    await app.client.chat.postMessage({ channel: 'U1', text: 'from bolt' });
    expect(slack.calls.map((c) => c.method)).toEqual(['auth.test', 'chat.postMessage']);
  });
});

describe('blockKitViolations', () => {
  it('passes a view within limits', () => {
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Weekly reflection' },
      submit: { type: 'plain_text', text: 'Save' },
      private_metadata: 'x'.repeat(3000),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
        {
          type: 'input',
          block_id: 'b'.repeat(255),
          label: { type: 'plain_text', text: 'What went well?' },
          element: { type: 'plain_text_input', action_id: 'answer', multiline: true, max_length: 3000 },
        },
      ],
    };
    expect(blockKitViolations('modal', view)).toEqual([]);
    expect(blockKitViolations('message', [section('s'.repeat(3000))])).toEqual([]);
  });

  it('reports each limit with a JSON pointer', () => {
    const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 't'.repeat(25) },
      close: { type: 'plain_text', text: 'c'.repeat(25) },
      private_metadata: 'p'.repeat(3001),
      blocks: [
        section('s'.repeat(3001)),
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        {
          type: 'actions',
          block_id: 'b'.repeat(256),
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'v'.repeat(2001) },
            {
              type: 'static_select',
              action_id: 'a'.repeat(256),
              options: [
                option('o'.repeat(76), 'ok'),
                option('ok', 'v'.repeat(151)),
                ...Array.from({ length: 99 }, (_, i) => option(`o${i}`, `v${i}`)),
              ],
            },
          ],
        },
        { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) },
        {
          type: 'input',
          label: { type: 'plain_text', text: 'l' },
          element: { type: 'plain_text_input', action_id: 'x', max_length: 3001 },
        },
      ],
    };
    const found = blockKitViolations('modal', view);
    const expected = [
      '/blocks/0/text/text',
      '/blocks/1/text/text',
      '/blocks/2/block_id',
      '/blocks/2/elements/0/text/text',
      '/blocks/2/elements/0/value',
      '/blocks/2/elements/1/action_id',
      '/blocks/2/elements/1/options:',
      '/blocks/2/elements/1/options/0/text/text',
      '/blocks/2/elements/1/options/1/value',
      '/blocks/3/elements',
      '/blocks/4/element/max_length',
      '/submit',
      '/title/text',
      '/close/text',
      '/private_metadata',
    ];
    for (const path of expected) expect(found.some((v) => v.startsWith(path))).toBe(true);
    expect(found).toHaveLength(expected.length);
    const actions = { type: 'actions', elements: Array.from({ length: 26 }, () => ({ type: 'button' })) };
    expect(blockKitViolations('message', [actions])).toEqual([
      '/blocks/0/elements: actions elements has 26 items (max 25)',
    ]);
    const many = Array.from({ length: BLOCK_KIT_LIMITS.messageBlocks + 1 }, () => ({ type: 'divider' }));
    expect(blockKitViolations('message', { blocks: many })).toEqual([
      '/blocks: message has 51 blocks (max 50)',
    ]);
    expect(blockKitViolations('home', { type: 'home', blocks: many })).toEqual([]);
  });
});
