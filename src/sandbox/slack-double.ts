/**
 * A faithful Slack Web API double for tests and benchmarks: a real `node:http` server on
 * 127.0.0.1 (port 0 unless `port` is given) that answers the methods Throughline uses the way Slack documents them.
 *
 *   const slack = await startSlackDouble();
 *   const client = new WebClient('xoxb-t1', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
 *   ... await slack.waitFor('chat.postMessage');
 *   await slack.close();
 *
 * Wire format (as `@slack/web-api` 8 sends it): POST `application/x-www-form-urlencoded` with
 * nested values (`blocks`, `view`, `attachments`, `files`, `metadata`) as JSON strings and the token
 * in `Authorization: Bearer`; `application/json` bodies must carry the token in the header (as on
 * Slack). JSON-string fields are decoded back into objects in the recorded `params`; other form
 * values stay strings (`limit: '100'`), exactly as they crossed the wire.
 *
 * Answers are HTTP 200 JSON `{ ok: true | false, ... }`, except rate limits (HTTP 429 +
 * `Retry-After`) and injected server errors (HTTP 500).
 *
 * Strictness: unknown `C…`/`G…`/`D…` channels are accepted (and created on the fly) until the test
 * declares a channel for that team with `addChannel`; from then on they are `channel_not_found`.
 * Likewise DMs to undeclared users are accepted until the test declares a user for the team.
 * `users.info` is always strict (`user_not_found`). Messages, views and files must have been
 * created through the double before they can be updated/deleted/completed.
 *
 * Enterprise Grid: teams added with an `enterpriseId` are workspaces of that org. An OAuth code
 * with `isEnterpriseInstall` answers as Slack does for an org-wide install (`team: null`, one bot
 * token for the org); a call with that token acts in the workspace its `team_id` names (or where
 * the named user or channel lives), else `invalid_arguments`; a workspace outside the org is
 * `team_access_not_granted`.
 *
 * Socket Mode: `apps.connections.open` (app-level token) hands out a single-use `ws://` URL that this
 * server upgrades; it says `hello`, pings every 10 s, and `sendEnvelope` delivers `events_api`,
 * `slash_commands` and `interactive` envelopes and resolves with the client's ack.
 *
 * Timers and the clock are captured when this module loads, so tests that install fake timers
 * after importing it do not freeze the double.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { collectBlockKitViolations } from './block-kit-limits.ts';
import { createWebSocketAcceptor, type WebSocketLink } from './websocket-link.ts';

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;

/** Slack pings Socket Mode clients; @slack/socket-mode reconnects after 30 s without one. */
const SOCKET_PING_INTERVAL_MS = 10_000;
const realNow = Date.now.bind(Date);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type Params = Record<string, unknown>;
export type SlackAnswer = Record<string, unknown>;

export interface DoubleTeam {
  teamId: string;
  botToken: string;
  botUserId: string;
  botId: string;
  teamName?: string;
  /** Workspace subdomain, used in `auth.test` url and permalinks. Defaults from the team id. */
  domain?: string;
  appId?: string;
  enterpriseId?: string;
  /** The bot user's `name` (auth.test `user`). Defaults to 'throughline'. */
  botName?: string;
  /**
   * Granted bot scopes (sent as `x-oauth-scopes`). `chat:write.public` lets the bot post to public
   * channels it is not in; `conversations.open` needs `im:write` (`mpim:write` for a group DM) and
   * `conversations.history` the `*:history` scope of the conversation's type, else `missing_scope`.
   */
  scopes?: string[];
}

export interface DoubleUser {
  /** Defaults to the first team. */
  teamId?: string;
  id: string;
  name?: string;
  real_name?: string;
  /** IANA zone. `tz_label` / `tz_offset` are derived from it at answer time (so they follow DST). Default America/Los_Angeles. */
  tz?: string;
  tz_label?: string;
  tz_offset?: number;
  is_bot?: boolean;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  email?: string;
  locale?: string;
}

export interface DoubleChannel {
  teamId?: string;
  id: string;
  name?: string;
  /** Member user ids (the bot is added when `isMember`). */
  members?: string[];
  /** Whether the bot is in the channel. Default true. */
  isMember?: boolean;
  isArchived?: boolean;
  /** Default: ids starting with G are private. */
  isPrivate?: boolean;
}

export interface DoubleUsergroup {
  teamId?: string;
  id: string;
  handle?: string;
  users: string[];
}

/** What `oauth.v2.access` answers for a code. The team is created (or updated) on exchange. */
export interface DoubleOAuthCode extends Partial<DoubleTeam> {
  teamId: string;
  /** Comma-separated granted scopes. Default: the team's scopes. */
  scope?: string;
  /** The installing user. Default 'UINSTALLER'. */
  authedUserId?: string;
  isEnterpriseInstall?: boolean;
}

export interface SlackDoubleOptions {
  /** Default: one team T1 / xoxb-t1 / UBOT1 / BBOT1. */
  teams?: DoubleTeam[];
  users?: DoubleUser[];
  channels?: DoubleChannel[];
  usergroups?: DoubleUsergroup[];
  /** App-level token for `apps.connections.open`. Default 'xapp-1-test'. */
  appToken?: string;
  /** When set, `oauth.v2.access` checks client_id / client_secret (body or HTTP Basic). */
  oauth?: { clientId: string; clientSecret: string };
  /** trigger_ids are single-use, as on Slack (`exchanged_trigger_id`). Default true. */
  singleUseTriggers?: boolean;
  /** Port on 127.0.0.1. Default 0 (an OS-assigned free port); tests of "Slack comes back" name one. */
  port?: number;
  /**
   * The workspace's wall clock (epoch ms) for message timestamps and users' time-zone offsets.
   * Default: real time. The sandbox passes the product's clock, so "jump to the next nudge" moves both.
   */
  clock?: () => number;
  /** Keep at most this many recorded calls and responses (a long-running sandbox). Default: all. */
  maxRecordings?: number;
}

/** Where a `response_url` posts land, as Slack knows it from the request that carried the URL. */
export interface ResponseContext {
  teamId?: string;
  channel: string;
  userId: string;
  /** The message a click came from (for `replace_original` / `delete_original`). */
  messageTs?: string;
  /** Whether that message is an ephemeral one. */
  ephemeral?: boolean;
}

/** A message only one person sees: `chat.postEphemeral`, or a `response_url` reply. */
export interface StoredEphemeral {
  teamId: string;
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  deleted: boolean;
}

export type CallVia = 'form' | 'json' | 'multipart' | 'query';

/** The three kinds of Socket Mode envelope Slack sends. */
export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface EnvelopeOptions {
  /** events_api only: Slack's redelivery count and reason (`timeout`…). */
  retryAttempt?: number;
  retryReason?: string;
  /** How long to wait for the ack. Default 3000 (Slack's deadline). */
  timeoutMs?: number;
}

/** The client's ack of one envelope: its `payload` is the response (a command reply, a `response_action`). */
export interface SocketAck {
  envelopeId: string;
  payload: unknown;
}

export interface RecordedCall {
  method: string;
  /** The token as sent (Bearer header, or `token` form field); not included in `params`. */
  token: string | undefined;
  /** The team the token belongs to, if the token is known. */
  teamId: string | undefined;
  /** Decoded params: JSON-string fields (`blocks`, `view`, …) are objects again. */
  params: Params;
  /** Receipt time, epoch ms. */
  at: number;
  via: CallVia;
  /** HTTP status answered: 200, 429 or 500. */
  status: number;
  ok: boolean;
  error: string | undefined;
  response: SlackAnswer;
}

export interface RecordedResponse {
  /** The id passed to / generated by `responseUrl(id)`. */
  id: string;
  body: Params;
  at: number;
  status: number;
}

export interface StoredMessage {
  teamId: string;
  channel: string;
  ts: string;
  /** The person who wrote it; undefined for the bot's own messages. */
  user?: string;
  text: string;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
  threadTs: string | undefined;
  metadata: unknown;
  files: string[] | undefined;
  /** Set by chat.update (epoch ms). */
  editedAt: number | undefined;
  deleted: boolean;
}

export interface UploadedFile {
  id: string;
  teamId: string;
  filename: string;
  title: string | undefined;
  /** The `length` announced to files.getUploadURLExternal. */
  length: number;
  /** Bytes POSTed to the upload URL (empty until then). */
  content: Buffer;
  uploaded: boolean;
  completed: boolean;
  channelId: string | undefined;
  initialComment: string | undefined;
  threadTs: string | undefined;
  /** Set by files.delete: the file is gone from every conversation it was shared in. */
  deleted: boolean;
}

export interface FaultOptions {
  /** How many calls to affect. Default 1. */
  times?: number;
  /** Only calls whose token belongs to this team. */
  teamId?: string;
}

export interface PostLimits {
  /** chat.postMessage per channel within any 1 s window. */
  perChannelPerSecond?: number;
  /** chat.postMessage per workspace within any 60 s window. */
  workspacePerMinute?: number;
}

export interface WaitOptions {
  /** Default 2000. */
  timeoutMs?: number;
  /** Resolve once this many calls match. Default 1. */
  count?: number;
}

export interface CustomCall {
  method: string;
  params: Params;
  token: string | undefined;
  teamId: string | undefined;
}

/** A custom method implementation; `ok: true` is added unless the answer sets `ok`. */
export type CustomHandler = (call: CustomCall) => SlackAnswer | Promise<SlackAnswer>;

export const DEFAULT_TEAM: Readonly<DoubleTeam> = {
  teamId: 'T1',
  botToken: 'xoxb-t1',
  botUserId: 'UBOT1',
  botId: 'BBOT1',
};

const DEFAULT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'users:read',
  'channels:read',
  'channels:join',
  'groups:read',
  'team:read',
  'usergroups:read',
  'files:write',
  'im:history',
];

/** Fields that `@slack/web-api` sends as JSON strings inside form bodies. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata', 'unfurls'];

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface TeamState {
  teamId: string;
  teamName: string;
  domain: string;
  botToken: string;
  botUserId: string;
  botId: string;
  appId: string;
  enterpriseId: string | undefined;
  botName: string;
  scopes: string[];
}

interface UserState extends DoubleUser {
  teamId: string;
  declared: boolean;
}

interface ChannelState {
  teamId: string;
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isMember: boolean;
  isIm: boolean;
  isMpim: boolean;
  user: string | undefined;
  members: string[];
  /** The test listed the members, so membership is checked (postEphemeral). */
  membersDeclared?: boolean;
  created: number;
}

interface ViewState {
  id: string;
  teamId: string;
  userId: string | undefined;
  view: Params;
}

