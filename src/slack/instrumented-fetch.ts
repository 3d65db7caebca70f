import type { FetchFunction } from '@slack/web-api';
import type { Metrics } from '#src/metrics.ts';

/** A Web API answer that, like a fetch Response, can be cloned: each reader reads its own copy once. */
export type WebApiResponse = Awaited<ReturnType<FetchFunction>> & {
  clone(): Awaited<ReturnType<FetchFunction>>;
};

/** A transport for the Web API clients (`fetch` option) whose answers can be cloned. */
export type WebApiFetch = (url: string | URL, init?: Parameters<FetchFunction>[1]) => Promise<WebApiResponse>;

/** `chat.postMessage` from `https://slack.com/api/chat.postMessage`; anything else is `other`. */
export function apiMethodOf(url: string | URL): string {
  const path = new URL(String(url)).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return path.includes('/api/') && /^[a-z]+(\.[a-zA-Z0-9]+){1,3}$/.test(last) ? last : 'other';
}

/** A bounded label for what Slack answered: `ok`, a Slack error code, `rate_limited` or an HTTP class. */
async function outcomeOf(response: WebApiResponse): Promise<string> {
  if (response.status === 429) return 'rate_limited';
  if (response.status >= 500) return 'http_5xx';
  if (response.status !== 200) return `http_${response.status}`;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return 'ok';
  try {
    // A copy of the body (Response.clone): the client reads the original, once.
    const text = await response.clone().text();
    // Slack puts `ok` first; skip parsing the (often large) success bodies a second time.
    if (text.startsWith('{"ok":true')) return 'ok';
    const body = JSON.parse(text) as { ok?: boolean; error?: unknown };
    if (body.ok !== false) return 'ok';
    return typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error) ? body.error : 'error';
  } catch {
    return 'unreadable';
  }
}

/**
 * Wraps fetch for every Web API client so each call is counted by method and outcome and timed,
 * interactive and background alike. Labels are method names and Slack's error codes only: never
 * tokens, ids or text.
 */
export function instrumentedFetch(
  metrics: Metrics,
  client: 'interactive' | 'background',
  base: WebApiFetch,
): FetchFunction {
  return async (url, init) => {
    const method = apiMethodOf(url);
    const stopTimer = metrics.slackLatency.startTimer({ method, client });
    try {
      const response = await base(url, init);
      metrics.slackCalls.inc({ method, client, outcome: await outcomeOf(response) });
      return response;
    } catch (error) {
      metrics.slackCalls.inc({ method, client, outcome: 'network_error' });
      throw error;
    } finally {
      stopTimer();
    }
  };
}
