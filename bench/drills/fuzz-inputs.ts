/**
 * Random inputs for the fuzz drill, from a seeded generator (the seed is printed, so a failing run
 * can be replayed with DRILL_SEED=<seed>): slash-command texts and malformed interactivity bodies.
 */

export type Rng = () => number;

/** mulberry32: small, fast, good enough for fuzzing. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

const int = (rng: Rng, max: number) => Math.floor(rng() * max);

const UNICODE = [
  '🙂',
  '👩🏽‍💻',
  '🏳️‍🌈',
  'שלום',
  'مرحبا',
  '\u202Eevil\u202C',
  'z\u0301\u0302\u0303\u0304\u0305\u0306',
  '中文字符',
  '日本語テキスト',
  '한국어',
  'Ω≈ç√∫',
  '\u200B\u200C\u200D\uFEFF',
  '\uD83D',
  '\uDE00',
  '𝕳𝖊𝖑𝖑𝖔',
  'ﷺ',
  '\u0000',
  'Ǆǅǆ',
];
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r\n',
  '\u000B',
  '\u001B[31m',
  '\u007F',
  '\u0085',
  '\u2028',
  '\u2029',
];
const MENTIONS = [
  '<@U000001>',
  '<@U000002|ann>',
  '<@UBOT1>',
  '<@W123ABC|enterprise>',
  '<@U99999999|ghost>',
  '<@>',
  '<@U000003',
  '<<@U000004>>',
  '<!here>',
  '<!channel>',
  '<!everyone>',
  '<!subteam^S0123|@team>',
  '<!subteam^>',
  '<#C0BENCH|bench>',
  '<#C123>',
  '<https://example.com|link>',
  '<mailto:a@b.c|mail>',
  '@U000001',
  '<@u000001>',
  '<@U000001|<@U000002>>',
];
const INJECTION = [
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '{{7*7}}',
  `\${7*7}`,
  '#{7*7}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  '{"__proto__":{"polluted":true}}',
  '../../../../etc/passwd',
  '%00%0d%0aSet-Cookie: x=1',
  '\r\nX-Injected: 1',
  '*bold* _it_ ~strike~ `code` ```block```',
  '&lt;@U000001&gt; &amp; &',
  '=cmd|" /C calc"!A0',
  'KEYS *',
  'FLUSHALL',
  '\\u0000',
  'NaN',
  'Infinity',
  '-1',
  '99999999999999999999999',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '%s%s%s%n',
  '$(reboot)',
  '`rm -rf /`',
];
const TAGS = ['#soul', '#heart', '#mind', '#SOUL', '#hearts', '#', '##mind', '#soul #mind #heart'];
const WORDS = [
  'thanks',
  'for',
  'the',
  'help',
  'with',
  'launch',
  'review',
  'care',
  'team',
  'fixed',
  'it',
  '…',
];
const REFLECT_WORDS = [
  '',
  'help',
  'history',
  'export',
  'forget',
  'schedule',
  'pause',
  'resume',
  'invite',
  'team',
  'HELP',
  'Schedule',
  'unknown',
  'reflect',
];
const SCHEDULE_ARGS = [
  'mon 09:00',
  'fri 16:00',
  'funday 25:99',
  'tue',
  '09:00',
  'wed 9',
  'thu 23:59',
  'sun 00:00',
  'fri 16:00 extra words',
  'monday 9am',
  '7 12:30',
  'fri -1:00',
  'fri 16:60',
];
const PAUSE_ARGS = ['', '0', '1', '3', '12', '13', '-1', '99999999999999999999', 'abc', '2.5', '1e3', '0x10'];
const RECOGNIZE_WORDS = [
  '',
  'help',
  'schedule',
  'schedule off',
  'schedule fri 16:00',
  'digest on',
  'digest off',
  'digest',
];

function fragment(rng: Rng): string {
  const kind = int(rng, 7);
  if (kind === 0) return pick(rng, UNICODE);
  if (kind === 1) return pick(rng, CONTROL);
  if (kind === 2) return pick(rng, MENTIONS);
  if (kind === 3) return pick(rng, INJECTION);
  if (kind === 4) return pick(rng, TAGS);
  return pick(rng, WORDS);
}

function huge(rng: Rng): string {
  const sizes = [3001, 4001, 12_001, 40_001, 200_000, 1_000_000];
  const size = pick(rng, rng() < 0.9 ? sizes.slice(0, 4) : sizes);
  const unit = pick(rng, ['a', '🙂', '<@U000001> ', 'é', '\u0000', '#mind ']);
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function junk(rng: Rng, parts: number): string {
  return Array.from({ length: parts }, () => fragment(rng)).join(rng() < 0.7 ? ' ' : '');
}

export function reflectText(rng: Rng): string {
  const word = pick(rng, REFLECT_WORDS);
  const r = rng();
  if (r < 0.1) return huge(rng);
  if (word === 'schedule') return `schedule ${rng() < 0.5 ? pick(rng, SCHEDULE_ARGS) : junk(rng, 3)}`;
  if (word === 'pause') return `pause ${rng() < 0.6 ? pick(rng, PAUSE_ARGS) : junk(rng, 2)}`;
  if (word === 'team')
    return `team ${Array.from({ length: int(rng, 14) }, () => pick(rng, MENTIONS)).join(' ')}`;
  if (word === 'invite') return `invite ${junk(rng, 3)}`;
  if (r < 0.4) return `${word} ${junk(rng, 1 + int(rng, 8))}`;
  if (r < 0.5) return junk(rng, 1 + int(rng, 30));
  return word;
}

export function recognizeText(rng: Rng): string {
  const r = rng();
  if (r < 0.1) return huge(rng);
  if (r < 0.25) return `${pick(rng, RECOGNIZE_WORDS)} ${rng() < 0.5 ? junk(rng, 3) : ''}`;
  const people = Array.from({ length: int(rng, rng() < 0.1 ? 15 : 4) }, () => pick(rng, MENTIONS));
  return `${people.join(' ')} ${junk(rng, int(rng, 12))} ${rng() < 0.5 ? pick(rng, TAGS) : ''}`;
}

/** Slack ids: mostly valid-looking, sometimes not. */
export function userId(rng: Rng): string {
  return pick(rng, [
    `U${String(1 + int(rng, 50)).padStart(6, '0')}`,
    `U${String(1 + int(rng, 50)).padStart(6, '0')}`,
    `U${String(1 + int(rng, 50)).padStart(6, '0')}`,
    'UBOT1',
    'U99999999',
    'W0ENTERPRISE',
    '',
    'not-an-id',
    'U'.repeat(300),
    '<@U000001>',
  ]);
}

