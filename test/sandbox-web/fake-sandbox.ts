import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { View } from '@slack/types';
import type { Browser, Page, Route } from 'playwright-core';
import { buildAppHome } from '#messages/app-home.ts';
import { careRadarSection } from '#messages/care-radar-section.ts';
import { nudgeHomeSection } from '#messages/nudge-home-section.ts';

/**
 * A stand-in for the sandbox server in page tests: serves src/sandbox/web/ and answers the JSON
 * API of src/sandbox/API.md from memory, with Block Kit built by the product's own builders. Every
 * POST is recorded so a test can check the exact payload the page sent.
 */

export const WEB_ROOT = fileURLToPath(new URL('../../src/sandbox/web/', import.meta.url));
export const ORIGIN = 'http://sandbox.test';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export const PEOPLE = [
  {
    id: 'UAMARA',
    name: 'amara',
    realName: 'Amara Berg',
    tz: 'Europe/Berlin',
    tzLabel: 'Central European Time',
    isAdmin: true,
    initials: 'AB',
    color: '#8e44ad',
  },
  {
    id: 'UBEN',
    name: 'ben',
    realName: 'Ben Okafor',
    tz: 'America/New_York',
    tzLabel: 'Eastern Standard Time',
    isAdmin: false,
    initials: 'BO',
    color: '#2a80b9',
  },
  {
    id: 'USITA',
    name: 'sita',
    realName: 'Sita Shrestha',
    tz: 'Asia/Kathmandu',
    tzLabel: 'Nepal Time',
    isAdmin: false,
    initials: 'SS',
    color: '#d35400',
  },
  {
    id: 'ULUCAS',
    name: 'lucas',
    realName: 'Lucas Souza',
    tz: 'America/Sao_Paulo',
    tzLabel: 'Brasilia Time',
    isAdmin: false,
    initials: 'LS',
    color: '#16a085',
  },
];

export interface FakeMessage {
  ts: string;
  at: string;
  user: string | null;
  bot: boolean;
  text: string;
  blocks: unknown[] | null;
  ephemeral: boolean;
  edited: boolean;
  threadTs: string | null;
}

export type FakeView = View & { id: string; hash: string };

export interface Recorded {
  path: string;
  body: Record<string, unknown>;
}

const NOW = Date.parse('2026-12-04T15:00:00.000Z');
const WEEK = '2026-W49';

function message(seconds: number, fields: Partial<FakeMessage> & { text: string }): FakeMessage {
  const at = new Date(NOW - 3_600_000 + seconds * 1000);
  return {
    ts: `${Math.floor(at.getTime() / 1000)}.${String(seconds).padStart(6, '0')}`,
    at: at.toISOString(),
    user: null,
    bot: true,
    blocks: null,
    ephemeral: false,
    edited: false,
    threadTs: null,
    ...fields,
  };
}

/** What the fake sandbox holds; tests change it and call `bump()`. */
export class FakeSandbox {
  version = 1;
  me = 'UAMARA';
  recorded: Recorded[] = [];
  /** What `/sandbox/api/submit` answers next (default: the modal closes). */
  submitAnswer: Record<string, unknown> = { ok: true, result: 'closed' };
  modalStack: FakeView[] = [];
  home: FakeView;
  messages: Record<string, FakeMessage[]>;

  constructor() {
    this.messages = {
      CGENERAL: [
        message(0, {
          user: 'UBEN',
          bot: false,
          text: 'Morning all! <@UAMARA> the *release* notes are up :tada:',
        }),
        // Raw markup, as no Slack client would send it: it must still show as text.
        message(30, { user: 'UBEN', bot: false, text: 'Plain text with a <script>alert(1)</script> tag' }),
      ],
      CTEAM: [],
      DAMARA: [],
    };
    this.home = this.view(
      buildAppHome(
        {
          weekKey: WEEK,
          reflectedThisWeek: false,
          streak: 3,
          balance: { soul: 2, heart: 3, mind: 1 },
          balanceWeeks: 4,
          totalWeeks: 5,
          recent: [],
          lastIntention: { text: 'ask Sam what gets in the way of their work', weeksAgo: 1 },
        },
        [
          nudgeHomeSection({ enrolled: false, upcomingPaused: [] }),
          careRadarSection({ team: ['UBEN', 'USITA'], overlooked: ['USITA'], weeks: 3 }, { surface: 'home' }),
        ],
      ),
      'VHOME',
    );
  }

