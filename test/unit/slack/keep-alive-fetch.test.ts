import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveFetch } from '#src/slack/keep-alive-fetch.ts';

/** A loopback server whose answer each test chooses by path. */
describe('the keep-alive Web API transport', () => {
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

  it('posts the form body with its length, answers with status, headers and a body readable twice, on one socket', async () => {
    const fetchFn = createKeepAliveFetch();
    sockets.clear();
    for (const text of ['a=1&b=%C3%A9', 'c=2']) {
      const response = await fetchFn(`${base}/api/chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: text,
      });
      expect(response.status).toBe(200);
      expect(response.ok).toBe(true);
      expect(response.headers.get('X-OAuth-Scopes')).toBe('chat:write');
      expect(await response.json()).toEqual({ ok: true, echo: text });
      expect(await response.text()).toBe(JSON.stringify({ ok: true, echo: text }));
    }
    expect(seen.at(-2)).toMatchObject({ contentType: 'application/x-www-form-urlencoded', length: '12' });
    expect(sockets.size).toBe(1); // keep-alive: the second call reused the connection
  });

  it('passes a 429 and its Retry-After through for the client to handle', async () => {
    const response = await createKeepAliveFetch()(`${base}/api/limited`, { method: 'POST', body: '' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
  });

  it('rejects when the abort signal fires (the client timeout) instead of hanging', async () => {
    const pending = createKeepAliveFetch()(`${base}/api/slow`, {
      method: 'POST',
      body: 'x=1',
      signal: AbortSignal.timeout(200),
    });
    await expect(pending).rejects.toThrow();
  });

  it("refuses a redirect when asked with redirect: 'error'", async () => {
    const pending = createKeepAliveFetch()(`${base}/api/moved`, {
      method: 'POST',
      body: '',
      redirect: 'error',
    });
    await expect(pending).rejects.toThrow(/redirect/);
  });

  it('sends FormData bodies (file uploads) through Node fetch, still readable twice', async () => {
    const form = new FormData();
    form.append('channels', 'D1');
    const response = await createKeepAliveFetch()(`${base}/api/files.upload`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect(await response.text()).toContain('channels');
    expect(seen.at(-1)?.contentType).toMatch(/^multipart\/form-data/);
  });

  it('rejects when nothing listens (a network error the client turns into a request error)', async () => {
    await expect(
      createKeepAliveFetch()('http://127.0.0.1:1/api/auth.test', { method: 'POST' }),
    ).rejects.toThrow();
  });
});
