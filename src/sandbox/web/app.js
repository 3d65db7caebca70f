// @ts-check
/**
 * The sandbox page: a small Slack-like client for one sandbox person at a time. It reads
 * everything from the sandbox server (src/sandbox/API.md) and refetches what it shows whenever the
 * server's `version` moves (Server-Sent Events, and a 5 s poll as a fallback).
 */
import { api } from './api.js';
import { avatar, clientErrors, collectValues, el, renderBlocks, setInputError } from './block-kit.js';
import { setUpComposer, toSlackText } from './composer.js';
import { confirmDialog as drawConfirm, showToast as drawToast, keepFocusInDialog } from './dialogs.js';
import { renderMrkdwn } from './mrkdwn.js';

/**
 * @typedef {Record<string, any>} Json
 * @typedef {import('./block-kit.js').Person & { tz: string, tzLabel?: string, isAdmin?: boolean }} Person
 * @typedef {import('./block-kit.js').Channel & { members?: string[] }} Channel
 * @typedef {{ ts: string, at: string, user: string | null, bot: boolean, text: string, blocks: Json[] | null,
 *   ephemeral: boolean, edited: boolean, threadTs: string | null, local?: boolean, author?: string }} Message
 * @typedef {{ kind: 'channel', channel: string } | { kind: 'home' }} Place
 */

