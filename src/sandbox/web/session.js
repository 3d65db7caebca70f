// @ts-check
/**
 * What the page knows: who it is viewing as, the last state the server answered, where the person
 * is, and the names, zones and times derived from them. One object, shared by the page's modules.
 */
import { el } from './block-kit.js';

/**
 * @typedef {Record<string, any>} Json
 * @typedef {import('./block-kit.js').Person & { tz: string, tzLabel?: string, isAdmin?: boolean }} Person
 * @typedef {import('./block-kit.js').Channel & { members?: string[] }} Channel
 * @typedef {{ ts: string, at: string, user: string | null, bot: boolean, text: string, blocks: Json[] | null,
 *   ephemeral: boolean, edited: boolean, threadTs: string | null, local?: boolean, author?: string }} Message
 * @typedef {{ kind: 'channel', channel: string } | { kind: 'home' }} Place
 */

export const AS_KEY = 'throughline-sandbox-as';
export const PLACE_KEY = 'throughline-sandbox-place';
export const HOUR = 3_600_000;
export const SLACKBOT = { initials: 'S', color: '#4a154b' };

export const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

export const session = {
  /** @type {string | undefined} */
  as: localStorage.getItem(AS_KEY) ?? undefined,
  /** @type {Json | undefined} */
  state: undefined,
  /** When `state.clock.now` was read (page clock), to keep the clock ticking between reads. */
  stateReadAt: 0,
  /** @type {Place} */
  place: readPlace(),
  /** @type {Message[]} */
  messages: [],
  /** Client-side notices (an unknown command), per channel, as Slack shows them. @type {Map<string, Message[]>} */
  notices: new Map(),
  /** @type {Json | null} */
  home: null,
  /** @type {Json[]} */
  modalStack: [],
  /** `id:hash` of the modal on screen, so an unchanged view keeps what was typed. */
  modalKey: '',
  /** Values typed into views that are not on top any more (a push), by view id. @type {Map<string, Map<string, Json>>} */
  typed: new Map(),
  /** @type {import('./block-kit.js').InputReader[]} */
  modalInputs: [],
  /** A message to scroll to and highlight once its channel is shown (a followed permalink). @type {string | undefined} */
  focusTs: undefined,
  refreshing: false,
  refreshAgain: false,
};

function readPlace() {
  try {
    const place = JSON.parse(localStorage.getItem(PLACE_KEY) ?? 'null');
    if (place?.kind === 'home') return /** @type {Place} */ ({ kind: 'home' });
    if (place?.kind === 'channel' && typeof place.channel === 'string') return /** @type {Place} */ (place);
  } catch {}
  return /** @type {Place} */ ({ kind: 'home' });
}

// ---------------------------------------------------------------------------------------------
// People, names and time
// ---------------------------------------------------------------------------------------------

/** @returns {Person[]} */
export const people = () => session.state?.people ?? [];
/** @returns {Channel[]} */
export const channels = () => session.state?.channels ?? [];
export const me = () => /** @type {Person | undefined} */ (people().find((p) => p.id === session.state?.me));
export const viewerZone = () => me()?.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
export const botName = () => session.state?.bot?.name ?? 'Throughline';

export function botAvatar(extra = '') {
  const node = el('span', `avatar avatar--bot ${extra}`.trim());
  node.setAttribute('aria-hidden', 'true');
  node.appendChild(el('span', 'avatar-bot-mark', 'T'));
  return node;
}

export const mrkdwnContext = () => ({
  me: session.state?.me,
  userName: (/** @type {string} */ id) => {
    if (id === session.state?.bot?.userId) return botName();
    const person = people().find((p) => p.id === id);
    return person ? person.realName || person.name : undefined;
  },
  channelName: (/** @type {string} */ id) => {
    if (id === session.state?.dm?.id) return botName();
    return channels().find((c) => c.id === id)?.name;
  },
});

/** The product clock's "now", ticking between reads. */
export function clockNow() {
  const clock = session.state?.clock;
  if (!clock?.now) return Date.now();
  return Date.parse(clock.now) + (Date.now() - session.stateReadAt);
}

/** @param {Date} date @param {Intl.DateTimeFormatOptions} options */
export const format = (date, options) =>
  new Intl.DateTimeFormat(undefined, { timeZone: viewerZone(), ...options }).format(date);

/** "GMT+5:45" for a zone. */
export function zoneOffset(/** @type {string} */ tz) {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' })
      .formatToParts(new Date(clockNow()))
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

export const city = (/** @type {string} */ tz) => (tz.split('/').pop() ?? tz).replace(/_/g, ' ');

/** Calendar day of a time in the viewer's zone, for day dividers. */
export const dayKey = (/** @type {Date} */ date) =>
  format(date, { year: 'numeric', month: '2-digit', day: '2-digit' });

export function dayLabel(/** @type {Date} */ date) {
  const today = new Date(clockNow());
  if (dayKey(date) === dayKey(today)) return 'Today';
  if (dayKey(date) === dayKey(new Date(today.getTime() - 24 * HOUR))) return 'Yesterday';
  return format(date, { weekday: 'long', month: 'long', day: 'numeric' });
}
