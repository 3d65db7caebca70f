// @ts-check
/**
 * The sandbox page: a small Slack-like client for one sandbox person at a time. It reads
 * everything from the sandbox server (src/sandbox/API.md) and refetches what it shows whenever the
 * server's `version` moves (Server-Sent Events, and a 5 s poll as a fallback).
 *
 * This module wires the page: refreshing, the sidebar, the pane header, App Home, the composer and
 * the sandbox controls. The message list, the modal, dialogs, Block Kit and mrkdwn have their own.
 */
import { api } from './api.js';
import { avatar, collectValues, el, renderBlocks } from './block-kit.js';
import { setUpComposer, toSlackText } from './composer.js';
import { confirmDialog as drawConfirm, showToast as drawToast, keepFocusInDialog } from './dialogs.js';
import { closeMenus, forgetDrawnMessages, renderMessages } from './message-list.js';
import { closeModal, renderModal } from './modal-view.js';
import {
  $,
  AS_KEY,
  botAvatar,
  botName,
  channels,
  city,
  clockNow,
  format,
  HOUR,
  me,
  mrkdwnContext,
  PLACE_KEY,
  people,
  session,
  viewerZone,
  zoneOffset,
} from './session.js';

/**
 * @typedef {import('./session.js').Json} Json
 * @typedef {import('./session.js').Message} Message
 * @typedef {import('./session.js').Place} Place
 */

/** What the message list and the modal need from the page. */
const deps = {
  blockContext,
  refresh,
  showToast: (/** @type {string} */ text) => showToast(text),
  runShortcut: async (
    /** @type {string} */ callbackId,
    /** @type {string} */ channel,
    /** @type {string} */ ts,
  ) => {
    if (!session.as) return;
    const answer = await api.shortcut(session.as, callbackId, channel, ts);
    if (answer.ok === false) showToast(answer.error ?? 'That shortcut did not work.');
    await refresh();
  },
};

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
  $('topbar-workspace').textContent = state.workspace?.name ?? 'Sandbox';
  renderViewAs();
  renderClock();
  renderTip();
  renderSidebar();
  renderHeader();
  renderPane();
  renderModal(deps);
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

/** A first step for someone new to the product, with a real colleague's handle. */
function renderTip() {
  const other = people().find((p) => p.id !== session.state?.me);
  const tip = $('sandbox-tip');
  tip.replaceChildren(
    'Try ',
    el('code', 'mk-code', '/reflect'),
    ' or ',
    el('code', 'mk-code', `/recognize @${other?.name ?? 'someone'} thanks for … #heart`),
    ', then view as someone else',
  );
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
    renderMessages(messagesNode, place.channel, deps);
    const textarea = /** @type {HTMLTextAreaElement} */ ($('composer'));
    const channel = channels().find((c) => c.id === place.channel);
    textarea.placeholder = channel ? `Message #${channel.name}` : `Message ${botName()}`;
  }
}

/** @param {HTMLElement} node */
function renderHome(node) {
  const view = session.home;
  const key = view ? `${view.id}:${view.hash ?? JSON.stringify(view.blocks)}:${session.as}` : 'none';
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

/**
 * Slack's profile card for a mentioned person or an author: name, handle, role and, the point of
 * the sandbox's four zones, their local time now.
 * @param {string} userId @param {HTMLElement} anchor
 */
function openProfileCard(userId, anchor) {
  const person = people().find((p) => p.id === userId);
  if (!person) return;
  document.getElementById('profile-card')?.remove();
  const card = el('div', 'profile-card');
  card.id = 'profile-card';
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', person.realName);
  card.appendChild(avatar(person, 'avatar--card'));
  const text = card.appendChild(el('div', 'profile-card-text'));
  text.appendChild(el('div', 'profile-card-name', person.realName));
  text.appendChild(
    el('div', 'profile-card-handle', `@${person.name}${person.isAdmin ? ' · Workspace admin' : ''}`),
  );
  const local = new Intl.DateTimeFormat(undefined, {
    timeZone: person.tz,
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(clockNow()));
  const time = text.appendChild(el('div', 'profile-card-time', `${local} local time`));
  time.title = `${person.tzLabel ?? person.tz} (${zoneOffset(person.tz)})`;
  text.appendChild(
    el('div', 'profile-card-zone', `${person.tzLabel ?? city(person.tz)} · ${zoneOffset(person.tz)}`),
  );
  document.body.appendChild(card);
  const rect = anchor.getBoundingClientRect();
  card.style.top = `${Math.min(rect.bottom + 6, window.innerHeight - card.offsetHeight - 8)}px`;
  card.style.left = `${Math.min(rect.left, window.innerWidth - card.offsetWidth - 8)}px`;
}

function setUpControls() {
  const viewAs = /** @type {HTMLSelectElement} */ ($('view-as'));
  viewAs.addEventListener('change', () => {
    session.as = viewAs.value;
    localStorage.setItem(AS_KEY, viewAs.value);
    session.modalKey = '';
    session.typed.clear();
    session.notices.clear();
    forgetDrawnMessages();
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
    const button = /** @type {HTMLButtonElement} */ ($('reset'));
    button.disabled = true;
    // Where the person is when they confirm; if they move on while the reset runs, stay there.
    const placeBefore = session.place;
    const answer = await api.reset().finally(() => {
      button.disabled = false;
    });
    if (answer.ok === false) showToast(answer.error ?? 'The sandbox could not be reset.');
    session.notices.clear();
    forgetDrawnMessages();
    $('home').dataset.key = '';
    go(session.place === placeBefore ? { kind: 'home' } : session.place);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Tab') keepFocusInDialog(event);
    if (event.key !== 'Escape') return;
    const card = document.getElementById('profile-card');
    if (card) {
      card.remove();
      return;
    }
    if (document.getElementById('shortcut-menu')) {
      closeMenus();
      return;
    }
    const top = session.modalStack.at(-1);
    if (top && !$('modal-root').hidden) {
      event.preventDefault();
      void closeModal(top.id, deps);
    }
  });
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element) followPermalink(event, event.target.closest('a.mk-link'));
    const card = document.getElementById('profile-card');
    if (card && event.target instanceof Node && !card.contains(event.target)) card.remove();
    const who = event.target instanceof Element ? event.target.closest('[data-user-id]') : null;
    if (who instanceof HTMLElement && who.closest('#messages, #home, #modal-root') && who.dataset.userId) {
      openProfileCard(who.dataset.userId, who);
    }
    const menu = document.getElementById('shortcut-menu');
    if (menu && event.target instanceof Node && !menu.contains(event.target)) closeMenus();
  });
  const composer = setUpComposer({
    textarea: /** @type {HTMLTextAreaElement} */ ($('composer')),
    popover: $('composer-popover'),
    data: () => ({ commands: session.state?.commands ?? [], people: people(), appName: botName() }),
    send: sendComposed,
  });
  $('composer-send').addEventListener('click', () => {
    $('composer').focus();
    void composer.submit();
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