const AS_KEY = 'throughline-sandbox-as';
const PLACE_KEY = 'throughline-sandbox-place';
const HOUR = 3_600_000;
const SLACKBOT = { initials: 'S', color: '#4a154b' };

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const session = {
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
const people = () => session.state?.people ?? [];
/** @returns {Channel[]} */
const channels = () => session.state?.channels ?? [];
const me = () => /** @type {Person | undefined} */ (people().find((p) => p.id === session.state?.me));
const viewerZone = () => me()?.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
const botName = () => session.state?.bot?.name ?? 'Throughline';

function botAvatar(extra = '') {
  const node = el('span', `avatar avatar--bot ${extra}`.trim());
  node.setAttribute('aria-hidden', 'true');
  node.appendChild(el('span', 'avatar-bot-mark', 'T'));
  return node;
}

const mrkdwnContext = () => ({
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
function clockNow() {
  const clock = session.state?.clock;
  if (!clock?.now) return Date.now();
  return Date.parse(clock.now) + (Date.now() - session.stateReadAt);
}

/** @param {Date} date @param {Intl.DateTimeFormatOptions} options */
const format = (date, options) =>
  new Intl.DateTimeFormat(undefined, { timeZone: viewerZone(), ...options }).format(date);

/** "GMT+5:45" for a zone. */
function zoneOffset(/** @type {string} */ tz) {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' })
      .formatToParts(new Date(clockNow()))
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

const city = (/** @type {string} */ tz) => (tz.split('/').pop() ?? tz).replace(/_/g, ' ');

/** Calendar day of a time in the viewer's zone, for day dividers. */
const dayKey = (/** @type {Date} */ date) =>
  format(date, { year: 'numeric', month: '2-digit', day: '2-digit' });

function dayLabel(/** @type {Date} */ date) {
  const today = new Date(clockNow());
  if (dayKey(date) === dayKey(today)) return 'Today';
  if (dayKey(date) === dayKey(new Date(today.getTime() - 24 * HOUR))) return 'Yesterday';
  return format(date, { weekday: 'long', month: 'long', day: 'numeric' });
}

// ---------------------------------------------------------------------------------------------
// Refreshing
// ---------------------------------------------------------------------------------------------

/** Reads everything the page shows; calls that overlap run once more afterwards. */
async function refresh() {
  if (session.refreshing) {
    session.refreshAgain = true;
    return;
  }
  session.refreshing = true;
  try {
    do {
      session.refreshAgain = false;
      await refreshOnce();
    } while (session.refreshAgain);
  } finally {
    session.refreshing = false;
  }
}

async function refreshOnce() {
  const asked = session.as;
  const state = await api.state(asked);
  if (session.as !== asked) {
    // "View as" changed while this was in flight: this answer is about someone else.
    session.refreshAgain = true;
    return;
  }
  if (state.ok === false || !Array.isArray(state.people)) {
    showToast(state.error ?? 'The sandbox did not answer.');
    return;
  }
  session.state = state;
  session.stateReadAt = Date.now();
  if (session.as !== state.me) {
    session.as = state.me;
    localStorage.setItem(AS_KEY, state.me);
  }
  const as = state.me;
  if (session.place.kind === 'channel') {
    const known = [...channels().map((c) => c.id), state.dm?.id];
    if (!known.includes(session.place.channel)) {
      // Another person's DM with the app becomes this person's own.
      const fallback = session.place.channel.startsWith('D') ? state.dm?.id : channels()[0]?.id;
      session.place = { kind: 'channel', channel: fallback ?? '' };
    }
  }
  const place = session.place;
  const [content, modals] = await Promise.all([
    place.kind === 'home' ? api.home(as) : api.messages(as, place.channel),
    api.modals(as),
  ]);
  if (place !== session.place || as !== session.as) {
    session.refreshAgain = true;
    return;
  }
  if (place.kind === 'home') session.home = content.ok === false ? null : (content.view ?? null);
  else session.messages = Array.isArray(content.messages) ? content.messages : [];
  session.modalStack = Array.isArray(modals.stack) ? modals.stack : [];
  render();
}

/** Refetches when the server's version moves: pushed over Server-Sent Events, polled as a fallback. */
function watch() {
  if (typeof EventSource === 'function') {
    const source = new EventSource('/sandbox/api/stream');
    source.onmessage = (event) => {
      try {
        const data = JSON.parse(event.data);
        if (typeof data.version === 'number' && data.version !== session.state?.version) void refresh();
      } catch {}
    };
  }
  setInterval(async () => {
    const state = await api.state(session.as);
    if (typeof state.version === 'number' && state.version !== session.state?.version) void refresh();
  }, 5000);
  setInterval(renderClock, 15_000);
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

function render() {
  const state = session.state;
  if (!state) return;
  document.title = `${state.workspace?.name ?? 'Sandbox'} · Throughline sandbox`;
  $('workspace-name').textContent = state.workspace?.name ?? 'Sandbox';
  renderViewAs();
  renderClock();
  renderSidebar();
  renderHeader();
  renderPane();
  renderModal();
}

function renderViewAs() {
  const select = /** @type {HTMLSelectElement} */ ($('view-as'));
  const wanted = people()
    .map((p) => `${p.id}:${p.realName}:${p.tz}:${p.isAdmin}`)
    .join('|');
  if (select.dataset.people !== wanted) {
    select.dataset.people = wanted;
    select.replaceChildren(
      ...people().map((p) => {
        const label = `${p.realName} · ${city(p.tz)} (${zoneOffset(p.tz)})${p.isAdmin ? ' · admin' : ''}`;
        return new Option(label, p.id);
      }),
    );
  }
  select.value = session.state?.me ?? '';
  const who = me();
  const badge = $('view-as-avatar');
  badge.replaceChildren(...(who ? [avatar(who, 'avatar--small')] : []));
}

function renderClock() {
  if (!session.state) return;
  const now = new Date(clockNow());
  const who = me();
  $('clock-now').textContent =
    `${format(now, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' })}`;
  $('clock-zone').textContent = who ? `${city(who.tz)} time` : '';
  const next = session.state.clock?.nextNudgeAt;
  const button = $('clock-next-nudge');
  button.title = next
    ? `Next nudge: ${format(new Date(next), { weekday: 'short', hour: 'numeric', minute: '2-digit' })} (${city(viewerZone())} time)`
    : 'Nothing is scheduled yet: try /reflect schedule fri 16:00';
}

function renderSidebar() {
  const state = session.state;
  if (!state) return;
  const unread = state.unread ?? {};
  const current = session.place.kind === 'channel' ? session.place.channel : undefined;
  const list = $('channel-list');
  list.replaceChildren(
    ...channels().map((channel) =>
      sidebarItem({
        icon: el('span', 'sidebar-icon', channel.isPrivate ? '🔒' : '#'),
        label: channel.name,
        active: current === channel.id,
        unread: current === channel.id ? 0 : (unread[channel.id] ?? 0),
        badge: false,
        hook: (node) => {
          node.dataset.channel = channel.id;
        },
        go: () => go({ kind: 'channel', channel: channel.id }),
      }),
    ),
  );
  const dm = state.dm;
  const dms = $('dm-list');
  dms.replaceChildren();
  if (dm?.id) {
    dms.appendChild(
      sidebarItem({
        icon: botAvatar('avatar--sidebar'),
        label: dm.name ?? botName(),
        active: current === dm.id,
        unread: current === dm.id ? 0 : (unread[dm.id] ?? 0),
        badge: true,
        hook: (node) => {
          node.dataset.channel = dm.id;
        },
        go: () => go({ kind: 'channel', channel: dm.id }),
      }),
    );
  }
  const apps = $('app-list');
  apps.replaceChildren(
    sidebarItem({
      icon: botAvatar('avatar--sidebar'),
      label: `${botName()}`,
      detail: 'Home',
      active: session.place.kind === 'home',
      unread: 0,
      badge: false,
      hook: (node) => {
        node.dataset.home = '';
      },
      go: () => go({ kind: 'home' }),
    }),
  );
}

/**
 * @param {{ icon: Node, label: string, detail?: string, active: boolean, unread: number, badge: boolean,
 *   hook: (node: HTMLElement) => void, go: () => void }} item
 */
function sidebarItem(item) {
  const li = el('li');
  const button = li.appendChild(el('button', 'sidebar-item'));
  button.type = 'button';
  if (item.active) {
    button.classList.add('sidebar-item--active');
    button.setAttribute('aria-current', 'page');
  }
  if (item.unread > 0) button.classList.add('sidebar-item--unread');
  button.appendChild(item.icon);
  button.appendChild(el('span', 'sidebar-label', item.label));
  if (item.detail) button.appendChild(el('span', 'sidebar-detail', item.detail));
  if (item.unread > 0 && item.badge) button.appendChild(el('span', 'sidebar-badge', String(item.unread)));
  item.hook(button);
  button.addEventListener('click', item.go);
  return li;
}

/** @param {Place} place */
function go(place) {
  session.place = place;
  localStorage.setItem(PLACE_KEY, JSON.stringify(place));
  session.messages = [];
  renderSidebar();
  renderHeader();
  renderPane();
  if (place.kind === 'home' && session.as) {
    void api.openHome(session.as).then(() => refresh());
  } else {
    void refresh();
  }
  if (place.kind === 'channel') /** @type {HTMLTextAreaElement} */ ($('composer')).focus();
}

function renderHeader() {
  const header = $('pane-header');
  header.replaceChildren();
  const place = session.place;
  const channel = place.kind === 'channel' ? channels().find((c) => c.id === place.channel) : undefined;
  if (channel) {
    const title = header.appendChild(el('h1', 'pane-title'));
    title.append(el('span', 'pane-title-icon', channel.isPrivate ? '🔒' : '#'), channel.name);
    const members = channel.members ?? [];
    const faces = header.appendChild(el('div', 'pane-members'));
    faces.title = `${members.length} members`;
    for (const id of members.slice(0, 3)) {
      const person = people().find((p) => p.id === id);
      if (person) faces.appendChild(avatar(person, 'avatar--face'));
    }
    faces.appendChild(el('span', 'pane-members-count', String(members.length)));
    return;
  }
  const app = header.appendChild(el('div', 'pane-app'));
  const title = app.appendChild(el('h1', 'pane-title'));
  title.append(botAvatar('avatar--title'), botName());
  const tabs = app.appendChild(el('div', 'pane-tabs'));
  tabs.setAttribute('role', 'tablist');
  const dmId = session.state?.dm?.id;
  /** @type {[string, string, Place][]} */
  const entries = [
    ['home', 'Home', { kind: 'home' }],
    ['messages', 'Messages', { kind: 'channel', channel: dmId ?? '' }],
  ];
  for (const [key, label, target] of entries) {
    const tab = tabs.appendChild(el('button', 'pane-tab', label));
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.dataset.tab = key;
    const selected = target.kind === place.kind;
    tab.setAttribute('aria-selected', String(selected));
    if (!selected) tab.addEventListener('click', () => go(target));
  }
  const about = tabs.appendChild(el('span', 'pane-tab pane-tab--static', 'About'));
  about.setAttribute('aria-disabled', 'true');
}

function renderPane() {
  const place = session.place;
  const messagesNode = $('messages');
  const homeNode = $('home');
  const composer = $('composer-wrap');
  messagesNode.hidden = place.kind !== 'channel';
  homeNode.hidden = place.kind !== 'home';
  composer.hidden = place.kind !== 'channel';
  if (place.kind === 'home') {
    renderHome(homeNode);
  } else {
    renderMessages(messagesNode, place.channel);
    const textarea = /** @type {HTMLTextAreaElement} */ ($('composer'));
    const channel = channels().find((c) => c.id === place.channel);
    textarea.placeholder = channel ? `Message #${channel.name}` : `Message ${botName()}`;
  }
}

/** @param {HTMLElement} node */
function renderHome(node) {
  const view = session.home;
  const key = view ? `${view.id}:${view.hash ?? JSON.stringify(view.blocks).length}:${session.as}` : 'none';
  if (node.dataset.key === key) return;
  node.dataset.key = key;
  node.replaceChildren();
  if (!view) {
    node.appendChild(el('div', 'home-empty', `${botName()} has not published a Home tab for you yet.`));
    return;
  }
  /** @type {import('./block-kit.js').BlockContext} */
  const ctx = blockContext('home', { type: 'view', view_id: view.id }, []);
  const blocks = renderBlocks(view.blocks ?? [], ctx);
  blocks.classList.add('home-blocks');
  node.appendChild(blocks);
}

/**
 * @param {'message' | 'modal' | 'home'} surface
 * @param {Json} container
 * @param {import('./block-kit.js').InputReader[]} inputs
 * @param {Map<string, Json>} [restore]
 * @returns {import('./block-kit.js').BlockContext}
 */
function blockContext(surface, container, inputs, restore) {
  return {
    surface,
    mrkdwn: mrkdwnContext(),
    people: people(),
    channels: channels(),
    currentChannel: session.place.kind === 'channel' ? session.place.channel : undefined,
    inputs,
    restore,
    confirm: confirmDialog,
    onAction: async (action) => {
      if (!session.as) return;
      // Slack sends a view's current state with every action in it.
      const values = container.type === 'view' ? collectValues(inputs) : undefined;
      const answer = await api.action(session.as, action, container, values);
      if (answer.ok === false) showToast(answer.error ?? 'That did not work.');
      await refresh();
    },
  };
}

/** Keeps rendered messages whose content did not change (and what was chosen in their selects). */
const messageCache = new Map();

/** @param {HTMLElement} node @param {string} channelId */
function renderMessages(node, channelId) {
  const nearBottom = node.scrollHeight - node.scrollTop - node.clientHeight < 80;
  const all = [...session.messages, ...(session.notices.get(channelId) ?? [])].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.ts.localeCompare(b.ts),
  );
  /** @type {Node[]} */
  const nodes = [channelIntro(channelId)];
  let previousDay = '';
  /** @type {Message | undefined} */
  let previous;
  const seen = new Set();
  for (const message of all) {
    const at = new Date(message.at);
    const day = dayKey(at);
    if (day !== previousDay) {
      previousDay = day;
      previous = undefined;
      const divider = el('div', 'day-divider');
      divider.appendChild(el('span', 'day-divider-label', dayLabel(at)));
      nodes.push(divider);
    }
    const continued =
      previous !== undefined &&
      !message.ephemeral &&
      !previous.ephemeral &&
      previous.user === message.user &&
      previous.bot === message.bot &&
      Date.parse(message.at) - Date.parse(previous.at) < 5 * 60_000;
    const key = `${channelId}:${message.ts}:${message.ephemeral}`;
    const signature = `${session.as}|${continued}|${day}|${JSON.stringify(message)}`;
    const cached = messageCache.get(key);
    let item = cached?.signature === signature ? cached.node : undefined;
    if (!item) {
      item = messageNode(message, channelId, continued);
      messageCache.set(key, { signature, node: item });
    }
    seen.add(key);
    nodes.push(item);
    previous = message;
  }
  for (const key of messageCache.keys())
    if (key.startsWith(`${channelId}:`) && !seen.has(key)) messageCache.delete(key);
  const changedChannel = node.dataset.showing !== channelId;
  node.dataset.showing = channelId;
  node.replaceChildren(...nodes);
  if (nearBottom || changedChannel) node.scrollTop = node.scrollHeight;
  const focus = session.focusTs
    ? nodes.find((n) => n instanceof HTMLElement && n.dataset.ts === session.focusTs)
    : undefined;
  if (focus instanceof HTMLElement) {
    session.focusTs = undefined;
    focus.scrollIntoView({ block: 'center' });
    focus.classList.add('message--highlight');
    setTimeout(() => focus.classList.remove('message--highlight'), 2500);
  }
}

function channelIntro(/** @type {string} */ channelId) {
  const intro = el('div', 'channel-intro');
  const channel = channels().find((c) => c.id === channelId);
  if (channel) {
    intro.appendChild(el('div', 'channel-intro-title', `#${channel.name}`));
    intro.appendChild(
      el(
        'p',
        'channel-intro-text',
        `This is the very beginning of the #${channel.name} channel in the sandbox.`,
      ),
    );
  } else {
    const head = intro.appendChild(el('div', 'channel-intro-app'));
    head.append(botAvatar('avatar--intro'), el('div', 'channel-intro-title', botName()));
    intro.appendChild(
      el(
        'p',
        'channel-intro-text',
        `This is your direct message with ${botName()}. Try /reflect to write this week's reflection, or /reflect help.`,
      ),
    );
  }
  return intro;
}

/**
 * @param {Message} message
 * @param {string} channelId
 * @param {boolean} continued  same author a moment ago: no avatar or name, as in Slack
 */
function messageNode(message, channelId, continued) {
  const node = el('div', 'message');
  node.dataset.ts = message.ts;
  if (message.ephemeral) node.classList.add('message--ephemeral');
  if (continued) node.classList.add('message--continued');
  const at = new Date(message.at);
  const time = format(at, { hour: 'numeric', minute: '2-digit' });
  const fullTime = format(at, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

  const person = message.user ? people().find((p) => p.id === message.user) : undefined;
  const isBot = message.bot || (message.user !== null && message.user === session.state?.bot?.userId);
  const gutter = node.appendChild(el('div', 'message-gutter'));
  const content = node.appendChild(el('div', 'message-content'));
  if (message.ephemeral) {
    const note = content.appendChild(el('div', 'message-ephemeral-note'));
    note.append(eyeIcon(), 'Only visible to you');
  }
  if (continued) {
    const hover = gutter.appendChild(el('time', 'message-hover-time', time));
    hover.dateTime = message.at;
    hover.title = fullTime;
  } else {
    gutter.appendChild(
      message.local
        ? avatar({ ...SLACKBOT }, 'avatar--message')
        : isBot || !person
          ? botAvatar('avatar--message')
          : avatar(person, 'avatar--message'),
    );
    const meta = content.appendChild(el('div', 'message-meta'));
    const name = message.local
      ? 'Slackbot'
      : isBot
        ? botName()
        : (person?.realName ?? message.user ?? 'Someone');
    meta.appendChild(el('span', 'message-author', name));
    if (isBot && !message.local) meta.appendChild(el('span', 'app-badge', 'APP'));
    const stamp = meta.appendChild(el('time', 'message-time', time));
    stamp.dateTime = message.at;
    stamp.title = fullTime;
  }
  const body = content.appendChild(el('div', 'message-body'));
  const container = {
    type: 'message',
    channel: channelId,
    ts: message.ts,
    ...(message.ephemeral ? { is_ephemeral: true } : {}),
  };
  if (Array.isArray(message.blocks) && message.blocks.length > 0) {
    body.appendChild(renderBlocks(message.blocks, blockContext('message', container, [])));
  } else {
    body
      .appendChild(el('div', 'message-text'))
      .appendChild(renderMrkdwn(message.text ?? '', mrkdwnContext()));
  }
  if (message.edited) body.appendChild(el('span', 'message-edited', '(edited)'));
  if (!message.ephemeral && !message.local) node.appendChild(messageActions(message, channelId));
  return node;
}

function eyeIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('class', 'icon-eye');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M10 4C5.5 4 2.3 7.4 1 10c1.3 2.6 4.5 6 9 6s7.7-3.4 9-6c-1.3-2.6-4.5-6-9-6zm0 9.5A3.5 3.5 0 1 1 10 6.5a3.5 3.5 0 0 1 0 7z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}

/** Slack's hover toolbar on a message, with "More actions" listing the message shortcuts. */
function messageActions(/** @type {Message} */ message, /** @type {string} */ channelId) {
  const bar = el('div', 'message-actions');
  const more = bar.appendChild(el('button', 'message-action', '⋮'));
  more.type = 'button';
  more.title = 'More actions';
  more.setAttribute('aria-label', 'More actions');
  more.setAttribute('aria-haspopup', 'menu');
  more.dataset.moreActions = '';
  more.addEventListener('click', (event) => {
    event.stopPropagation();
    openShortcutMenu(more, message, channelId);
  });
  return bar;
}

/** @param {HTMLElement} anchor @param {Message} message @param {string} channelId */
function openShortcutMenu(anchor, message, channelId) {
  closeMenus();
  const menu = el('div', 'menu');
  menu.setAttribute('role', 'menu');
  menu.id = 'shortcut-menu';
  /** @type {{ callbackId: string, name: string }[]} */
  const shortcuts = session.state?.shortcuts ?? [];
  if (shortcuts.length === 0) menu.appendChild(el('div', 'menu-note', 'No message shortcuts'));
  else menu.appendChild(el('div', 'menu-title', 'Message shortcuts'));
  for (const shortcut of shortcuts) {
    const item = menu.appendChild(el('button', 'menu-item'));
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.dataset.shortcut = shortcut.callbackId;
    item.append(el('span', 'menu-item-label', shortcut.name), el('span', 'menu-item-app', botName()));
    item.addEventListener('click', async () => {
      closeMenus();
      if (!session.as) return;
      const answer = await api.shortcut(session.as, shortcut.callbackId, channelId, message.ts);
      if (answer.ok === false) showToast(answer.error ?? 'That shortcut did not work.');
      await refresh();
    });
  }
  document.body.appendChild(menu);
  const rect = anchor.getBoundingClientRect();
  menu.style.top = `${Math.min(rect.bottom + 4, window.innerHeight - menu.offsetHeight - 8)}px`;
  menu.style.left = `${Math.max(8, rect.right - menu.offsetWidth)}px`;
  anchor.closest('.message')?.classList.add('message--menu-open');
  menu.querySelector('button')?.focus();
}

function closeMenus() {
  document.getElementById('shortcut-menu')?.remove();
  for (const node of document.querySelectorAll('.message--menu-open'))
    node.classList.remove('message--menu-open');
}

// ---------------------------------------------------------------------------------------------
// Modals
// ---------------------------------------------------------------------------------------------

/** Values typed into the modal on screen, by block and action id. */
function typedValues() {
  /** @type {Map<string, Json>} */
  const values = new Map();
  for (const input of session.modalInputs)
    values.set(`${input.blockId}\u0000${input.actionId}`, input.read());
  return values;
}

function renderModal() {
  const root = $('modal-root');
  const view = session.modalStack.at(-1);
  if (!view) {
    if (!root.hidden) {
      root.hidden = true;
      root.replaceChildren();
      session.modalKey = '';
      session.modalInputs = [];
      session.typed.clear();
      /** @type {HTMLElement | null} */ (document.querySelector('#composer'))?.focus();
    }
    return;
  }
  const key = `${view.id}:${view.hash ?? JSON.stringify(view).length}`;
  if (key === session.modalKey) return;
  const previousId = session.modalKey.split(':')[0];
  if (previousId) session.typed.set(previousId, typedValues());
  const restore = session.typed.get(view.id);
  session.modalKey = key;
  session.modalInputs = [];

  const modal = el('div', 'modal');
  modal.id = 'modal';
  modal.dataset.viewId = view.id;
  modal.setAttribute('role', 'dialog');
  modal.setAttribute('aria-modal', 'true');
  modal.setAttribute('aria-labelledby', 'modal-title');
  const header = modal.appendChild(el('div', 'modal-header'));
  if (session.modalStack.length > 1) {
    const back = header.appendChild(el('button', 'modal-icon-button modal-back', '‹'));
    back.type = 'button';
    back.setAttribute('aria-label', 'Back');
    back.addEventListener('click', () => closeModal(view.id));
  }
  header.appendChild(botAvatar('avatar--modal'));
  const title = header.appendChild(el('h2', 'modal-title'));
  title.id = 'modal-title';
  title.textContent = view.title?.text ?? botName();
  const x = header.appendChild(el('button', 'modal-icon-button modal-x', '×'));
  x.type = 'button';
  x.setAttribute('aria-label', 'Close');
  x.addEventListener('click', () => closeModal(view.id));

  const body = modal.appendChild(el('div', 'modal-body'));
  const blocks = renderBlocks(
    view.blocks ?? [],
    blockContext('modal', { type: 'view', view_id: view.id }, session.modalInputs, restore),
  );
  body.appendChild(blocks);

  const footer = modal.appendChild(el('div', 'modal-footer'));
  const close = footer.appendChild(
    el('button', 'bk-button', view.close?.text ?? (view.submit ? 'Cancel' : 'Close')),
  );
  close.type = 'button';
  close.id = 'modal-close';
  close.addEventListener('click', () => closeModal(view.id));
  if (view.submit) {
    const submit = footer.appendChild(el('button', 'bk-button bk-button--primary', view.submit.text));
    submit.type = 'button';
    submit.id = 'modal-submit';
    submit.addEventListener('click', () => submitModal(view.id, blocks, submit));
  }
  const opening = root.hidden;
  root.replaceChildren(modal);
  root.hidden = false;
  const first = body.querySelector('input:not([type=radio]):not([type=checkbox]), textarea, select');
  /** @type {HTMLElement} */ (first instanceof HTMLElement ? first : close).focus({
    preventScroll: !opening,
  });
}

/** @param {string} viewId @param {HTMLElement} blocks @param {HTMLButtonElement} submit */
async function submitModal(viewId, blocks, submit) {
  if (!session.as) return;
  const inputs = session.modalInputs;
  const errors = clientErrors(inputs);
  for (const input of inputs) setInputError(blocks, input.blockId, errors[input.blockId]);
  if (Object.keys(errors).length > 0) return;
  submit.disabled = true;
  const answer = await api.submit(session.as, viewId, collectValues(inputs));
  submit.disabled = false;
  if (answer.ok === false) {
    showToast(answer.error ?? 'The form could not be sent.');
    return;
  }
  if (answer.result === 'errors' && answer.errors) {
    /** @type {string[]} */
    const unplaced = [];
    for (const [blockId, message] of Object.entries(answer.errors)) {
      if (!setInputError(blocks, blockId, String(message))) unplaced.push(String(message));
    }
    blocks.querySelector('.bk-input--error')?.scrollIntoView({ block: 'center' });
    // An error for a block this view does not have: Slack refuses the answer; show it anyway.
    if (unplaced.length > 0) showToast(unplaced.join(' '));
    for (const input of inputs)
      if (!(input.blockId in answer.errors)) setInputError(blocks, input.blockId, undefined);
    return;
  }
  await refresh();
}

async function closeModal(/** @type {string} */ viewId) {
  if (!session.as) return;
  session.typed.delete(viewId);
  await api.close(session.as, viewId);
  await refresh();
}

// ---------------------------------------------------------------------------------------------
// Toasts, composer and controls
// ---------------------------------------------------------------------------------------------

/** @param {Json} confirm */
const confirmDialog = (confirm) => drawConfirm(confirm, mrkdwnContext());
const showToast = (/** @type {string} */ text) => drawToast(text, mrkdwnContext());

/** Sends what was typed; an unknown command is answered in place, as Slack's client does. */
async function sendComposed(/** @type {string} */ typed) {
  if (!session.as || session.place.kind !== 'channel') return false;
  const channel = session.place.channel;
  const text = toSlackText(typed.trim(), people(), channels());
  const answer = await api.compose(session.as, channel, text);
  if (answer.ok === false) {
    const notices = session.notices.get(channel) ?? [];
    const now = new Date(clockNow());
    notices.push({
      ts: `local-${now.getTime()}-${notices.length}`,
      at: now.toISOString(),
      user: null,
      bot: false,
      local: true,
      text: answer.error ?? 'That did not work.',
      blocks: null,
      ephemeral: true,
      edited: false,
      threadTs: null,
    });
    session.notices.set(channel, notices);
    renderPane();
    return typed.startsWith('/');
  }
  await refresh();
  return true;
}

async function moveClock(
  /** @type {{ advanceMs: number } | { to: 'next-nudge' }} */ move,
  /** @type {HTMLButtonElement} */ button,
) {
  button.disabled = true;
  const answer = await api.clock(move);
  button.disabled = false;
  if (answer.ok === false) showToast(answer.error ?? 'The clock did not move.');
  else if (typeof answer.jumpedMs === 'number') showToast(`Time moved ${describeJump(answer.jumpedMs)}.`);
  await refresh();
}

function describeJump(/** @type {number} */ ms) {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} forward`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return `${hours} h${rest ? ` ${rest} min` : ''} forward`;
  return `${Math.round(hours / 24)} days forward`;
}

/**
 * A permalink into this workspace (`https://sandbox.slack.com/archives/C…/p…`, as `chat.getPermalink`
 * answers) opens that message here instead of a page that does not exist.
 * @param {MouseEvent} event @param {Element | null} link
 */
function followPermalink(event, link) {
  if (!(link instanceof HTMLAnchorElement)) return;
  const domain = session.state?.workspace?.domain;
  const url = new URL(link.href);
  const match = /^\/archives\/([CDG][A-Z0-9]+)\/p(\d{7,})$/.exec(url.pathname);
  if (!domain || url.hostname !== `${domain}.slack.com` || !match?.[1] || !match[2]) return;
  event.preventDefault();
  session.focusTs = `${match[2].slice(0, -6)}.${match[2].slice(-6)}`;
  go({ kind: 'channel', channel: match[1] });
}

function setUpControls() {
  const viewAs = /** @type {HTMLSelectElement} */ ($('view-as'));
  viewAs.addEventListener('change', () => {
    session.as = viewAs.value;
    localStorage.setItem(AS_KEY, viewAs.value);
    session.modalKey = '';
    session.typed.clear();
    session.notices.clear();
    messageCache.clear();
    $('home').dataset.key = '';
    go(session.place);
  });
  const next = /** @type {HTMLButtonElement} */ ($('clock-next-nudge'));
  next.addEventListener('click', () => moveClock({ to: 'next-nudge' }, next));
  const hour = /** @type {HTMLButtonElement} */ ($('clock-plus-hour'));
  hour.addEventListener('click', () => moveClock({ advanceMs: HOUR }, hour));
  const day = /** @type {HTMLButtonElement} */ ($('clock-plus-day'));
  day.addEventListener('click', () => moveClock({ advanceMs: 24 * HOUR }, day));
  $('reset').addEventListener('click', async () => {
    const sure = await confirmDialog({
      title: { type: 'plain_text', text: 'Reset the sandbox?' },
      text: {
        type: 'plain_text',
        text: 'Every message, reflection, schedule and recognition in this sandbox is deleted, and the clock goes back to now. Your real Slack is never touched.',
      },
      confirm: { type: 'plain_text', text: 'Reset sandbox' },
      deny: { type: 'plain_text', text: 'Cancel' },
      style: 'danger',
    });
    if (!sure) return;
    const answer = await api.reset();
    if (answer.ok === false) showToast(answer.error ?? 'The sandbox could not be reset.');
    session.notices.clear();
    messageCache.clear();
    $('home').dataset.key = '';
    go({ kind: 'home' });
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Tab') keepFocusInDialog(event);
    if (event.key !== 'Escape') return;
    if (document.getElementById('shortcut-menu')) {
      closeMenus();
      return;
    }
    const top = session.modalStack.at(-1);
    if (top && !$('modal-root').hidden) {
      event.preventDefault();
      void closeModal(top.id);
    }
  });
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element) followPermalink(event, event.target.closest('a.mk-link'));
    const menu = document.getElementById('shortcut-menu');
    if (menu && event.target instanceof Node && !menu.contains(event.target)) closeMenus();
  });
  setUpComposer({
    textarea: /** @type {HTMLTextAreaElement} */ ($('composer')),
    popover: $('composer-popover'),
    data: () => ({ commands: session.state?.commands ?? [], people: people(), appName: botName() }),
    send: sendComposed,
  });
  $('composer-send').addEventListener('click', () => {
    const textarea = /** @type {HTMLTextAreaElement} */ ($('composer'));
    textarea.focus();
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
}

async function start() {
  setUpControls();
  await refresh();
  if (session.place.kind === 'home' && session.as) {
    await api.openHome(session.as);
    await refresh();
  }
  watch();
}

void start();