export function channelId(rng: Rng): string {
  return pick(rng, [
    'C0BENCH',
    'C0BENCH',
    'D000001',
    'G0PRIVATE',
    'C404',
    '',
    'not-a-channel',
    'C'.repeat(200),
  ]);
}

// ---- interactivity ------------------------------------------------------------------------------

const ACTION_IDS = [
  'reflect_now',
  'nudge_reflect_now',
  'nudge_snooze',
  'nudge_tomorrow',
  'nudge_skip_week',
  'nudge_home_opt_in',
  'nudge_home_pause',
  'nudge_home_resume',
  'nudge_home_stop',
  'nudge_invite_accept',
  'nudge_invite_decline',
  'nudge_choose_schedule',
  'recognition_open',
  'care_radar_recognize',
  'reflect_forget_confirm',
  'reflect_forget_cancel',
  'unknown_action',
];
const CALLBACKS = ['reflect_modal', 'nudge_schedule_modal', 'recognition_modal', 'recognize_author', 'nope'];
const WEIRD_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1e308,
  Number.NaN,
  true,
  '',
  '2026-W49',
  '9999-W99',
  'W49',
  '{"weekKey":"2026-W49"}',
  [],
  {},
  { nested: { deeper: [1, 2, 3] } },
  'x'.repeat(100_000),
  '__proto__',
];

function weird(rng: Rng): unknown {
  const r = rng();
  if (r < 0.5) return pick(rng, WEIRD_VALUES);
  if (r < 0.8) return junk(rng, 1 + int(rng, 5));
  return huge(rng).slice(0, 20_000);
}

function actor(rng: Rng): Record<string, unknown> {
  const id = userId(rng);
  return {
    team: rng() < 0.9 ? { id: 'T1', domain: 'example' } : weird(rng),
    user: rng() < 0.85 ? { id, username: 'ann', name: 'ann', team_id: 'T1' } : weird(rng),
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    trigger_id: rng() < 0.9 ? `${Date.now()}.${int(rng, 1e9)}.${int(rng, 1e9).toString(16)}` : weird(rng),
  };
}

function blockAction(rng: Rng): Record<string, unknown> {
  const action: Record<string, unknown> = {
    type: pick(rng, ['button', 'static_select', 'users_select', 'overflow', 'weird']),
    action_id: rng() < 0.9 ? pick(rng, ACTION_IDS) : weird(rng),
    block_id: rng() < 0.8 ? 'actions' : weird(rng),
    value: weird(rng),
    action_ts: String(Date.now() / 1000),
  };
  if (rng() < 0.3) action.selected_option = rng() < 0.5 ? { value: weird(rng) } : weird(rng);
  if (rng() < 0.2) action.selected_user = weird(rng);
  return {
    type: 'block_actions',
    ...actor(rng),
    container:
      rng() < 0.7
        ? pick(rng, [
            { type: 'message', message_ts: '1700000000.000100', channel_id: channelId(rng) },
            { type: 'view', view_id: `V${int(rng, 1e9)}` },
          ])
        : weird(rng),
    channel: rng() < 0.5 ? { id: channelId(rng), name: 'x' } : weird(rng),
    response_url: rng() < 0.5 ? 'http://127.0.0.1:9/nowhere' : weird(rng),
    view: rng() < 0.3 ? forgedView(rng) : undefined,
    message: rng() < 0.3 ? { ts: '1700000000.000100', text: junk(rng, 3), blocks: weird(rng) } : undefined,
    actions: rng() < 0.85 ? [action] : pick(rng, [[], [null], [action, action, action], weird(rng)]),
  };
}

