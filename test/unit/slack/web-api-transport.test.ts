import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '#src/metrics.ts';
import { instrumentedFetch } from '#src/slack/instrumented-fetch.ts';
import { createKeepAliveFetch } from '#src/slack/keep-alive-fetch.ts';
import { createUndiciFetch } from '../../../bench/support/undici-fetch.ts';

/** A loopback server whose answer each test chooses by path. */
// The clients' transport (node:http keep-alive) and the alternative bench/transport.ts measures it
// against (undici's fetch on a keep-alive Agent) answer the same way.
describe.each([
  ["node:http keep-alive (the clients' transport)", createKeepAliveFetch],
  ['undici fetch on a keep-alive Agent (bench:transport)', createUndiciFetch],
])('the Web API transport: %s', (_name, createTransport) => {
  let server: Server;
  let base: string;
  const sockets = new Set<unknown>();
  const seen: { path: string; body: string; contentType?: string; length?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        seen.push({
          path: req.url ?? '',
          body,
          contentType: req.headers['content-type'],
          length: req.headers['content-length'],
        });
        if (req.url === '/api/slow') return; // never answers
        if (req.url === '/api/moved') {
          res.writeHead(302, { location: '/elsewhere' }).end();
          return;
        }
        if (req.url === '/api/chat.delete') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end('{"ok":false,"error":"channel_not_found"}');
          return;
        }
        if (req.url === '/api/limited') {
          res.writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' }).end('{"ok":false}');
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'x-oauth-scopes': 'chat:write',
        });
        res.end(JSON.stringify({ ok: true, echo: body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the form body with its length, answers with status, headers and body, on one socket', async () => {
    const fetchFn = createTransport();
    sockets.clear();
    for (const text of ['a=1&b=%C3%A9', 'c=2', 'd=3', 'e=4', 'f=5']) {
      const response = await fetchFn(`${base}/api/chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: text,
      });
      expect(response.status).toBe(200);
      expect(response.ok).toBe(true);
      expect(response.headers.get('X-OAuth-Scopes')).toBe('chat:write');
      expect(await response.json()).toEqual({ ok: true, echo: text });
    }
    expect(seen.at(-5)).toMatchObject({ contentType: 'application/x-www-form-urlencoded', length: '12' });
    // Keep-alive: connections are reused (undici may open a second one while the first is in use).
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('passes a 429 and its Retry-After through for the client to handle', async () => {
    const response = await createTransport()(`${base}/api/limited`, { method: 'POST', body: '' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
  });

  it('rejects when the abort signal fires (the client timeout) instead of hanging', async () => {
    const pending = createTransport()(`${base}/api/slow`, {
      method: 'POST',
      body: 'x=1',
      signal: AbortSignal.timeout(200),
    });
    await expect(pending).rejects.toThrow();
  });

  it("refuses a redirect when asked with redirect: 'error'", async () => {
    const pending = createTransport()(`${base}/api/moved`, {
      method: 'POST',
      body: '',
      redirect: 'error',
    });
    const error = (await pending.catch((rejected: unknown) => rejected)) as Error & { cause?: Error };
    expect(`${error.message} ${error.cause?.message ?? ''}`).toMatch(/redirect/);
  });

  it('sends FormData bodies (file uploads) as multipart', async () => {
    const form = new FormData();
    form.append('channels', 'D1');
    form.append('file', new Blob(['my reflections']), 'export.txt');
    const response = await createTransport()(`${base}/api/files.upload`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const { echo } = (await response.json()) as { echo: string };
    expect(echo).toContain('name="channels"');
    expect(echo).toContain('filename="export.txt"');
    expect(echo).toContain('my reflections');
    expect(seen.at(-1)?.contentType).toMatch(/^multipart\/form-data/);
  });

  it('rejects when nothing listens (a network error the client turns into a request error)', async () => {
    await expect(createTransport()('http://127.0.0.1:1/api/auth.test', { method: 'POST' })).rejects.toThrow();
  });

  it("the metrics wrapper counts Slack's error code from a copy; the client still reads the body once", async () => {
    const metrics = createMetrics();
    const fetchFn = instrumentedFetch(metrics, 'background', createTransport());
    const response = await fetchFn(`${base}/api/chat.delete`, { method: 'POST', body: 'channel=C1' });
    expect(await response.json()).toEqual({ ok: false, error: 'channel_not_found' });
    const counted = (await metrics.slackCalls.get()).values;
    expect(counted).toContainEqual(
      expect.objectContaining({
        labels: { method: 'chat.delete', client: 'background', outcome: 'channel_not_found' },
        value: 1,
      }),
    );
  });
});
