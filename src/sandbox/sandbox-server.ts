import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import type { SandboxClock } from './sandbox-clock.ts';
import type { SandboxPerson } from './sandbox-workspace.ts';
import { ClientSideError, type SlackClientSide, type SlackCommandInfo } from './slack-client-side.ts';
import type { DoubleChannel, DoubleTeam, SlackDouble } from './slack-double.ts';

/**
 * The sandbox's web server, on loopback only: the page (static files from `web/`) and the JSON API
 * it uses (see API.md). Reads come from the Slack double; actions go through the Slack client side
 * to the real app. Every body is checked with zod; a refusal is `{ error }` with a 4xx.
 */
export interface SandboxServerDeps {
  double: SlackDouble;
  clientSide: SlackClientSide;
  clock: SandboxClock;
  /** The queue whose earliest delayed job is "the next nudge". */
  nextNudge: () => Promise<{ at: Date; userId?: string } | undefined>;
  team: DoubleTeam;
  people: SandboxPerson[];
  channels: DoubleChannel[];
  commands: SlackCommandInfo[];
  shortcuts: { callbackId: string; name: string }[];
  webDir: string;
  reset: () => Promise<void>;
}

export interface SandboxServer {
  url: string;
  /** Tells the page something changed (clock, reset). The double's own changes are seen directly. */
  changed(): void;
  close(): Promise<void>;
}

const HOUR = 3600_000;
/** The most the clock moves in one step (a year), so a typo cannot make time unusable. */
const MAX_ADVANCE_MS = 366 * 24 * HOUR;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const personId = z.string().regex(/^[UW][A-Z0-9]+$/);
const channelId = z.string().regex(/^[CDG][A-Z0-9]+$/);
const viewId = z.string().regex(/^V[A-Z0-9]+$/);
const anyObject = z.record(z.string(), z.unknown());

