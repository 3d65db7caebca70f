// @ts-check
/**
 * The message list: day dividers, authors grouped as in Slack, "Only visible to you", Block Kit or
 * mrkdwn bodies, and the hover toolbar whose "More actions" lists the app's message shortcuts.
 */
import { avatar, el, renderBlocks } from './block-kit.js';
import { renderMrkdwn } from './mrkdwn.js';
import {
  botAvatar,
  botName,
  channels,
  dayKey,
  dayLabel,
  format,
  mrkdwnContext,
  people,
  SLACKBOT,
  session,
} from './session.js';

/**
 * @typedef {import('./session.js').Json} Json
 * @typedef {import('./session.js').Message} Message
 * @typedef {object} ListDeps
 * @property {(surface: 'message', container: Json, inputs: import('./block-kit.js').InputReader[]) => import('./block-kit.js').BlockContext} blockContext
 * @property {(callbackId: string, channel: string, ts: string) => Promise<void>} runShortcut
 */

/** Keeps rendered messages whose content did not change (and what was chosen in their selects). */
const messageCache = new Map();

/** Forgets drawn messages (another viewer, or a reset). */
export const forgetDrawnMessages = () => messageCache.clear();

/**
 * Draws the messages of one channel (and the page's own notices there), reusing unchanged ones.
 * @param {HTMLElement} node
 * @param {string} channelId
 * @param {ListDeps} deps
 */
export function renderMessages(node, channelId, deps) {
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
      item = messageNode(message, channelId, continued, deps);
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
 * @param {ListDeps} deps
 */
function messageNode(message, channelId, continued, deps) {
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
    const author = meta.appendChild(el('span', 'message-author', name));
    if (person && !isBot && !message.local) author.dataset.userId = person.id;
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
    body.appendChild(renderBlocks(message.blocks, deps.blockContext('message', container, [])));
  } else {
    body
      .appendChild(el('div', 'message-text'))
      .appendChild(renderMrkdwn(message.text ?? '', mrkdwnContext()));
  }
  if (message.edited) body.appendChild(el('span', 'message-edited', '(edited)'));
  if (!message.ephemeral && !message.local) node.appendChild(messageActions(message, channelId, deps));
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
/** @param {Message} message @param {string} channelId @param {ListDeps} deps */
function messageActions(message, channelId, deps) {
  const bar = el('div', 'message-actions');
  const more = bar.appendChild(el('button', 'message-action', '⋮'));
  more.type = 'button';
  more.title = 'More actions';
  more.setAttribute('aria-label', 'More actions');
  more.setAttribute('aria-haspopup', 'menu');
  more.dataset.moreActions = '';
  more.addEventListener('click', (event) => {
    event.stopPropagation();
    openShortcutMenu(more, message, channelId, deps);
  });
  return bar;
}

/** @param {HTMLElement} anchor @param {Message} message @param {string} channelId @param {ListDeps} deps */
function openShortcutMenu(anchor, message, channelId, deps) {
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
      await deps.runShortcut(shortcut.callbackId, channelId, message.ts);
    });
  }
  document.body.appendChild(menu);
  const rect = anchor.getBoundingClientRect();
  menu.style.top = `${Math.min(rect.bottom + 4, window.innerHeight - menu.offsetHeight - 8)}px`;
  menu.style.left = `${Math.max(8, rect.right - menu.offsetWidth)}px`;
  anchor.closest('.message')?.classList.add('message--menu-open');
  menu.querySelector('button')?.focus();
}

export function closeMenus() {
  document.getElementById('shortcut-menu')?.remove();
  for (const node of document.querySelectorAll('.message--menu-open'))
    node.classList.remove('message--menu-open');
}
