import type { FetchFunction } from '@slack/web-api';
import { Agent, fetch, type RequestInit, FormData as UndiciFormData } from 'undici';
import type { WebApiFetch } from '#src/slack/instrumented-fetch.ts';

/** The request `@slack/web-api` hands its `fetch` (its own type for it is not exported). */
type WebApiRequestInit = NonNullable<Parameters<FetchFunction>[1]>;

/**
 * The alternative `npm run bench:transport` measures against src/slack/keep-alive-fetch.ts: undici's
 * fetch on a keep-alive Agent of its own, as the clients' documented `fetch` option. It is correct
 * (test/unit/slack/undici-fetch.test.ts) but costs about twice the CPU per call (bench/RESULTS.md),
 * so the clients keep the node:http transport. Idle connections close after undici's default
 * keep-alive time: a POST written to a connection the server has just closed has an unknown outcome.
 */
export function createUndiciFetch(options: { connections?: number } = {}): WebApiFetch {
  const dispatcher = new Agent({ connections: options.connections ?? 64 });
  return (url, init = {}) => fetch(url, { ...init, body: bodyOf(init.body), dispatcher });
}

/**
 * The clients send a form-encoded string, or Node's own FormData for file uploads. Node's FormData
 * is another copy of undici's class, which this undici's fetch does not recognise (it would send
 * "[object FormData]"), so its fields are copied into this undici's FormData.
 */
function bodyOf(body: WebApiRequestInit['body']): RequestInit['body'] {
  if (!(body instanceof FormData)) return body as RequestInit['body'];
  const form = new UndiciFormData();
  for (const [name, value] of body.entries()) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value as unknown as Parameters<UndiciFormData['append']>[1], value.name);
  }
  return form;
}