/**
 * A bot token is a workspace's, or an org's (an org-wide Enterprise Grid install: one token for
 * every workspace of the org, which names the workspace with `team_id` where it matters).
 */
type TokenInfo =
  | { kind: 'bot'; teamId: string }
  | { kind: 'org'; enterpriseId: string; botUserId: string; botId: string; appId: string }
  | { kind: 'app' };

type Fault =
  | { kind: 'error'; method: string; teamId?: string; remaining: number; error: string; extra: Params }
  | { kind: 'ratelimit'; method: string; teamId?: string; remaining: number; retryAfter: number }
  | { kind: 'server'; method: string; teamId?: string; remaining: number; until: number; status: number };

interface Answer {
  status: number;
  body: SlackAnswer;
  headers: Record<string, string>;
}

interface Waiter {
  check: () => boolean;
  reject: (error: Error) => void;
}

class SlackApiError extends Error {
  readonly code: string;
  readonly extra: Params;
  constructor(code: string, extra: Params = {}) {
    super(code);
    this.code = code;
    this.extra = extra;
  }
}

function fail(code: string, extra?: Params): never {
  throw new SlackApiError(code, extra);
}

function invalidArguments(...messages: string[]): never {
  return fail('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

function isObject(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function num(params: Params, key: string): number | undefined {
  const value = params[key];
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function bool(params: Params, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

function required(params: Params, key: string): string {
  return str(params, key) ?? invalidArguments(`missing required field: ${key}`);
}

/** A message timestamp ("seconds.micros", or whole seconds) as integer microseconds; undefined if malformed. */
function tsMicros(ts: string): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match?.[1]) return undefined;
  return Number(match[1]) * 1e6 + Number((match[2] ?? '').padEnd(6, '0'));
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function paginate<T>(items: T[], params: Params): { page: T[]; nextCursor: string } {
  const requested = num(params, 'limit');
  const limit = requested === undefined || requested <= 0 ? 100 : Math.min(requested, 1000);
  let offset = 0;
  const cursor = str(params, 'cursor');
  if (cursor !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match?.[1]) fail('invalid_cursor');
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + limit);
  return { page, nextCursor: offset + limit < items.length ? encodeCursor(offset + limit) : '' };
}

function tzOffsetSeconds(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(
    at,
  );
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

function tzLabel(tz: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseMultipart(contentType: string, body: Buffer): Promise<FormData> {
  const request = new Request('http://slack-double.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(body),
  });
  return request.formData();
}

function send(res: ServerResponse, answer: Answer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...answer.headers,
  });
  res.end(text);
}

// ---------------------------------------------------------------------------------------------
// The double
// ---------------------------------------------------------------------------------------------

export class SlackDouble {
  /** `http://127.0.0.1:PORT/api/`: pass as SLACK_API_URL / WebClient `slackApiUrl`. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  readonly appToken: string;

  private readonly server: Server;
  private readonly options: SlackDoubleOptions;
  /** The Socket Mode WebSockets `apps.connections.open` points at. */
  private readonly teams = new Map<string, TeamState>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly users = new Map<string, UserState>();
  private readonly channels = new Map<string, ChannelState>();
  private readonly usergroups = new Map<string, DoubleUsergroup & { teamId: string }>();
  private readonly oauthCodes = new Map<string, DoubleOAuthCode>();
  private readonly customHandlers = new Map<string, CustomHandler>();

  private recordedCalls: RecordedCall[] = [];
  private recordedResponses: RecordedResponse[] = [];
  private messageStore = new Map<string, StoredMessage>();
  private viewStore = new Map<string, ViewState>();
  private fileStore = new Map<string, UploadedFile>();
  private issuedTriggers = new Map<string, number>();
  private triggerUsers = new Map<string, string>();
  private ephemeralStore: StoredEphemeral[] = [];
  /** Open modals per `team:user`, bottom first (Slack keeps a stack of up to three). */
  private modalStacks = new Map<string, string[]>();
  private responseContexts = new Map<string, ResponseContext>();
  private readonly changeListeners = new Set<() => void>();
  private rejectedTriggers = new Map<string, string>();
  private usedTriggers = new Set<string>();
  private responseUrlState = new Map<string, { posts: number; expired: boolean }>();
  private revoked = new Map<string, string>();
  private faults: Fault[] = [];
  private latencyMs = 0;
  private methodLatency = new Map<string, number>();
  private limits: PostLimits | undefined;
  private channelPosts = new Map<string, number[]>();
  private teamPosts = new Map<string, number[]>();
  private readonly waiters = new Set<Waiter>();
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocketLink>();
  private readonly webSockets = createWebSocketAcceptor();
  private readonly pendingAcks = new Map<string, (ack: SocketAck) => void>();
  private idCounter = 0;
  private lastTsMicros = 0;

  constructor(server: Server, port: number, options: SlackDoubleOptions) {
    this.server = server;
    this.options = options;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.appToken = options.appToken ?? 'xapp-1-test';
    this.tokens.set(this.appToken, { kind: 'app' });
    for (const team of options.teams ?? [DEFAULT_TEAM]) this.addTeam(team);
    for (const user of options.users ?? []) this.addUser(user);
    for (const channel of options.channels ?? []) this.addChannel(channel);
    for (const group of options.usergroups ?? []) this.addUsergroup(group);
  }

  // ----- directory -----------------------------------------------------------------------------

  /** Adds (or replaces) a workspace and its bot token. The bot user is added to the user list. */
  addTeam(team: DoubleTeam): void {
    const previous = this.teams.get(team.teamId);
    if (previous && previous.botToken !== team.botToken) this.tokens.delete(previous.botToken);
    const state: TeamState = {
      teamId: team.teamId,
      teamName: team.teamName ?? `Team ${team.teamId}`,
      domain: team.domain ?? `team-${team.teamId.toLowerCase()}`,
      botToken: team.botToken,
      botUserId: team.botUserId,
      botId: team.botId,
      appId: team.appId ?? 'A0THROUGHLINE',
      enterpriseId: team.enterpriseId,
      botName: team.botName ?? 'throughline',
      scopes: team.scopes ?? [...DEFAULT_SCOPES],
    };
    this.teams.set(team.teamId, state);
    this.tokens.set(team.botToken, { kind: 'bot', teamId: team.teamId });
    this.revoked.delete(team.botToken);
    this.users.set(`${team.teamId}:${team.botUserId}`, {
      teamId: team.teamId,
      id: team.botUserId,
      name: state.botName,
      real_name: state.botName,
      is_bot: true,
      tz: 'America/Los_Angeles',
      declared: false,
    });
  }

  /** Adds or replaces a user (`users.info` answers from this; call again to change `tz`). */
  addUser(user: DoubleUser): void {
    const teamId = user.teamId ?? this.defaultTeamId();
    if (user.tz) tzOffsetSeconds(user.tz, new Date()); // throws RangeError on a bad zone, early
    this.users.set(`${teamId}:${user.id}`, { ...user, teamId, declared: true });
  }

  /** Declares a channel. Once a team has a declared channel, unknown channels are `channel_not_found`. */
  addChannel(channel: DoubleChannel): void {
    const team = this.team(channel.teamId ?? this.defaultTeamId());
    const isMember = channel.isMember ?? true;
    const members = [...(channel.members ?? [])];
    if (isMember && !members.includes(team.botUserId)) members.push(team.botUserId);
    this.channels.set(`${team.teamId}:${channel.id}`, {
      teamId: team.teamId,
      id: channel.id,
      name: channel.name ?? channel.id.toLowerCase(),
      isPrivate: channel.isPrivate ?? channel.id.startsWith('G'),
      isArchived: channel.isArchived ?? false,
      isMember,
      isIm: false,
      isMpim: false,
      user: undefined,
      members,
      membersDeclared: channel.members !== undefined,
      created: Math.floor(realNow() / 1000),
    });
    this.declaredChannelTeams.add(team.teamId);
  }

  addUsergroup(group: DoubleUsergroup): void {
    const teamId = group.teamId ?? this.defaultTeamId();
    this.usergroups.set(`${teamId}:${group.id}`, { ...group, teamId, users: [...group.users] });
  }

  /** Makes `oauth.v2.access` with this code answer an installation (single use, as on Slack). */
  addOAuthCode(code: string, install: DoubleOAuthCode): void {
    this.oauthCodes.set(code, install);
  }

  /** Implements (or overrides) a method. Runs after the token check. */
  handle(method: string, handler: CustomHandler): void {
    this.customHandlers.set(method, handler);
  }

  /** The DM channel id the double uses for a user (`conversations.open`, `chat.postMessage` to `U…`). */
  dmChannelId(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  // ----- recordings ----------------------------------------------------------------------------

  /** Every API call answered, in order (including rate-limited and failed ones). */
  get calls(): readonly RecordedCall[] {
    return this.recordedCalls;
  }

  callsTo(method: string): RecordedCall[] {
    return this.recordedCalls.filter((call) => call.method === method);
  }

  /** POSTs to `responseUrl(...)` URLs. */
  get responses(): readonly RecordedResponse[] {
    return this.recordedResponses;
  }

  /** Files announced through files.getUploadURLExternal, with their uploaded bytes. */
  get files(): UploadedFile[] {
    return [...this.fileStore.values()];
  }

  /** Current messages (after chat.update / chat.delete), optionally for one channel (`D…` for DMs). */
  messages(channel?: string): StoredMessage[] {
    return [...this.messageStore.values()].filter(
      (m) => !m.deleted && (channel === undefined || m.channel === channel),
    );
  }

  /** Views as last opened / updated / pushed / published (the same objects Slack returned). */
  get views(): Params[] {
    return [...this.viewStore.values()].map((v) => v.view);
  }

  view(viewId: string): Params | undefined {
    return this.viewStore.get(viewId)?.view;
  }

  /** The Home tab currently published for a user. */
  homeView(userId: string, teamId?: string): Params | undefined {
    const team = teamId ?? this.defaultTeamId();
    for (const state of this.viewStore.values()) {
      if (state.teamId === team && state.userId === userId && state.view.type === 'home') return state.view;
    }
    return undefined;
  }

  /** A URL on the double that accepts `response_url` POSTs (JSON), recorded in `responses`. */
  responseUrl(id: string = `R${this.nextId()}`, context?: ResponseContext): string {
    // With a context, posts act as on Slack (ephemeral reply, in_channel post, replace or delete
    // the original); without one they are only recorded.
    if (context) this.responseContexts.set(id, context);
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  /** From now on the response URL answers 404 `expired_url` (Bolt's respond() throws). */
  expireResponseUrl(id: string): void {
    this.responseUrlState.set(id, { posts: this.responseUrlState.get(id)?.posts ?? 0, expired: true });
  }

  /**
   * Resolves with all matching calls once `count` (default 1) have been recorded; rejects after
   * `timeoutMs` (default 2000) listing what was called. `match` is a method name or a predicate.
   */
  waitFor(
    match: string | ((call: RecordedCall) => boolean),
    options: number | WaitOptions = {},
  ): Promise<RecordedCall[]> {
    const predicate = typeof match === 'string' ? (call: RecordedCall) => call.method === match : match;
    const label = typeof match === 'string' ? match : 'predicate';
    return this.waitOn(
      () => this.recordedCalls.filter(predicate),
      label,
      options,
      () => this.recordedCalls.map((c) => `${c.method}${c.ok ? '' : `(${c.error})`}`).join(', '),
    );
  }

  /** Like waitFor, for response_url posts. */
  waitForResponse(
    match: (response: RecordedResponse) => boolean = () => true,
    options: number | WaitOptions = {},
  ): Promise<RecordedResponse[]> {
    return this.waitOn(
      () => this.recordedResponses.filter(match),
      'response_url post',
      options,
      () => `${this.recordedResponses.length} response(s)`,
    );
  }

  // ----- behaviour injection -------------------------------------------------------------------

  /** The next call(s) to `method` ('*' for any) answer `{ ok: false, error, ...extra }`. */
  failNext(method: string, error: string, options: FaultOptions & { extra?: Params } = {}): void {
    this.faults.push({
      kind: 'error',
      method,
      teamId: options.teamId,
      remaining: options.times ?? 1,
      error,
      extra: options.extra ?? {},
    });
  }

  /** The next call(s) to `method` answer HTTP 429, `Retry-After: retryAfterSeconds`, `{ok:false,error:'ratelimited'}`. */
  rateLimit(method: string, retryAfterSeconds: number, options: FaultOptions = {}): void {
    this.faults.push({
      kind: 'ratelimit',
      method,
      teamId: options.teamId,
      remaining: options.times ?? 1,
      retryAfter: retryAfterSeconds,
    });
  }

  /** HTTP 500 for the next `times` calls (default 1), or for every call during `durationMs`. */
  serverError(method: string, options: FaultOptions & { durationMs?: number; status?: number } = {}): void {
    const { durationMs } = options;
    this.faults.push({
      kind: 'server',
      method,
      teamId: options.teamId,
      remaining: options.times ?? (durationMs === undefined ? 1 : Number.POSITIVE_INFINITY),
      until: durationMs === undefined ? Number.POSITIVE_INFINITY : realNow() + durationMs,
      status: options.status ?? 500,
    });
  }

  /** Delay every answer (or one method's) by `ms`. */
  setLatency(ms: number, method?: string): void {
    if (method === undefined) this.latencyMs = ms;
    else this.methodLatency.set(method, ms);
  }

  /** Slack-like chat.postMessage limits (sliding windows); beyond them: 429 with Retry-After from the window. `null` turns them off. */
  enforceLimits(limits: PostLimits | null): void {
    this.limits = limits ?? undefined;
    this.channelPosts.clear();
    this.teamPosts.clear();
  }

  /** Calls with this token now answer `error` (default `token_revoked`; also `invalid_auth`, `account_inactive`). */
  revokeToken(token: string, error = 'token_revoked'): void {
    this.revoked.set(token, error);
  }

  /** A fresh trigger_id, valid for `ttlMs` (Slack: 3 s) and usable once. */
  issueTriggerId(ttlMs = 3000, userId?: string): string {
    const id = `${Math.floor(realNow() / 1000)}.${1000 + this.nextNumber()}.${randomUUID().replaceAll('-', '')}`;
    this.issuedTriggers.set(id, realNow() + ttlMs);
    // A modal opened with this trigger belongs to this person (their modal stack).
    if (userId !== undefined) this.triggerUsers.set(id, userId);
    return id;
  }

  /** views.open / views.push with this trigger answer `error` (default `expired_trigger_id`). */
  expireTriggerId(triggerId: string, error = 'expired_trigger_id'): void {
    this.rejectedTriggers.set(triggerId, error);
  }

  // ----- the Slack client's side (the sandbox page acts through these) -------------------------

  /** Called after every change (API call, response_url post, upload, client action). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Ephemeral messages a person sees (optionally in one channel), oldest first. */
  ephemerals(userId: string, channel?: string, teamId?: string): StoredEphemeral[] {
    const team = teamId ?? this.defaultTeamId();
    return this.ephemeralStore.filter(
      (m) =>
        !m.deleted &&
        m.teamId === team &&
        m.user === userId &&
        (channel === undefined || m.channel === channel),
    );
  }

  /** A plain message a person typed into a channel (or their DM with the app). */
  postUserMessage(userId: string, channel: string, text: string, teamId?: string): StoredMessage {
    const team = this.team(teamId ?? this.defaultTeamId());
    const target = this.findChannel(team, channel);
    if (target.isArchived) fail('is_archived');
    const message = this.storeMessage(team.teamId, target.id, { user: userId, text });
    this.notify();
    return message;
  }

  /**
   * A slash command's immediate answer (the body of the app's HTTP reply): Slack shows it like a
   * `response_url` post, to the person only unless `response_type` is `in_channel`.
   */
  showCommandAnswer(context: ResponseContext, body: Params): void {
    this.applyResponse(context, body);
    this.notify();
  }

  /** The modals a person has open, bottom first (the top one is shown). */
  modalStack(userId: string, teamId?: string): Params[] {
    const team = teamId ?? this.defaultTeamId();
    return (this.modalStacks.get(`${team}:${userId}`) ?? []).flatMap((id) => {
      const view = this.viewStore.get(id)?.view;
      return view ? [view] : [];
    });
  }

  /**
   * What Slack's client does with the answer to a `view_submission`: no `response_action` closes the
   * submitted view (and the ones above it), `update` replaces it, `push` adds a view on top, `clear`
   * closes every modal. `errors` leaves everything as it is (the page shows them).
   */
  applyViewResponse(
    userId: string,
    viewId: string,
    response: { response_action?: string; view?: unknown } | undefined,
    teamId?: string,
  ): 'closed' | 'updated' | 'pushed' | 'cleared' | 'errors' {
    const team = this.team(teamId ?? this.defaultTeamId());
    const key = `${team.teamId}:${userId}`;
    const stack = this.modalStacks.get(key) ?? [];
    const action = response?.response_action;
    let result: 'closed' | 'updated' | 'pushed' | 'cleared' | 'errors';
    if (action === 'errors') {
      result = 'errors';
    } else if (action === 'clear') {
      this.modalStacks.set(key, []);
      result = 'cleared';
    } else if ((action === 'update' || action === 'push') && isObject(response?.view)) {
      const view = this.parseView({ view: response.view }, 'modal');
      const root = stack[0] ?? viewId;
      if (action === 'update') {
        const state = this.viewStore.get(viewId);
        if (state) state.view = this.buildView(team, viewId, view, root);
        result = 'updated';
      } else {
        if (stack.length >= 3) fail('push_limit_reached');
        const id = `V${this.nextId()}`;
        const built = this.buildView(team, id, view, root);
        built.previous_view_id = viewId;
        this.viewStore.set(id, { id, teamId: team.teamId, userId, view: built });
        this.modalStacks.set(key, [...stack, id]);
        result = 'pushed';
      }
    } else {
      this.closeModal(userId, viewId, team.teamId);
      result = 'closed';
    }
    this.notify();
    return result;
  }

  /** The person closed a modal (or it was submitted): it and any pushed above it go away. */
  closeModal(userId: string, viewId: string, teamId?: string): void {
    const team = teamId ?? this.defaultTeamId();
    const key = `${team}:${userId}`;
    const stack = this.modalStacks.get(key) ?? [];
    const at = stack.indexOf(viewId);
    if (at >= 0) this.modalStacks.set(key, stack.slice(0, at));
    this.notify();
  }

  /**
   * Messages, views, files and counters as JSON-safe data, to survive a restart. Ephemeral
   * messages are left out: on Slack they are gone when the client reloads.
   */
  snapshot(): DoubleSnapshot {
    return {
      messages: [...this.messageStore.values()],
      views: [...this.viewStore.values()],
      modalStacks: [...this.modalStacks.entries()],
      files: [...this.fileStore.values()].map((file) => ({
        ...file,
        content: file.content.toString('base64'),
      })),
      responseContexts: [...this.responseContexts.entries()],
      idCounter: this.idCounter,
      lastTsMicros: this.lastTsMicros,
    };
  }

  restore(snapshot: DoubleSnapshot): void {
    this.messageStore = new Map(snapshot.messages.map((m) => [`${m.teamId}:${m.channel}:${m.ts}`, m]));
    this.ephemeralStore = [];
    this.viewStore = new Map(snapshot.views.map((v) => [v.id, v]));
    this.modalStacks = new Map(snapshot.modalStacks);
    this.fileStore = new Map(
      snapshot.files.map((file) => [file.id, { ...file, content: Buffer.from(file.content, 'base64') }]),
    );
    this.responseContexts = new Map(snapshot.responseContexts);
    this.idCounter = Math.max(this.idCounter, snapshot.idCounter);
    this.lastTsMicros = Math.max(this.lastTsMicros, snapshot.lastTsMicros);
    this.notify();
  }

  /**
   * Clears recordings (calls, responses), messages, views, files, trigger and response_url state
   * and all injected behaviour (faults, latency, limits, revocations). Teams, users, channels,
   * usergroups, OAuth codes and custom handlers stay.
   */
  reset(): void {
    this.recordedCalls = [];
    this.recordedResponses = [];
    this.messageStore = new Map();
    this.viewStore = new Map();
    this.fileStore = new Map();
    this.issuedTriggers = new Map();
    this.triggerUsers = new Map();
    this.ephemeralStore = [];
    this.modalStacks = new Map();
    this.responseContexts = new Map();
    this.lastTsMicros = 0;
    this.rejectedTriggers = new Map();
    this.usedTriggers = new Set();
    this.responseUrlState = new Map();
    this.revoked = new Map();
    this.faults = [];
    this.latencyMs = 0;
    this.methodLatency = new Map();
    this.limits = undefined;
    this.channelPosts = new Map();
    this.teamPosts = new Map();
  }

  // ----- Socket Mode ---------------------------------------------------------------------------

  /** Open Socket Mode connections (each got its `hello`). */
  get socketConnections(): number {
    return this.sockets.size;
  }

  /** Resolves once `count` (default 1) Socket Mode clients are connected. */
  async waitForSocket(options: WaitOptions = {}): Promise<void> {
    await this.waitOn(
      () => [...this.sockets],
      'Socket Mode connection',
      options,
      () => `${this.sockets.size} connection(s)`,
    );
  }

  /**
   * Sends an envelope to the newest Socket Mode connection, as Slack does, and resolves with the
   * client's ack. `payload` is what Slack would POST in HTTP mode: the Events API envelope
   * (`event_callback`), the slash command's fields as an object, or the interaction payload.
   */
  sendEnvelope(type: EnvelopeType, payload: object, options: EnvelopeOptions = {}): Promise<SocketAck> {
    const link = [...this.sockets].at(-1);
    if (!link) return Promise.reject(new Error('Slack double: no Socket Mode connection'));
    const envelopeId = randomUUID();
    const timeoutMs = options.timeoutMs ?? 3000;
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = realSetTimeout(() => {
        this.pendingAcks.delete(envelopeId);
        reject(new Error(`Slack double: no ack for ${type} envelope within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pendingAcks.set(envelopeId, (ack) => {
        realClearTimeout(timer);
        resolve(ack);
      });
      link.sendText(
        JSON.stringify({
          envelope_id: envelopeId,
          payload,
          type,
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api'
            ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
            : {}),
        }),
      );
    });
  }

  /** Sends `{type: 'disconnect'}` to every connection (Slack does so before recycling one). */
  disconnectSockets(reason: 'warning' | 'refresh_requested' | 'link_disabled' = 'refresh_requested'): void {
    for (const link of this.sockets) {
      link.sendText(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-double' } }));
    }
  }

  /** @internal The WebSocket upgrade of a URL `apps.connections.open` issued (single use, as on Slack). */
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    let pinger: ReturnType<typeof setInterval> | undefined;
    let opened: WebSocketLink | undefined;
    this.webSockets.accept(
      req,
      socket,
      head,
      {
        onText: (text) => this.onSocketText(text),
        onClose: () => {
          realClearInterval(pinger);
          if (opened) this.sockets.delete(opened);
          this.notify();
        },
      },
      (link) => {
        opened = link;
        pinger = realSetInterval(() => link.ping(String(realNow())), SOCKET_PING_INTERVAL_MS);
        pinger.unref();
        this.sockets.add(link);
        link.sendText(
          JSON.stringify({
            type: 'hello',
            num_connections: this.sockets.size,
            debug_info: { host: 'applink-double', build_number: 1, approximate_connection_time: 18060 },
            connection_info: { app_id: this.appsConnectionsAppId() },
          }),
        );
        this.notify();
      },
    );
  }

  private onSocketText(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return; // Slack ignores what it cannot parse
    }
    if (!isObject(message) || typeof message.envelope_id !== 'string') return;
    const resolve = this.pendingAcks.get(message.envelope_id);
    this.pendingAcks.delete(message.envelope_id);
    resolve?.({ envelopeId: message.envelope_id, payload: message.payload });
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) waiter.reject(new Error('Slack double closed'));
    this.waiters.clear();
    for (const link of [...this.sockets]) link.destroy();
    this.webSockets.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ----- HTTP ----------------------------------------------------------------------------------

  /** @internal */
  async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = realNow();
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = await readBody(req);
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      await this.onApiCall(decodeURIComponent(path.slice('/api/'.length)), req, url, body, at, res);
    } else if (path.startsWith('/response/') && req.method === 'POST') {
      await this.onResponseUrl(decodeURIComponent(path.slice('/response/'.length)), req, body, at, res);
    } else if (path.startsWith('/upload/v1/') && req.method === 'POST') {
      await this.onUpload(decodeURIComponent(path.slice('/upload/v1/'.length)), req, body, res);
    } else {
      send(res, { status: 404, body: { ok: false, error: 'not_found' }, headers: {} });
    }
  }

  private async onApiCall(
    method: string,
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    at: number,
    res: ServerResponse,
  ): Promise<void> {
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    const params: Params = Object.fromEntries(url.searchParams);
    let via: CallVia = 'query';
    let parseError: string | undefined;
    if (body.length > 0 || contentType !== '') {
      if (contentType.startsWith('application/json')) {
        via = 'json';
        try {
          const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
          if (isObject(parsed)) Object.assign(params, parsed);
          else parseError = 'invalid_json';
        } catch {
          parseError = 'invalid_json';
        }
      } else if (contentType.startsWith('multipart/form-data')) {
        via = 'multipart';
        const form = await parseMultipart(contentType, body);
        for (const [key, value] of form) {
          params[key] = typeof value === 'string' ? value : { filename: value.name, size: value.size };
        }
      } else {
        via = 'form';
        for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
      }
    }
    for (const field of JSON_FIELDS) {
      const value = params[field];
      if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
        try {
          params[field] = JSON.parse(value);
        } catch {
          // left as a string; the method answers invalid_blocks_format / invalid_arguments
        }
      }
    }
    const authorization = req.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ')
      ? authorization.slice('Bearer '.length).trim()
      : undefined;
    // Slack ignores a `token` field in JSON bodies: JSON callers must use the header.
    const bodyToken = via === 'json' ? undefined : str(params, 'token');
    delete params.token;
    const token = bearer || bodyToken;
    const tokenInfo = token === undefined ? undefined : this.tokens.get(token);
    const teamId = this.workspaceOf(tokenInfo, params);

    const latency = this.methodLatency.get(method) ?? this.latencyMs;
    if (latency > 0) await sleep(latency);

    let answer: Answer;
    if (parseError !== undefined) {
      answer = { status: 200, body: { ok: false, error: parseError }, headers: {} };
    } else {
      try {
        answer = await this.answer(method, params, token, tokenInfo, req.headers.authorization);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        answer = {
          status: 500,
          body: { ok: false, error: 'slack_double_bug', detail: message },
          headers: {},
        };
      }
    }
    const ok = answer.body.ok === true;
    this.record({
      method,
      token,
      teamId,
      params,
      at,
      via,
      status: answer.status,
      ok,
      error: ok
        ? undefined
        : typeof answer.body.error === 'string'
          ? answer.body.error
          : `http_${answer.status}`,
      response: answer.body,
    });
    send(res, answer);
  }

  private async answer(
    method: string,
    params: Params,
    token: string | undefined,
    tokenInfo: TokenInfo | undefined,
    authorization: string | undefined,
  ): Promise<Answer> {
    const now = realNow();
    const teamId = this.workspaceOf(tokenInfo, params);
    const team = teamId === undefined ? undefined : this.teams.get(teamId);
    const headers: Record<string, string> = team ? { 'x-oauth-scopes': team.scopes.join(',') } : {};
    const reply = (body: SlackAnswer): Answer => ({ status: 200, body, headers });

    const server = this.takeFault('server', method, teamId, now);
    if (server) return { status: server.status, body: { ok: false, error: 'internal_error' }, headers: {} };
    const limited = this.takeFault('ratelimit', method, teamId, now);
    if (limited) return this.rateLimited(limited.retryAfter);

    const custom = this.customHandlers.get(method);
    const builtin = Object.hasOwn(this.builtins, method) ? this.builtins[method] : undefined;
    const open = method === 'oauth.v2.access' || method === 'api.test';
    if (!custom && !builtin && !open)
      return reply({ ok: false, error: 'unknown_method', req_method: method });

    const appOnly = method === 'apps.connections.open';
    try {
      if (!open) {
        if (token === undefined) fail('not_authed');
        const revokedError = this.revoked.get(token);
        if (revokedError !== undefined) fail(revokedError);
        if (!tokenInfo) fail('invalid_auth');
        if (appOnly !== (tokenInfo.kind === 'app')) fail('not_allowed_token_type');
      }
      if (method === 'chat.postMessage' && team && this.limits) {
        const retryAfter = this.checkPostLimits(team, str(params, 'channel'), now);
        if (retryAfter !== undefined) return this.rateLimited(retryAfter);
      }
      const injected = this.takeFault('error', method, teamId, now);
      if (injected) return reply({ ok: false, error: injected.error, ...injected.extra });

      if (custom) {
        const body = await custom({ method, params, token, teamId });
        return reply({ ok: true, ...body });
      }
      if (method === 'oauth.v2.access')
        return reply({ ok: true, ...this.oauthV2Access(params, authorization) });
      if (method === 'api.test') return reply({ ok: true, args: params });
      if (appOnly) return reply({ ok: true, ...this.appsConnectionsOpen() });
      if (tokenInfo?.kind === 'org' && method === 'auth.test')
        return reply({ ok: true, ...this.orgAuthTest(tokenInfo) });
      // An org token acts in one workspace of the org: the one `team_id` names (see workspaceOf).
      if (tokenInfo?.kind === 'org' && !team) {
        if (str(params, 'team_id') !== undefined) fail('team_access_not_granted');
        invalidArguments('missing required field: team_id');
      }
      if (!team || !builtin) fail('invalid_auth');
      return reply({ ok: true, ...builtin({ team, params, now }) });
    } catch (error) {
      if (error instanceof SlackApiError) return reply({ ok: false, error: error.code, ...error.extra });
      throw error;
    }
  }

  private rateLimited(retryAfter: number): Answer {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(retryAfter) },
    };
  }

  private takeFault<K extends Fault['kind']>(
    kind: K,
    method: string,
    teamId: string | undefined,
    now: number,
  ): Extract<Fault, { kind: K }> | undefined {
    this.faults = this.faults.filter((f) => f.remaining > 0 && !(f.kind === 'server' && f.until < now));
    const fault = this.faults.find(
      (f): f is Extract<Fault, { kind: K }> =>
        f.kind === kind &&
        (f.method === '*' || f.method === method) &&
        (f.teamId === undefined || f.teamId === teamId),
    );
    if (fault) fault.remaining -= 1;
    return fault;
  }

  private checkPostLimits(team: TeamState, channel: string | undefined, now: number): number | undefined {
    const limits = this.limits;
    if (!limits || channel === undefined) return undefined;
    const channelId = /^[UW]/.test(channel) ? this.dmChannelId(channel) : channel;
    const channelKey = `${team.teamId}:${channelId}`;
    const channelTimes = (this.channelPosts.get(channelKey) ?? []).filter((t) => t > now - 1000);
    const teamTimes = (this.teamPosts.get(team.teamId) ?? []).filter((t) => t > now - 60_000);
    this.channelPosts.set(channelKey, channelTimes);
    this.teamPosts.set(team.teamId, teamTimes);
    let retryAfter = 0;
    const perChannel = limits.perChannelPerSecond;
    if (perChannel !== undefined && channelTimes.length >= perChannel) {
      const oldest = channelTimes[channelTimes.length - perChannel] ?? now;
      retryAfter = Math.max(retryAfter, Math.ceil((oldest + 1000 - now) / 1000));
    }
    const perTeam = limits.workspacePerMinute;
    if (perTeam !== undefined && teamTimes.length >= perTeam) {
      const oldest = teamTimes[teamTimes.length - perTeam] ?? now;
      retryAfter = Math.max(retryAfter, Math.ceil((oldest + 60_000 - now) / 1000));
    }
    if (retryAfter > 0) return retryAfter;
    channelTimes.push(now);
    teamTimes.push(now);
    return undefined;
  }

  private async onResponseUrl(
    id: string,
    req: IncomingMessage,
    body: Buffer,
    at: number,
    res: ServerResponse,
  ): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const state = this.responseUrlState.get(id) ?? { posts: 0, expired: false };
    this.responseUrlState.set(id, state);
    let parsed: Params = {};
    let status = 200;
    let answer: SlackAnswer = { ok: true };
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    try {
      if (contentType.startsWith('application/x-www-form-urlencoded')) {
        const payload = new URLSearchParams(body.toString('utf8')).get('payload');
        const value: unknown = payload === null ? {} : JSON.parse(payload);
        parsed = isObject(value) ? value : {};
      } else {
        const value: unknown = JSON.parse(body.toString('utf8'));
        if (!isObject(value)) throw new Error('not an object');
        parsed = value;
      }
    } catch {
      status = 400;
      answer = { ok: false, error: 'invalid_payload' };
    }
    if (status === 200 && state.expired) {
      status = 404;
      answer = { ok: false, error: 'expired_url' };
    } else if (status === 200 && state.posts >= 5) {
      // Slack: a response_url takes at most 5 posts within 30 minutes.
      status = 404;
      answer = { ok: false, error: 'used_url' };
    } else if (status === 200) {
      state.posts += 1;
    }
    this.recordedResponses.push({ id, body: parsed, at, status });
    const context = this.responseContexts.get(id);
    if (status === 200 && context) this.applyResponse(context, parsed);
    this.trimRecordings();
    this.notify();
    send(res, { status, body: answer, headers: {} });
  }

  /** A response_url post, applied as Slack applies it. */
  private applyResponse(context: ResponseContext, body: Params): void {
    const team = this.teams.get(context.teamId ?? this.defaultTeamId());
    if (!team) return;
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const original =
      context.messageTs === undefined
        ? undefined
        : context.ephemeral
          ? this.ephemeralStore.find(
              (m) => m.teamId === team.teamId && m.user === context.userId && m.ts === context.messageTs,
            )
          : this.messageStore.get(`${team.teamId}:${context.channel}:${context.messageTs}`);
    if (bool(body, 'delete_original')) {
      if (original) original.deleted = true;
      return;
    }
    if (bool(body, 'replace_original') && original) {
      original.text = text;
      original.blocks = blocks;
      return;
    }
    if (body.response_type === 'in_channel') {
      this.storeMessage(team.teamId, context.channel, { text, blocks });
      return;
    }
    this.ephemeralStore.push({
      teamId: team.teamId,
      channel: context.channel,
      user: context.userId,
      ts: this.nextTs(),
      text,
      blocks,
      deleted: false,
    });
  }

  private async onUpload(
    fileId: string,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const file = this.fileStore.get(fileId);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    let content = body;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await parseMultipart(contentType, body);
      content = Buffer.alloc(0);
      // @slack/web-api posts the bytes as a file part named `body`; take the first file part.
      for (const [, value] of form) {
        if (typeof value === 'string') {
          content = Buffer.from(value, 'utf8');
        } else {
          content = Buffer.from(await value.arrayBuffer());
          break;
        }
      }
    }
    file.content = content;
    file.uploaded = true;
    this.notify();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${content.length}`);
  }

  // ----- method implementations ----------------------------------------------------------------

  private readonly builtins: Record<string, (ctx: MethodContext) => SlackAnswer> = {
    'auth.test': ({ team }) => ({
      url: `https://${team.domain}.slack.com/`,
      team: team.teamName,
      user: team.botName,
      team_id: team.teamId,
      user_id: team.botUserId,
      bot_id: team.botId,
      is_enterprise_install: false,
      ...(team.enterpriseId ? { enterprise_id: team.enterpriseId } : {}),
    }),
    'apps.connections.open': () => fail('not_allowed_token_type'),
    'chat.postMessage': (ctx) => this.chatPostMessage(ctx),
    'chat.postEphemeral': (ctx) => this.chatPostEphemeral(ctx),
    'chat.update': (ctx) => this.chatUpdate(ctx),
    'chat.delete': ({ team, params }) => {
      const message = this.findMessage(team, params, 'ts');
      message.deleted = true;
      return { channel: message.channel, ts: message.ts };
    },
    'chat.getPermalink': ({ team, params }) => {
      const channel = this.findChannel(team, required(params, 'channel'));
      const ts = required(params, 'message_ts');
      return {
        channel: channel.id,
        permalink: `https://${team.domain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`,
      };
    },
    'views.open': (ctx) => this.viewsOpen(ctx, false),
    'views.push': (ctx) => this.viewsOpen(ctx, true),
    'views.update': (ctx) => this.viewsUpdate(ctx),
    'views.publish': (ctx) => this.viewsPublish(ctx),
    'users.info': ({ team, params }) => {
      const user = this.users.get(`${team.teamId}:${required(params, 'user')}`) ?? fail('user_not_found');
      return { user: this.userObject(user, this.wallClock(), bool(params, 'include_locale')) };
    },
    'users.list': ({ team, params, now }) => {
      const all = [...this.users.values()].filter((u) => u.teamId === team.teamId);
      const { page, nextCursor } = paginate(all, params);
      return {
        members: page.map((u) => this.userObject(u, this.wallClock(), bool(params, 'include_locale'))),
        cache_ts: Math.floor(now / 1000),
        response_metadata: { next_cursor: nextCursor },
      };
    },
    'conversations.open': (ctx) => this.conversationsOpen(ctx),
    'conversations.history': (ctx) => this.conversationsHistory(ctx),
    'conversations.members': ({ team, params }) => {
      const channel = this.visibleChannel(team, required(params, 'channel'));
      if (!channel.isIm && !channel.isMpim)
        this.requireScope(team, channel.isPrivate ? 'groups:read' : 'channels:read');
      const { page, nextCursor } = paginate(channel.members, params);
      return { members: page, response_metadata: { next_cursor: nextCursor } };
    },
    'users.conversations': (ctx) => this.usersConversations(ctx),
    'conversations.info': ({ team, params }) => ({
      channel: this.channelObject(this.visibleChannel(team, required(params, 'channel'))),
    }),
    'conversations.join': ({ team, params }) => {
      const channel = this.findChannel(team, required(params, 'channel'));
      if (channel.isIm || channel.isMpim || channel.isPrivate) fail('method_not_supported_for_channel_type');
      if (channel.isArchived) fail('is_archived');
      const already = channel.isMember;
      channel.isMember = true;
      if (!channel.members.includes(team.botUserId)) channel.members.push(team.botUserId);
      return { channel: this.channelObject(channel), ...(already ? { warning: 'already_in_channel' } : {}) };
    },
    'usergroups.users.list': ({ team, params }) => {
      const group =
        this.usergroups.get(`${team.teamId}:${required(params, 'usergroup')}`) ?? fail('no_such_subteam');
      return { users: [...group.users] };
    },
    'team.info': ({ team, params }) => {
      const wanted = str(params, 'team');
      const target = wanted === undefined ? team : (this.teams.get(wanted) ?? fail('team_not_found'));
      return {
        team: {
          id: target.teamId,
          name: target.teamName,
          url: `https://${target.domain}.slack.com/`,
          domain: target.domain,
          email_domain: '',
          icon: { image_default: true },
          avatar_base_url: 'https://ca.slack-edge.com/',
          is_verified: false,
          ...(target.enterpriseId ? { enterprise_id: target.enterpriseId } : {}),
        },
      };
    },
    'files.getUploadURLExternal': ({ team, params }) => {
      const filename = required(params, 'filename');
      const length = num(params, 'length') ?? invalidArguments('missing required field: length');
      const id = `F${this.nextId()}`;
      this.fileStore.set(id, {
        id,
        teamId: team.teamId,
        filename,
        title: undefined,
        length,
        content: Buffer.alloc(0),
        uploaded: false,
        completed: false,
        channelId: undefined,
        initialComment: undefined,
        threadTs: undefined,
        deleted: false,
      });
      return { upload_url: `${this.baseUrl}/upload/v1/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (ctx) => this.filesCompleteUploadExternal(ctx),
    // A bot token deletes the files its app uploaded; Slack takes the file out of every message that
    // shared it, and a share with no text of its own disappears with it.
    'files.delete': ({ team, params }) => {
      const file = this.fileStore.get(required(params, 'file'));
      if (!file || file.teamId !== team.teamId) fail('file_not_found');
      if (file.deleted) fail('file_deleted');
      file.deleted = true;
      for (const message of this.messageStore.values()) {
        if (message.teamId !== team.teamId || !message.files?.includes(file.id)) continue;
        message.files = message.files.filter((id) => id !== file.id);
        if (message.files.length === 0 && message.text === '') message.deleted = true;
      }
      return {};
    },
  };

  private chatPostMessage({ team, params }: MethodContext): SlackAnswer {
    const channel = this.postTarget(team, str(params, 'channel'));
    this.assertCanPost(team, channel);
    const content = this.messageContent(params, true);
    const message = this.storeMessage(team.teamId, channel.id, {
      text: content.text ?? '',
      blocks: content.blocks,
      attachments: content.attachments,
      threadTs: str(params, 'thread_ts'),
      metadata: params.metadata,
    });
    return { channel: channel.id, ts: message.ts, message: this.messageObject(team, message) };
  }

  private chatPostEphemeral({ team, params }: MethodContext): SlackAnswer {
    const channel = this.postTarget(team, str(params, 'channel'));
    const user = required(params, 'user');
    this.assertCanPost(team, channel);
    if (
      channel.isIm ? channel.user !== undefined && channel.user !== user : !channel.members.includes(user)
    ) {
      if (channel.isIm || channel.membersDeclared) fail('user_not_in_channel');
    }
    const content = this.messageContent(params, true);
    const ts = this.nextTs();
    this.ephemeralStore.push({
      teamId: team.teamId,
      channel: channel.id,
      user,
      ts,
      text: content.text ?? '',
      blocks: content.blocks,
      deleted: false,
    });
    return { message_ts: ts };
  }

  private chatUpdate({ team, params, now }: MethodContext): SlackAnswer {
    const message = this.findMessage(team, params, 'ts');
    const content = this.messageContent(params, false);
    if (content.text === undefined && content.blocks === undefined && content.attachments === undefined) {
      fail('no_text');
    }
    // As on Slack: fields left out keep their previous value; `blocks: []` removes blocks.
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks.length > 0 ? content.blocks : undefined;
    if (content.attachments !== undefined) message.attachments = content.attachments;
    message.editedAt = now;
    return {
      channel: message.channel,
      ts: message.ts,
      text: message.text,
      message: this.messageObject(team, message),
    };
  }

  private messageContent(
    params: Params,
    requireSomething: boolean,
  ): { text: string | undefined; blocks: unknown[] | undefined; attachments: unknown[] | undefined } {
    const rawBlocks = params.blocks;
    let blocks: unknown[] | undefined;
    if (rawBlocks !== undefined && rawBlocks !== '') {
      if (!Array.isArray(rawBlocks)) fail('invalid_blocks_format');
      const violations = collectBlockKitViolations('message', rawBlocks);
      if (violations.length > 0) {
        fail('invalid_blocks', {
          response_metadata: {
            messages: violations.map((v) => `[ERROR] ${v.message} [json-pointer:${v.path}]`),
          },
        });
      }
      blocks = rawBlocks;
    }
    const rawAttachments = params.attachments;
    let attachments: unknown[] | undefined;
    if (rawAttachments !== undefined && rawAttachments !== '') {
      if (!Array.isArray(rawAttachments)) fail('invalid_attachments');
      if (rawAttachments.length > 100) fail('too_many_attachments');
      attachments = rawAttachments;
    }
    const text = typeof params.text === 'string' ? params.text : str(params, 'text');
    const hasText = text !== undefined && text !== '';
    if (requireSomething && !hasText && !blocks?.length && !attachments?.length) fail('no_text');
    if (text !== undefined && text.length > 40_000) fail('msg_too_long');
    return { text, blocks, attachments };
  }

  private findMessage(team: TeamState, params: Params, tsField: string): StoredMessage {
    let channelId = required(params, 'channel');
    if (/^[UW]/.test(channelId)) channelId = this.dmChannelId(channelId);
    this.findChannel(team, channelId);
    const ts = required(params, tsField);
    const message = this.messageStore.get(`${team.teamId}:${channelId}:${ts}`);
    if (!message || message.deleted) fail('message_not_found');
    return message;
  }

  private messageObject(team: TeamState, message: StoredMessage): Params {
    if (message.user !== undefined) {
      return {
        type: 'message',
        text: message.text,
        user: message.user,
        ts: message.ts,
        team: team.teamId,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      };
    }
    return {
      type: 'message',
      text: message.text,
      user: team.botUserId,
      bot_id: team.botId,
      app_id: team.appId,
      ts: message.ts,
      team: team.teamId,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.attachments ? { attachments: message.attachments } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
      ...(message.editedAt !== undefined
        ? { edited: { user: team.botUserId, ts: `${Math.floor(message.editedAt / 1000)}.000000` } }
        : {}),
      bot_profile: {
        id: team.botId,
        app_id: team.appId,
        name: team.botName,
        deleted: false,
        team_id: team.teamId,
      },
    };
  }

  private viewsOpen({ team, params, now }: MethodContext, push: boolean): SlackAnswer {
    const triggerId = required(params, 'trigger_id');
    const view = this.parseView(params, 'modal');
    this.consumeTrigger(triggerId, now);
    const externalId =
      typeof view.external_id === 'string' && view.external_id !== '' ? view.external_id : undefined;
    if (externalId !== undefined && this.viewByExternalId(team, externalId)) fail('duplicate_external_id');
    const userId = this.triggerUsers.get(triggerId);
    const stackKey = `${team.teamId}:${userId}`;
    const stack = userId === undefined ? undefined : (this.modalStacks.get(stackKey) ?? []);
    if (push && stack && stack.length >= 3) fail('push_limit_reached');
    const id = `V${this.nextId()}`;
    const root = push && stack?.[0] !== undefined ? stack[0] : id;
    const built = this.buildView(team, id, view, root);
    built.previous_view_id = push ? (stack?.at(-1) ?? null) : null;
    this.viewStore.set(id, { id, teamId: team.teamId, userId, view: built });
    if (stack && userId !== undefined) this.modalStacks.set(stackKey, push ? [...stack, id] : [id]);
    return { view: built };
  }

  private viewsUpdate({ team, params }: MethodContext): SlackAnswer {
    const viewId = str(params, 'view_id');
    const externalId = str(params, 'external_id');
    if (viewId === undefined && externalId === undefined) {
      invalidArguments('either view_id or external_id is required');
    }
    const state =
      viewId !== undefined
        ? this.viewStore.get(viewId)
        : externalId !== undefined
          ? this.viewByExternalId(team, externalId)
          : undefined;
    if (!state || state.teamId !== team.teamId) fail('not_found');
    const hash = str(params, 'hash');
    if (hash !== undefined && hash !== state.view.hash) fail('hash_conflict');
    const surface = state.view.type === 'home' ? 'home' : 'modal';
    const view = this.parseView(params, surface);
    const rootViewId = typeof state.view.root_view_id === 'string' ? state.view.root_view_id : state.id;
    state.view = this.buildView(team, state.id, view, rootViewId);
    return { view: state.view };
  }

  private viewsPublish({ team, params }: MethodContext): SlackAnswer {
    const userId = required(params, 'user_id');
    const view = this.parseView(params, 'home');
    const existing = [...this.viewStore.values()].find(
      (v) => v.teamId === team.teamId && v.userId === userId && v.view.type === 'home',
    );
    const hash = str(params, 'hash');
    if (existing && hash !== undefined && hash !== existing.view.hash) fail('hash_conflict');
    const id = existing?.id ?? `V${this.nextId()}`;
    const built = this.buildView(team, id, view, id);
    this.viewStore.set(id, { id, teamId: team.teamId, userId, view: built });
    return { view: built };
  }

  private parseView(params: Params, surface: 'modal' | 'home'): Params {
    const view = params.view;
    if (view === undefined || view === '') invalidArguments('missing required field: view');
    if (!isObject(view)) invalidArguments('view must be a JSON object');
    if (view.type !== surface) invalidArguments(`view.type must be "${surface}"`);
    const violations = collectBlockKitViolations(surface, view);
    if (violations.some((v) => v.kind === 'view_too_large')) fail('view_too_large');
    if (violations.length > 0)
      invalidArguments(...violations.map((v) => `${v.message} [json-pointer:${v.path}]`));
    return view;
  }

  private buildView(team: TeamState, id: string, view: Params, rootViewId: string): Params {
    return {
      id,
      team_id: team.teamId,
      type: view.type,
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      state: { values: {} },
      hash: `${Math.floor(realNow() / 1000)}.${this.nextId().toLowerCase()}`,
      title: view.title ?? null,
      close: view.close ?? null,
      submit: view.submit ?? null,
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
      external_id: view.external_id ?? '',
      root_view_id: rootViewId,
      previous_view_id: null,
      app_id: team.appId,
      app_installed_team_id: team.teamId,
      bot_id: team.botId,
    };
  }

  private viewByExternalId(team: TeamState, externalId: string): ViewState | undefined {
    return [...this.viewStore.values()].find(
      (v) => v.teamId === team.teamId && v.view.external_id === externalId,
    );
  }

  private consumeTrigger(triggerId: string, now: number): void {
    const rejected = this.rejectedTriggers.get(triggerId);
    if (rejected !== undefined) fail(rejected);
    const expiresAt = this.issuedTriggers.get(triggerId);
    if (expiresAt !== undefined && now > expiresAt) fail('expired_trigger_id');
    if ((this.options.singleUseTriggers ?? true) && this.usedTriggers.has(triggerId))
      fail('exchanged_trigger_id');
    this.usedTriggers.add(triggerId);
  }

  /**
   * As Slack documents it: top-level messages (thread replies stay in their thread), newest first;
   * `oldest`/`latest` bound the window (exclusive unless `inclusive`); `limit` 100 by default, at
   * most 999; a cursor continues below the last page; metadata only with `include_all_metadata`.
   */
  private conversationsHistory({ team, params }: MethodContext): SlackAnswer {
    const channel =
      this.channels.get(`${team.teamId}:${required(params, 'channel')}`) ?? fail('channel_not_found');
    this.requireScope(team, this.historyScope(channel));
    if (!channel.isMember) fail('not_in_channel');
    const bound = (field: 'oldest' | 'latest', error: string): number | undefined => {
      const value = str(params, field);
      if (value === undefined) return undefined;
      return tsMicros(value) ?? fail(error);
    };
    const oldest = bound('oldest', 'invalid_ts_oldest');
    const latest = bound('latest', 'invalid_ts_latest');
    const inclusive = bool(params, 'inclusive');
    const cursor = str(params, 'cursor');
    let below: number | undefined;
    if (cursor !== undefined) {
      const match = /^next_ts:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
      below = match?.[1] ? Number(match[1]) : fail('invalid_cursor');
    }
    const requested = num(params, 'limit');
    const limit = requested === undefined || requested <= 0 ? 100 : Math.min(Math.floor(requested), 999);
    const window = [...this.messageStore.values()]
      .filter((m) => m.teamId === team.teamId && m.channel === channel.id && !m.deleted)
      .filter((m) => m.threadTs === undefined || m.threadTs === m.ts)
      .map((m) => ({ message: m, at: tsMicros(m.ts) ?? 0 }))
      .filter(({ at }) => oldest === undefined || (inclusive ? at >= oldest : at > oldest))
      .filter(({ at }) => latest === undefined || (inclusive ? at <= latest : at < latest))
      .filter(({ at }) => below === undefined || at <= below)
      .sort((a, b) => b.at - a.at);
    const page = window.slice(0, limit);
    const next = window[limit];
    const withMetadata = bool(params, 'include_all_metadata');
    return {
      messages: page.map(({ message }) => {
        const object = this.messageObject(team, message);
        if (!withMetadata) delete object.metadata;
        return object;
      }),
      has_more: next !== undefined,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: {
        next_cursor: next === undefined ? '' : Buffer.from(`next_ts:${next.at}`).toString('base64'),
      },
    };
  }

  private historyScope(channel: ChannelState): string {
    if (channel.isIm) return 'im:history';
    if (channel.isMpim) return 'mpim:history';
    return channel.isPrivate ? 'groups:history' : 'channels:history';
  }

  /** Slack's answer to a token without the scope a method needs names both sides. */
  private requireScope(team: TeamState, scope: string): void {
    if (!team.scopes.includes(scope))
      fail('missing_scope', { needed: scope, provided: team.scopes.join(',') });
  }

  private conversationsOpen({ team, params }: MethodContext): SlackAnswer {
    const channelParam = str(params, 'channel');
    if (channelParam !== undefined) {
      const channel = this.findChannel(team, channelParam);
      return { no_op: true, already_open: true, channel: { id: channel.id } };
    }
    const users = (str(params, 'users') ?? fail('users_list_not_supplied'))
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    if (users.length === 0) fail('users_list_not_supplied');
    if (users.length > 8) fail('too_many_users');
    this.requireScope(team, users.length === 1 ? 'im:write' : 'mpim:write');
    for (const userId of users) {
      const user = this.users.get(`${team.teamId}:${userId}`);
      if (!user && this.hasDeclaredUsers(team)) fail('user_not_found');
      if (user?.deleted) fail('user_disabled');
      if (user?.is_bot && users.length === 1) fail('cannot_dm_bot');
    }
    const [single] = users;
    if (users.length === 1 && single !== undefined) {
      const existed = this.channels.has(`${team.teamId}:${this.dmChannelId(single)}`);
      const dm = this.ensureDm(team, single);
      return {
        ...(existed ? { no_op: true, already_open: true } : {}),
        channel: bool(params, 'return_im') ? this.channelObject(dm) : { id: dm.id },
      };
    }
    const sorted = [...users].sort();
    const id = `G${createHash('sha1')
      .update(`${team.teamId}:${sorted.join(',')}`)
      .digest('hex')
      .slice(0, 10)
      .toUpperCase()}`;
    const key = `${team.teamId}:${id}`;
    if (!this.channels.has(key)) {
      this.channels.set(key, {
        teamId: team.teamId,
        id,
        name: `mpdm-${sorted.join('--').toLowerCase()}-1`,
        isPrivate: true,
        isArchived: false,
        isMember: true,
        isIm: false,
        isMpim: true,
        user: undefined,
        members: [...sorted, team.botUserId],
        created: Math.floor(realNow() / 1000),
      });
    }
    return { channel: { id } };
  }

  private filesCompleteUploadExternal({ team, params }: MethodContext): SlackAnswer {
    const files = params.files;
    if (!Array.isArray(files) || files.length === 0) invalidArguments('missing required field: files');
    const channelId = str(params, 'channel_id');
    if (channelId !== undefined) {
      const channel = this.findChannel(team, channelId);
      this.assertCanPost(team, channel);
    }
    const done: UploadedFile[] = [];
    for (const entry of files) {
      const id = isObject(entry) ? str(entry, 'id') : undefined;
      const file = id === undefined ? undefined : this.fileStore.get(id);
      // Slack answers file_not_found for ids it did not issue; a file whose bytes never arrived
      // is treated the same way here.
      if (!file || file.teamId !== team.teamId || !file.uploaded) fail('file_not_found');
      done.push(file);
      if (isObject(entry) && typeof entry.title === 'string') file.title = entry.title;
    }
    for (const file of done) {
      file.completed = true;
      file.channelId = channelId;
      file.initialComment = str(params, 'initial_comment');
      file.threadTs = str(params, 'thread_ts');
    }
    if (channelId !== undefined) {
      this.storeMessage(team.teamId, channelId, {
        text: str(params, 'initial_comment') ?? '',
        threadTs: str(params, 'thread_ts'),
        files: done.map((f) => f.id),
      });
    }
    return { files: done.map((file) => this.fileObject(team, file)) };
  }

  private fileObject(team: TeamState, file: UploadedFile): Params {
    const created = Math.floor(realNow() / 1000);
    return {
      id: file.id,
      created,
      timestamp: created,
      name: file.filename,
      title: file.title ?? file.filename,
      mimetype: 'application/octet-stream',
      filetype: file.filename.includes('.') ? (file.filename.split('.').pop() ?? 'binary') : 'binary',
      user: team.botUserId,
      user_team: team.teamId,
      size: file.content.length,
      is_external: false,
      url_private: `${this.baseUrl}/files-pri/${team.teamId}-${file.id}/${encodeURIComponent(file.filename)}`,
      permalink: `https://${team.domain}.slack.com/files/${team.botUserId}/${file.id}/${encodeURIComponent(file.filename)}`,
      channels: file.channelId ? [file.channelId] : [],
      shares: {},
    };
  }

  private oauthV2Access(params: Params, authorization: string | undefined): SlackAnswer {
    let clientId = str(params, 'client_id');
    let clientSecret = str(params, 'client_secret');
    if (authorization?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(authorization.slice('Basic '.length), 'base64')
        .toString('utf8')
        .split(':');
      clientId ??= id;
      clientSecret ??= secret;
    }
    const oauth = this.options.oauth;
    if (oauth) {
      if (clientId !== oauth.clientId) fail('invalid_client_id');
      if (clientSecret !== oauth.clientSecret) fail('bad_client_secret');
    }
    const code = str(params, 'code');
    const install = code === undefined ? undefined : this.oauthCodes.get(code);
    if (code === undefined || !install) fail('invalid_code');
    this.oauthCodes.delete(code);
    if (install.isEnterpriseInstall) return this.orgInstall(install);
    const previous = this.teams.get(install.teamId);
    const suffix = install.teamId.toLowerCase();
    this.addTeam({
      teamId: install.teamId,
      botToken: install.botToken ?? previous?.botToken ?? `xoxb-${suffix}-${this.nextId().toLowerCase()}`,
      botUserId: install.botUserId ?? previous?.botUserId ?? `UBOT${install.teamId}`,
      botId: install.botId ?? previous?.botId ?? `BBOT${install.teamId}`,
      teamName: install.teamName ?? previous?.teamName,
      domain: install.domain ?? previous?.domain,
      appId: install.appId ?? previous?.appId,
      enterpriseId: install.enterpriseId ?? previous?.enterpriseId,
      botName: install.botName ?? previous?.botName,
      scopes: install.scopes ?? (install.scope ? install.scope.split(',') : previous?.scopes),
    });
    const team = this.team(install.teamId);
    return {
      app_id: team.appId,
      authed_user: { id: install.authedUserId ?? 'UINSTALLER' },
      scope: install.scope ?? team.scopes.join(','),
      token_type: 'bot',
      access_token: team.botToken,
      bot_user_id: team.botUserId,
      team: { id: team.teamId, name: team.teamName },
      enterprise: team.enterpriseId
        ? { id: team.enterpriseId, name: `Enterprise ${team.enterpriseId}` }
        : null,
      is_enterprise_install: install.isEnterpriseInstall ?? false,
    };
  }

  private appsConnectionsAppId(): string {
    return [...this.teams.values()][0]?.appId ?? 'A0THROUGHLINE';
  }

  /**
   * An org-wide install (Enterprise Grid): one bot token for every workspace of the org, answered
   * as Slack does, with `team: null` and `is_enterprise_install: true`. The org's workspaces are the
   * teams added with this `enterpriseId`.
   */
  private orgInstall(install: DoubleOAuthCode): SlackAnswer {
    const enterpriseId = install.enterpriseId ?? this.teams.get(install.teamId)?.enterpriseId;
    if (!enterpriseId) invalidArguments('an org-wide install needs an enterpriseId');
    const botToken = install.botToken ?? `xoxb-${enterpriseId.toLowerCase()}-${this.nextId().toLowerCase()}`;
    const info = {
      kind: 'org' as const,
      enterpriseId,
      botUserId: install.botUserId ?? `UBOT${enterpriseId}`,
      botId: install.botId ?? `BBOT${enterpriseId}`,
      appId: install.appId ?? 'A0THROUGHLINE',
    };
    this.tokens.set(botToken, info);
    this.revoked.delete(botToken);
    const scopes = install.scope ?? (install.scopes ?? DEFAULT_SCOPES).join(',');
    return {
      app_id: info.appId,
      authed_user: { id: install.authedUserId ?? 'UINSTALLER' },
      scope: scopes,
      token_type: 'bot',
      access_token: botToken,
      bot_user_id: info.botUserId,
      team: null,
      enterprise: { id: enterpriseId, name: `Enterprise ${enterpriseId}` },
      is_enterprise_install: true,
    };
  }

  private orgAuthTest(org: Extract<TokenInfo, { kind: 'org' }>): SlackAnswer {
    return {
      url: `https://${org.enterpriseId.toLowerCase()}.enterprise.slack.com/`,
      team: `Enterprise ${org.enterpriseId}`,
      user: 'throughline',
      team_id: org.enterpriseId,
      user_id: org.botUserId,
      bot_id: org.botId,
      enterprise_id: org.enterpriseId,
      is_enterprise_install: true,
    };
  }

  /**
   * The workspace a call acts in: the token's own, or for an org token the workspace of the org
   * that `team_id` names (one outside the org: none, and the call is `team_access_not_granted`), else the workspace of
   * the org where the named user or channel lives (ids are unique across an org).
   */
  private workspaceOf(tokenInfo: TokenInfo | undefined, params: Params): string | undefined {
    if (tokenInfo?.kind === 'bot') return tokenInfo.teamId;
    if (tokenInfo?.kind !== 'org') return undefined;
    const inOrg = [...this.teams.values()].filter((team) => team.enterpriseId === tokenInfo.enterpriseId);
    const named = str(params, 'team_id');
    if (named !== undefined) return inOrg.some((team) => team.teamId === named) ? named : undefined;
    const ids = ['channel', 'user', 'users'].map((key) => str(params, key)).filter((id) => id !== undefined);
    return inOrg.find((team) =>
      ids.some((id) => this.users.has(`${team.teamId}:${id}`) || this.channels.has(`${team.teamId}:${id}`)),
    )?.teamId;
  }

  private appsConnectionsOpen(): SlackAnswer {
    const appId = this.appsConnectionsAppId();
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return {
      url: `ws://127.0.0.1:${new URL(this.baseUrl).port}/link/?ticket=${ticket}&app_id=${appId}`,
    };
  }

  // ----- directory helpers ---------------------------------------------------------------------

  private readonly declaredChannelTeams = new Set<string>();

  private defaultTeamId(): string {
    const first = this.teams.keys().next();
    if (first.done) throw new Error('Slack double has no team');
    return first.value;
  }

  private team(teamId: string): TeamState {
    const team = this.teams.get(teamId);
    if (!team) throw new Error(`Slack double: unknown team ${teamId}; add it with addTeam first`);
    return team;
  }

  private hasDeclaredUsers(team: TeamState): boolean {
    for (const user of this.users.values()) if (user.teamId === team.teamId && user.declared) return true;
    return false;
  }

  /**
   * As Slack documents it: the conversations `user` (default: the bot) is a member of, of the
   * requested `types` (default `public_channel`), each needing its `*:read` scope; another user's
   * private channels, group DMs and DMs only where the bot is a member too; `exclude_archived`;
   * cursor pages of `limit` (at most 999). Limited objects: no `is_member` or `num_members`.
   */
  private usersConversations({ team, params }: MethodContext): SlackAnswer {
    const user = str(params, 'user') ?? team.botUserId;
    const types = (str(params, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
    const scopes: Record<string, string> = {
      public_channel: 'channels:read',
      private_channel: 'groups:read',
      mpim: 'mpim:read',
      im: 'im:read',
    };
    for (const type of types) {
      const scope = scopes[type];
      if (!scope) fail('invalid_types');
      this.requireScope(team, scope);
    }
    const typeOf = (c: ChannelState) =>
      c.isIm ? 'im' : c.isMpim ? 'mpim' : c.isPrivate ? 'private_channel' : 'public_channel';
    const excludeArchived = bool(params, 'exclude_archived');
    const found = [...this.channels.values()].filter(
      (c) =>
        c.teamId === team.teamId &&
        types.includes(typeOf(c)) &&
        c.members.includes(user) &&
        (typeOf(c) === 'public_channel' || user === team.botUserId || c.isMember) &&
        !(excludeArchived && c.isArchived),
    );
    const requested = num(params, 'limit');
    const { page, nextCursor } = paginate(found, {
      ...params,
      limit: requested === undefined ? undefined : Math.min(requested, 999),
    });
    return {
      channels: page.map((c) => {
        const object = this.channelObject(c);
        delete object.is_member;
        delete object.num_members;
        return object;
      }),
      response_metadata: { next_cursor: nextCursor },
    };
  }

  /**
   * A channel as the bot can see it: as on Slack, a private channel (or group DM) the bot is not
   * a member of does not exist for it (`channel_not_found`), for reads like conversations.info
   * and conversations.members.
   */
  private visibleChannel(team: TeamState, id: string): ChannelState {
    const channel = this.findChannel(team, id);
    if ((channel.isPrivate || channel.isMpim) && !channel.isIm && !channel.isMember)
      fail('channel_not_found');
    return channel;
  }

  private findChannel(team: TeamState, id: string): ChannelState {
    const existing = this.channels.get(`${team.teamId}:${id}`);
    if (existing) return existing;
    if (/^[UW]/.test(id) || this.declaredChannelTeams.has(team.teamId)) fail('channel_not_found');
    const created: ChannelState = {
      teamId: team.teamId,
      id,
      name: id.toLowerCase(),
      isPrivate: id.startsWith('G'),
      isArchived: false,
      isMember: true,
      isIm: id.startsWith('D'),
      isMpim: false,
      user: undefined,
      members: [team.botUserId],
      created: Math.floor(realNow() / 1000),
    };
    this.channels.set(`${team.teamId}:${id}`, created);
    return created;
  }

  /** chat.postMessage's `channel`: a channel id, `#name`, or a user id (→ the DM). */
  private postTarget(team: TeamState, channel: string | undefined): ChannelState {
    if (channel === undefined) fail('channel_not_found');
    if (/^[UW]/.test(channel)) {
      const user = this.users.get(`${team.teamId}:${channel}`);
      if (!user && this.hasDeclaredUsers(team)) fail('channel_not_found');
      if (user?.is_bot) fail('cannot_dm_bot');
      // As on Slack, posting to a deactivated user's DM succeeds (python-slack-sdk#1156).
      return this.ensureDm(team, channel);
    }
    if (channel.startsWith('#')) {
      const name = channel.slice(1);
      for (const c of this.channels.values()) if (c.teamId === team.teamId && c.name === name) return c;
      fail('channel_not_found');
    }
    return this.findChannel(team, channel);
  }

  private assertCanPost(team: TeamState, channel: ChannelState): void {
    if (channel.isArchived) fail('is_archived');
    if (channel.isIm || channel.isMpim || channel.isMember) return;
    if (!channel.isPrivate && team.scopes.includes('chat:write.public')) return;
    fail('not_in_channel');
  }

  private ensureDm(team: TeamState, userId: string): ChannelState {
    const id = this.dmChannelId(userId);
    const key = `${team.teamId}:${id}`;
    const existing = this.channels.get(key);
    if (existing) return existing;
    const dm: ChannelState = {
      teamId: team.teamId,
      id,
      name: id,
      isPrivate: true,
      isArchived: false,
      isMember: true,
      isIm: true,
      isMpim: false,
      user: userId,
      members: [userId, team.botUserId],
      created: Math.floor(realNow() / 1000),
    };
    this.channels.set(key, dm);
    return dm;
  }

  private channelObject(channel: ChannelState): Params {
    if (channel.isIm) {
      return {
        id: channel.id,
        created: channel.created,
        is_im: true,
        is_org_shared: false,
        user: channel.user ?? null,
        is_user_deleted: this.users.get(`${channel.teamId}:${channel.user}`)?.deleted ?? false,
        priority: 0,
      };
    }
    return {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      created: channel.created,
      is_channel: !channel.isPrivate && !channel.isMpim,
      is_group: channel.isPrivate && !channel.isMpim,
      is_im: false,
      is_mpim: channel.isMpim,
      is_private: channel.isPrivate,
      is_archived: channel.isArchived,
      is_general: false,
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      is_member: channel.isMember,
      context_team_id: channel.teamId,
      num_members: channel.members.length,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
    };
  }

  /** Slack adds `locale` only when the call asked for it (`include_locale`). */
  private userObject(user: UserState, now: number, includeLocale = false): Params {
    const tz = user.tz ?? 'America/Los_Angeles';
    const at = new Date(now);
    const realName = user.real_name ?? user.name ?? user.id;
    const team = this.teams.get(user.teamId);
    const isBot = user.is_bot ?? false;
    return {
      id: user.id,
      team_id: user.teamId,
      name: user.name ?? user.id.toLowerCase(),
      deleted: user.deleted ?? false,
      color: '9f69e7',
      real_name: realName,
      tz,
      tz_label: user.tz_label ?? tzLabel(tz, at),
      tz_offset: user.tz_offset ?? tzOffsetSeconds(tz, at),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: user.name ?? '',
        display_name_normalized: user.name ?? '',
        status_text: '',
        status_emoji: '',
        ...(user.email ? { email: user.email } : {}),
        ...(isBot && team && user.id === team.botUserId
          ? { bot_id: team.botId, api_app_id: team.appId }
          : {}),
        team: user.teamId,
      },
      is_admin: user.is_admin ?? false,
      is_owner: user.is_owner ?? false,
      is_primary_owner: false,
      is_restricted: user.is_restricted ?? false,
      is_ultra_restricted: user.is_ultra_restricted ?? false,
      is_bot: isBot,
      is_app_user: false,
      updated: Math.floor(now / 1000),
      ...(includeLocale && user.locale ? { locale: user.locale } : {}),
    };
  }

  // ----- misc ----------------------------------------------------------------------------------

  private nextNumber(): number {
    this.idCounter += 1;
    return this.idCounter;
  }

  private nextId(): string {
    return this.nextNumber().toString(36).toUpperCase().padStart(8, '0');
  }

  /** Stores a new message (the bot's unless `user` is given) with the next timestamp. */
  private storeMessage(
    teamId: string,
    channel: string,
    content: Partial<
      Pick<StoredMessage, 'user' | 'blocks' | 'attachments' | 'threadTs' | 'metadata' | 'files'>
    > & {
      text: string;
    },
  ): StoredMessage {
    const message: StoredMessage = {
      teamId,
      channel,
      ts: this.nextTs(),
      blocks: undefined,
      attachments: undefined,
      threadTs: undefined,
      metadata: undefined,
      files: undefined,
      ...content,
      editedAt: undefined,
      deleted: false,
    };
    this.messageStore.set(`${teamId}:${channel}:${message.ts}`, message);
    return message;
  }

  /** Unique, strictly increasing message timestamps ("seconds.micros"). */
  private nextTs(): string {
    const micros = Math.max(Math.floor(this.wallClock()) * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  private record(call: RecordedCall): void {
    this.recordedCalls.push(call);
    this.trimRecordings();
    this.notify();
  }

  private trimRecordings(): void {
    const max = this.options.maxRecordings;
    if (max === undefined) return;
    if (this.recordedCalls.length > max) this.recordedCalls = this.recordedCalls.slice(-max);
    if (this.recordedResponses.length > max) this.recordedResponses = this.recordedResponses.slice(-max);
  }

  private wallClock(): number {
    return this.options.clock ? this.options.clock() : realNow();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
    for (const listener of [...this.changeListeners]) listener();
  }

  private waitOn<T>(
    collect: () => T[],
    label: string,
    options: number | WaitOptions,
    describe: () => string,
  ): Promise<T[]> {
    const { timeoutMs = 2000, count = 1 } = typeof options === 'number' ? { timeoutMs: options } : options;
    return new Promise<T[]>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = collect();
          if (found.length < count) return false;
          realClearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(found);
          return true;
        },
        reject: (error) => {
          realClearTimeout(timer);
          reject(error);
        },
      };
      const timer = realSetTimeout(() => {
        this.waiters.delete(waiter);
        const found = collect().length;
        reject(
          new Error(
            `Slack double: waited ${timeoutMs} ms for ${count} × ${label}, saw ${found}. Calls: ${describe()}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
      waiter.check();
    });
  }
}

/** What `snapshot()` returns and `restore()` takes. */
export interface DoubleSnapshot {
  messages: StoredMessage[];
  views: { id: string; teamId: string; userId: string | undefined; view: Params }[];
  modalStacks: [string, string[]][];
  files: (Omit<UploadedFile, 'content'> & { content: string })[];
  responseContexts: [string, ResponseContext][];
  idCounter: number;
  lastTsMicros: number;
}

interface MethodContext {
  team: TeamState;
  params: Params;
  now: number;
}

/** Starts the double on 127.0.0.1, port 0 (an OS-assigned free port). */
export async function startSlackDouble(options: SlackDoubleOptions = {}): Promise<SlackDouble> {
  let double: SlackDouble | undefined;
  const server = createServer((req, res) => {
    if (!double) {
      res.writeHead(503).end();
      return;
    }
    double.onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, {
          status: 500,
          body: { ok: false, error: 'slack_double_bug', detail: String(error) },
          headers: {},
        });
      } else {
        res.end();
      }
    });
  });
  // Socket Mode: the wss URL apps.connections.open hands out is served here too.
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    if (double) double.onUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  double = new SlackDouble(server, port, options);
  return double;
}