const bodies = {
  compose: z.object({ as: personId, channel: channelId, text: z.string().max(40_000) }),
  action: z.object({
    as: personId,
    action: anyObject.and(z.object({ type: z.string(), action_id: z.string() })),
    container: z.object({
      type: z.enum(['message', 'view']),
      channel: channelId.optional(),
      ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
      view_id: viewId.optional(),
    }),
    values: anyObject.optional(),
  }),
  submit: z.object({ as: personId, viewId, values: anyObject }),
  close: z.object({ as: personId, viewId }),
  shortcut: z.object({ as: personId, callbackId: z.string().min(1), channel: channelId, ts: z.string() }),
  home: z.object({ as: personId }),
  clock: z.union([
    z.object({ advanceMs: z.number().int().positive().max(MAX_ADVANCE_MS) }),
    z.object({ to: z.literal('next-nudge') }),
  ]),
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startSandboxServer(
  deps: SandboxServerDeps,
  listen: { port: number; host: string },
): Promise<SandboxServer> {
  let version = 1;
  const streams = new Set<ServerResponse>();
  /** The newest message each person has seen per channel, for unread counts. */
  const lastSeen = new Map<string, string>();

  function changed(): void {
    version += 1;
    const frame = `data: ${JSON.stringify({ version })}\n\n`;
    for (const stream of streams) stream.write(frame);
  }
  const unsubscribe = deps.double.onChange(changed);

  function person(id: string): SandboxPerson {
    const found = deps.people.find((p) => p.id === id);
    if (!found) throw new HttpError(400, `Nobody called ${id} works in the sandbox.`);
    return found;
  }

  function visibleChannels(as: SandboxPerson): DoubleChannel[] {
    return deps.channels.filter((channel) => channel.members?.includes(as.id));
  }

  function canRead(as: SandboxPerson, channel: string): boolean {
    return channel === deps.double.dmChannelId(as.id) || visibleChannels(as).some((c) => c.id === channel);
  }

  function messagesFor(as: SandboxPerson, channel: string) {
    const double = deps.double;
    const shared = double.messages(channel).map((m) => ({
      ts: m.ts,
      user: m.user ?? null,
      bot: m.user === undefined,
      text: m.text,
      blocks: m.blocks ?? null,
      files: m.files ?? null,
      ephemeral: false,
      edited: m.editedAt !== undefined,
      threadTs: m.threadTs ?? null,
    }));
    const own = double.ephemerals(as.id, channel, deps.team.teamId).map((m) => ({
      ts: m.ts,
      user: null,
      bot: true,
      text: m.text,
      blocks: m.blocks ?? null,
      files: null,
      ephemeral: true,
      edited: false,
      threadTs: null,
    }));
    return [...shared, ...own]
      .sort((a, b) => Number(a.ts) - Number(b.ts))
      .map((m) => ({ ...m, at: new Date(Number(m.ts) * 1000).toISOString() }));
  }

  function unread(as: SandboxPerson): Record<string, number> {
    const counts: Record<string, number> = {};
    const channels = [...visibleChannels(as).map((c) => c.id), deps.double.dmChannelId(as.id)];
    for (const channel of channels) {
      const seen = Number(lastSeen.get(`${as.id}:${channel}`) ?? 0);
      counts[channel] = messagesFor(as, channel).filter(
        (m) => Number(m.ts) > seen && m.user !== as.id,
      ).length;
    }
    return counts;
  }

  async function state(as: SandboxPerson) {
    const clock = deps.clock;
    const next = await deps.nextNudge().catch(() => undefined);
    return {
      version,
      workspace: { teamId: deps.team.teamId, name: deps.team.teamName, domain: deps.team.domain },
      bot: { userId: deps.team.botUserId, name: 'Throughline' },
      me: as.id,
      people: deps.people.map((p) => ({
        id: p.id,
        name: p.name,
        realName: p.real_name,
        tz: p.tz,
        tzLabel: zoneLabel(p.tz, clock.now()),
        isAdmin: p.is_admin === true,
        initials: p.real_name
          .split(' ')
          .map((part) => part[0])
          .join('')
          .slice(0, 2),
        color: p.color,
      })),
      channels: visibleChannels(as).map((c) => ({
        id: c.id,
        name: c.name,
        isPrivate: c.isPrivate === true,
        members: c.members ?? [],
      })),
      dm: { id: deps.double.dmChannelId(as.id), name: 'Throughline' },
      clock: {
        now: clock.now().toISOString(),
        offsetMs: clock.offsetMs(),
        nextNudgeAt: next ? next.at.toISOString() : null,
        nextNudgeFor: next?.userId ?? null,
      },
      unread: unread(as),
      commands: deps.commands,
      shortcuts: deps.shortcuts,
    };
  }

  async function handleApi(method: string, path: string, url: URL, req: IncomingMessage): Promise<unknown> {
    const { double } = deps;
    if (method === 'GET') {
      // The page's first request does not know anyone yet: it is shown as the first person (the admin).
      const named = url.searchParams.get('as');
      const as = path === 'state' && !named ? (deps.people[0] ?? person('')) : person(named ?? '');
      if (path === 'state') return state(as);
      if (path === 'messages') {
        const channel = channelId.safeParse(url.searchParams.get('channel'));
        if (!channel.success || !canRead(as, channel.data))
          throw new HttpError(404, 'No such channel for this person.');
        const messages = messagesFor(as, channel.data);
        const newest = messages.at(-1)?.ts;
        if (newest) lastSeen.set(`${as.id}:${channel.data}`, newest);
        return { messages };
      }
      if (path === 'home') return { view: double.homeView(as.id, deps.team.teamId) ?? null };
      if (path === 'modals') return { stack: double.modalStack(as.id, deps.team.teamId) };
      throw new HttpError(404, 'Unknown sandbox API path.');
    }
    if (method !== 'POST') throw new HttpError(405, 'Use GET or POST.');
    const raw = await readJson(req);
    const client = deps.clientSide;
    switch (path) {
      case 'compose': {
        const body = parse(bodies.compose, raw);
        const as = person(body.as);
        if (!canRead(as, body.channel)) throw new HttpError(404, 'No such channel for this person.');
        return { ok: true, kind: await client.compose(as, body.channel, body.text) };
      }
      case 'action': {
        const body = parse(bodies.action, raw);
        await client.action(person(body.as), body.action, body.container, body.values);
        return { ok: true };
      }
      case 'submit': {
        const body = parse(bodies.submit, raw);
        return { ok: true, ...(await client.submit(person(body.as), body.viewId, body.values)) };
      }
      case 'close': {
        const body = parse(bodies.close, raw);
        await client.close(person(body.as), body.viewId);
        return { ok: true };
      }
      case 'shortcut': {
        const body = parse(bodies.shortcut, raw);
        await client.shortcut(person(body.as), body.callbackId, body.channel, body.ts);
        return { ok: true };
      }
      case 'home/open': {
        const body = parse(bodies.home, raw);
        await client.openHome(person(body.as));
        return { ok: true };
      }
      case 'clock': {
        const body = parse(bodies.clock, raw);
        const clock = deps.clock;
        let jump: number;
        if ('advanceMs' in body) {
          jump = body.advanceMs;
        } else {
          const next = await deps.nextNudge();
          if (!next) {
            throw new HttpError(
              409,
              'No nudge is scheduled. Choose a weekly time first: /reflect schedule fri 16:00, or "Nudge me weekly" after a reflection.',
            );
          }
          jump = Math.max(0, next.at.getTime() - clock.now().getTime());
        }
        await clock.advance(jump);
        changed();
        return { ok: true, now: clock.now().toISOString(), jumpedMs: jump };
      }
      case 'reset': {
        await deps.reset();
        lastSeen.clear();
        changed();
        return { ok: true };
      }
      default:
        throw new HttpError(404, 'Unknown sandbox API path.');
    }
  }

  async function serveStatic(path: string, res: ServerResponse): Promise<void> {
    const relative = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
    const file = normalize(join(deps.webDir, relative));
    if (!file.startsWith(deps.webDir + sep) || !(extname(file) in CONTENT_TYPES)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    try {
      const content = await readFile(file);
      res
        .writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        })
        .end(content);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (url.pathname === '/sandbox/api/stream' && method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`data: ${JSON.stringify({ version })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname.startsWith('/sandbox/api/')) {
      handleApi(method, url.pathname.slice('/sandbox/api/'.length), url, req)
        .then((body) => sendJson(res, 200, body))
        .catch((error: unknown) => {
          if (error instanceof HttpError) sendJson(res, error.status, { ok: false, error: error.message });
          else if (error instanceof ClientSideError) sendJson(res, 422, { ok: false, error: error.message });
          else
            sendJson(res, 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
        });
      return;
    }
    if (method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(url.pathname, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ClientSideError(
              `Port ${listen.port} is already in use (another sandbox?). Stop it, or start with another port: PORT=3001 npm start`,
            )
          : error,
      ),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${listen.host}:${port}/`,
    changed,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new HttpError(
      400,
      `Bad request: ${first?.path.join('.') || 'body'} ${first?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new HttpError(413, 'Request too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Bad request: the body is not JSON.');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function zoneLabel(tz: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? tz;
}
