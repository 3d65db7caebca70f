import type { Logger as SlackLogger } from '@slack/logger';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';

/**
 * Whether this process can reach Slack, for `/healthz`. `up`: Socket Mode holds its connection;
 * `connecting`: starting or reconnecting, no failure yet; `down`: the WebSocket failed, or the
 * last attempt to reach Slack did; `unchecked`: the process holds no connection to Slack (HTTP mode, where Slack calls us,
 * and ROLE=worker).
 */
export type SlackState = 'up' | 'connecting' | 'down' | 'unchecked';

export interface SlackStatus {
  state(): SlackState;
}

export const uncheckedSlack: SlackStatus = { state: () => 'unchecked' };

/** Waits between attempts to reach Slack: `firstMs`, doubling, at most `maxMs`. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const SLACK_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000 };

/** The events of `@slack/socket-mode`'s client this module follows. */
interface SocketModeEvents {
  on(event: 'connected' | 'close' | 'reconnecting' | 'error', listener: () => void): unknown;
}

export interface SocketModeConnection extends SlackStatus {
  /** Web API options for the Socket Mode client (its `apps.connections.open` calls). */
  clientOptions: WebClientOptions;
  /** The receiver's logger, minus the Web API client's bare per-attempt failure lines. */
  receiverLogger(logger: SlackLogger): SlackLogger;
  watch(client: SocketModeEvents): void;
  /** Ends the retries (the process is stopping). */
  stop(): void;
}

/**
 * Socket Mode's start-up and reconnects ask `apps.connections.open` for a WebSocket URL. When Slack
 * cannot be reached, the Web API client retries by itself and logs only `http request failed fetch
 * failed`, over and over. This keeps those retries (forever, so a reconnect after an outage is never
 * abandoned) with a doubling wait, logs each failure once with the URL, the cause and the next wait,
 * and tells `/healthz`.
 */
export function createSocketModeConnection(deps: {
  logger: Logger;
  backoff?: Backoff;
  fetch?: typeof fetch;
}): SocketModeConnection {
  const backoff = deps.backoff ?? SLACK_BACKOFF;
  const baseFetch = deps.fetch ?? globalThis.fetch;
  let state: SlackState = 'connecting';
  let failures = 0;
  /** Set by any failure since the last connection, so the recovery is logged once. */
  let troubled = false;
  let stopped = false;

  const failed = (url: string, reason: string) => {
    failures += 1;
    state = 'down';
    troubled = true;
    const retryInMs = Math.min(backoff.firstMs * 2 ** (failures - 1), backoff.maxMs);
    deps.logger.warn(
      { url, reason, attempt: failures, retryInMs },
      `Slack cannot be reached at ${url} (${reason}); retrying in ${formatWait(retryInMs)}`,
    );
  };
  const reached = (url: string) => {
    if (failures > 0) deps.logger.info({ url, failedAttempts: failures }, `Slack answers again at ${url}`);
    failures = 0;
    if (state === 'down') state = 'connecting';
  };

  const observedFetch: typeof fetch = async (input, init) => {
    if (stopped) throw new Error('stopping: Slack is not called');
    const url = input instanceof Request ? input.url : String(input);
    let response: Response;
    try {
      response = await baseFetch(input, init);
    } catch (error) {
      failed(url, failureReason(error));
      throw error;
    }
    // 429 is Slack answering (the client waits Retry-After); anything else but 200 is not Slack.
    if (response.ok || response.status === 429) reached(url);
    else failed(url, `HTTP ${response.status}`);
    return response;
  };

  // p-retry, which the Web API client hands these options to, ends the retries when this throws.
  const retryConfig: RetryOptions & { onFailedAttempt(): void } = {
    retries: 10,
    forever: true,
    factor: 2,
    minTimeout: backoff.firstMs,
    maxTimeout: backoff.maxMs,
    randomize: false,
    unref: true,
    onFailedAttempt: () => {
      if (stopped) throw new Error('stopping: no more attempts to reach Slack');
    },
  };

  return {
    state: () => state,
    clientOptions: { fetch: observedFetch, retryConfig, timeout: 10_000 },
    receiverLogger: (logger) => ({
      debug: (...parts) => logger.debug(...parts),
      info: (...parts) => logger.info(...parts),
      warn: (...parts) =>
        String(parts[0]).startsWith('http request failed') ? logger.debug(...parts) : logger.warn(...parts),
      error: (...parts) => logger.error(...parts),
      setLevel: (level) => logger.setLevel(level),
      getLevel: () => logger.getLevel(),
      setName: (name) => logger.setName(name),
    }),
    watch(client) {
      client.on('connected', () => {
        if (troubled) deps.logger.info('Socket Mode connected to Slack again');
        troubled = false;
        state = 'up';
      });
      // The WebSocket closed (Slack's routine refresh, or a lost network); the client reconnects.
      client.on('close', () => {
        if (state === 'up') state = 'connecting';
      });
      client.on('reconnecting', () => {
        if (state === 'up') state = 'connecting';
      });
      // The WebSocket itself failed (the library logs it); it reconnects by itself.
      client.on('error', () => {
        state = 'down';
        troubled = true;
      });
    },
    stop() {
      stopped = true;
    },
  };
}

/** The innermost cause: `fetch failed` says nothing, `connect ECONNREFUSED 127.0.0.1:9` does. */
export function failureReason(error: unknown): string {
  let reason = 'unknown error';
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    reason = current.message || (typeof code === 'string' ? code : reason);
    current = current.cause;
  }
  return reason;
}

function formatWait(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