function forgedView(rng: Rng): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const blocks = int(rng, 6);
  for (let i = 0; i < blocks; i++) {
    const block = pick(rng, [
      'answer_0',
      'answer_1',
      'answer_2',
      'intention',
      'rating_soul',
      'nudge_day',
      'nudge_time',
      'recognition_recipients',
      'recognition_words',
      'recognition_dimension',
      'recognition_channel',
      junk(rng, 1),
    ]);
    values[block] =
      rng() < 0.8
        ? {
            [pick(rng, [
              'answer',
              'intention',
              'rating',
              'day',
              'time',
              'people',
              'words',
              'dimension',
              'channel',
              'x',
            ])]: {
              type: pick(rng, [
                'plain_text_input',
                'static_select',
                'multi_users_select',
                'conversations_select',
                'radio_buttons',
              ]),
              value: weird(rng),
              selected_option: rng() < 0.5 ? { value: weird(rng) } : weird(rng),
              selected_users: rng() < 0.5 ? [userId(rng), userId(rng)] : weird(rng),
              selected_conversation: weird(rng),
            },
          }
        : weird(rng);
  }
  return {
    id: rng() < 0.8 ? `V${int(rng, 1e12).toString(36).toUpperCase()}` : weird(rng),
    team_id: 'T1',
    type: rng() < 0.9 ? 'modal' : weird(rng),
    callback_id: rng() < 0.9 ? pick(rng, CALLBACKS) : weird(rng),
    private_metadata: rng() < 0.7 ? junk(rng, 2) : weird(rng),
    hash: '1700000000.abcdef',
    state: rng() < 0.9 ? { values: rng() < 0.9 ? values : weird(rng) } : weird(rng),
    title: { type: 'plain_text', text: 'x' },
    blocks: [],
  };
}

function viewSubmission(rng: Rng): Record<string, unknown> {
  return {
    type: rng() < 0.85 ? 'view_submission' : 'view_closed',
    ...actor(rng),
    view: rng() < 0.9 ? forgedView(rng) : weird(rng),
    response_urls: rng() < 0.5 ? [] : weird(rng),
    is_cleared: weird(rng),
  };
}

function shortcut(rng: Rng): Record<string, unknown> {
  return {
    type: pick(rng, ['message_action', 'shortcut']),
    ...actor(rng),
    callback_id: rng() < 0.8 ? 'recognize_author' : weird(rng),
    action_ts: String(Date.now() / 1000),
    message:
      rng() < 0.7
        ? { ts: '1700000000.000100', user: userId(rng), text: junk(rng, 4), type: 'message' }
        : weird(rng),
    channel: rng() < 0.7 ? { id: channelId(rng), name: 'bench' } : weird(rng),
    response_url: 'http://127.0.0.1:9/nowhere',
  };
}

/** A form-encoded interactivity body that is wrong in some way. */
export function malformedInteraction(rng: Rng): { body: string; kind: string } {
  const r = rng();
  const form = (payload: string) => new URLSearchParams({ payload }).toString();
  if (r < 0.05) return { kind: 'not JSON', body: form(junk(rng, 4)) };
  if (r < 0.08) return { kind: 'truncated JSON', body: form(JSON.stringify(blockAction(rng)).slice(0, 40)) };
  if (r < 0.1) return { kind: 'no payload field', body: new URLSearchParams({ paylod: '{}' }).toString() };
  if (r < 0.12) return { kind: 'empty body', body: '' };
  if (r < 0.15) return { kind: 'JSON scalar', body: form(JSON.stringify(pick(rng, WEIRD_VALUES) ?? null)) };
  if (r < 0.18) return { kind: 'raw junk', body: junk(rng, 6) };
  if (r < 0.2)
    return {
      kind: 'huge payload',
      body: form(JSON.stringify({ ...blockAction(rng), pad: 'x'.repeat(1_000_000) })),
    };
  if (r < 0.25)
    return { kind: 'unknown type', body: form(JSON.stringify({ ...actor(rng), type: weird(rng) })) };
  if (r < 0.6) return { kind: 'block_actions', body: form(JSON.stringify(blockAction(rng))) };
  if (r < 0.9) return { kind: 'view_submission', body: form(JSON.stringify(viewSubmission(rng))) };
  return { kind: 'shortcut', body: form(JSON.stringify(shortcut(rng))) };
}