  view(view: View, id: string): FakeView {
    return { ...view, id, hash: `${this.version}.${id}` } as FakeView;
  }

  bump(): void {
    this.version++;
  }

  state() {
    return {
      version: this.version,
      workspace: { teamId: 'TSANDBOX1', name: 'Sandbox', domain: 'sandbox' },
      bot: { userId: 'USANDBOXBOT', name: 'Throughline' },
      me: this.me,
      people: PEOPLE,
      channels: [
        { id: 'CGENERAL', name: 'general', isPrivate: false, members: PEOPLE.map((p) => p.id) },
        { id: 'CTEAM', name: 'team', isPrivate: false, members: PEOPLE.map((p) => p.id) },
      ],
      dm: { id: `D${this.me.slice(1)}`, name: 'Throughline' },
      clock: { now: new Date(NOW).toISOString(), offsetMs: 0, nextNudgeAt: '2026-12-04T16:00:00.000Z' },
      unread: { CGENERAL: 0, CTEAM: 2, DAMARA: 1 },
      shortcuts: [{ callbackId: 'recognize_author', name: 'Recognize the author' }],
      commands: [
        {
          command: '/reflect',
          usageHint: '[help | history | schedule fri 16:00 | pause 2 | resume | export | forget]',
          description: 'Your private weekly reflection on soul, heart and mind',
        },
        {
          command: '/recognize',
          usageHint: '@someone what they did #heart',
          description: 'Recognize someone in this channel for what they did',
        },
      ],
    };
  }

  /** Serves the page and the API on `page` (every request to ORIGIN). */
  async attach(page: Page): Promise<void> {
    await page.route(`${ORIGIN}/**`, (route) => this.handle(route));
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/sandbox/api/')) {
      const file = normalize(join(WEB_ROOT, url.pathname === '/' ? 'index.html' : url.pathname));
      if (!file.startsWith(WEB_ROOT)) return route.fulfill({ status: 404, body: 'not found' });
      try {
        const body = await readFile(file);
        return route.fulfill({ status: 200, body, contentType: TYPES[extname(file)] ?? 'text/plain' });
      } catch {
        return route.fulfill({ status: 404, body: 'not found' });
      }
    }
    const json = (body: unknown, status = 200) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    const path = url.pathname.slice('/sandbox/api/'.length);
    if (request.method() === 'GET') {
      const as = url.searchParams.get('as');
      if (as) this.me = as;
      if (path === 'state') return json(this.state());
      if (path === 'messages') {
        const channel = url.searchParams.get('channel') ?? '';
        const all = this.messages[channel] ?? [];
        return json({ messages: all.filter((m) => !m.ephemeral || this.me === 'UAMARA') });
      }
      if (path === 'home') return json({ view: this.home });
      if (path === 'modals') return json({ stack: this.modalStack });
      // One event per connection; `retry` makes the page reconnect (and so see changes) within 0.2 s.
      if (path === 'stream') {
        return route.fulfill({
          status: 200,
          contentType: 'text/event-stream',
          body: `retry: 200\ndata: ${JSON.stringify({ version: this.version })}\n\n`,
        });
      }
      return json({ error: 'unknown' }, 404);
    }
    const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
    this.recorded.push({ path, body });
    if (path === 'compose') return json({ ok: true, kind: 'message' });
    if (path === 'submit') {
      const answer = this.submitAnswer;
      if (answer.result !== 'errors') {
        this.modalStack = [];
        this.bump();
      }
      return json(answer);
    }
    if (path === 'close') {
      this.modalStack = this.modalStack.slice(0, -1);
      this.bump();
      return json({ ok: true });
    }
    return json({ ok: true });
  }
}

/** Opens the page as it would be in a browser, served by `fake`. */
export async function openPage(browser: Browser, fake: FakeSandbox): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await fake.attach(page);
  await page.goto(`${ORIGIN}/`);
  return page;
}
