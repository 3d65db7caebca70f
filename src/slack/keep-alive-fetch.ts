import http from 'node:http';
import https from 'node:https';
import type { WebApiResponse as FetchResponse, WebApiFetch } from './instrumented-fetch.ts';

/**
 * The Web API clients' transport: `node:http(s)` over keep-alive agents instead of fetch. Every
 * nudge makes two Web API calls and every command one or more; `npm run bench:transport`
 * (bench/transport.ts, figures in bench/RESULTS.md) measures it against undici's fetch on a
 * keep-alive Agent and Node's own fetch through the real WebClient: fetch costs about twice the
 * CPU per call (0.15 to 0.2 ms more).
 *
 * It does what `@slack/web-api` asks of a fetch: POST a form-encoded string with headers, honour
 * the abort signal (the client's timeout) and `redirect: 'error'`, and answer with the status,
 * headers and body, plus `clone()` as a Response has. The body is read into memory once (Web API
 * answers are small); a clone shares those bytes. Bodies that are not strings (file uploads send
 * FormData) go through Node's fetch, buffered the same way.
 */
export function createKeepAliveFetch(
  options: { maxSockets?: number } = {},
  fallback: typeof fetch = globalThis.fetch,
): WebApiFetch {
  const maxSockets = options.maxSockets ?? 64;
  const agents: Record<string, http.Agent> = {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets }),
  };
  return async (input, init = {}) => {
    const url = new URL(String(input));
    const agent = agents[url.protocol];
    if (agent === undefined || (init.body !== undefined && typeof init.body !== 'string')) {
      const response = await fallback(url, init as RequestInit);
      return bufferedResponse(
        url.href,
        response.status,
        response.statusText,
        new Map(response.headers.entries()),
        Buffer.from(await response.arrayBuffer()),
      );
    }
    return request(
      url,
      agent,
      init.method ?? 'GET',
      init.headers ?? {},
      init.body,
      init.signal,
      init.redirect,
    );
  };
}

function request(
  url: URL,
  agent: http.Agent,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal | undefined,
  redirect: string | undefined,
): Promise<FetchResponse> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  const outgoing: Record<string, string> = { ...headers };
  if (body !== undefined) outgoing['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: outgoing, agent, signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (redirect === 'error' && status >= 300 && status < 400) {
        res.resume();
        reject(new TypeError(`redirect (${status}) refused: redirect is 'error'`));
        return;
      }
      const chunks: Buffer[] = [];
      let ended = false;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        ended = true;
        const names = new Map<string, string>();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) names.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolve(bufferedResponse(url.href, status, res.statusMessage ?? '', names, Buffer.concat(chunks)));
      });
      res.on('error', reject);
      // Aborted (the client's timeout) or cut off mid-body: the promise must not hang.
      res.on('close', () => {
        if (!ended) reject(signal?.reason ?? new Error('the connection closed before the answer ended'));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function bufferedResponse(
  url: string,
  status: number,
  statusText: string,
  headers: Map<string, string>,
  body: Buffer,
): FetchResponse {
  const lowerCased: FetchResponse['headers'] = {
    get: (name) => headers.get(name.toLowerCase()) ?? null,
    entries: () => headers.entries(),
  };
  return {
    // The bytes are in memory: a copy is another response over the same bytes.
    clone: () => bufferedResponse(url, status, statusText, headers, body),
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url,
    headers: lowerCased,
    async arrayBuffer() {
      return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    },
    async text() {
      return body.toString('utf8');
    },
    async json() {
      return JSON.parse(body.toString('utf8'));
    },
  };
}
