// @ts-check
/**
 * Slack mrkdwn → DOM, for the sandbox page. Two steps so the rules are testable on their own:
 * `parseMrkdwn` turns text into a small node tree, `renderMrkdwn` builds DOM nodes from it. Never
 * HTML: every piece of text becomes a text node, so message content cannot inject markup.
 *
 * The rules follow Slack's documented mrkdwn: `*bold*`, `_italic_`, `~strike~`, `` `code` ``,
 * ```` ```pre``` ````, `>` quotes at the start of a line, `<@U…>` / `<#C…>` / `<!here>` / `<url|label>`,
 * `:emoji:` shortcodes, and `&amp; &lt; &gt;` shown as characters. A literal `>` in the text the
 * product sends is `&gt;`, so only a raw `>` starts a quote.
 */
import { emojiNode, hasEmoji } from './emoji.js';

/**
 * @typedef {{ type: 'text', text: string }
 *   | { type: 'bold' | 'italic' | 'strike', children: MrkdwnNode[] }
 *   | { type: 'code', text: string }
 *   | { type: 'pre', text: string }
 *   | { type: 'quote', children: MrkdwnNode[] }
 *   | { type: 'br' }
 *   | { type: 'user', id: string, label?: string }
 *   | { type: 'channel', id: string, label?: string }
 *   | { type: 'special', name: string, label?: string }
 *   | { type: 'link', url: string, label?: string }
 *   | { type: 'emoji', name: string }} MrkdwnNode
 */

/**
 * @typedef {object} MrkdwnContext
 * @property {(id: string) => string | undefined} userName  display name for a user id
 * @property {(id: string) => string | undefined} channelName  name (without #) for a channel id
 * @property {string} [me]  the viewer, whose mentions are highlighted
 */

/** Decodes the three entities Slack uses in mrkdwn (and only those). */
export function decodeEntities(/** @type {string} */ text) {
  return text.replace(/&(amp|lt|gt);/g, (_, name) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

const EMPHASIS = /** @type {const} */ ({ '*': 'bold', _: 'italic', '~': 'strike' });

/** Characters that may stand next to an emphasis marker on the outside (Slack: not a word character). */
function isBoundary(/** @type {string | undefined} */ ch) {
  return ch === undefined || !/[\p{L}\p{N}]/u.test(ch);
}

/**
 * Inline rules on one line (no newlines inside).
 * @param {string} line
 * @returns {MrkdwnNode[]}
 */
function parseInline(line) {
  /** @type {MrkdwnNode[]} */
  const out = [];
  let text = '';
  const flush = () => {
    if (text !== '') out.push({ type: 'text', text: decodeEntities(text) });
    text = '';
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '<') {
      const end = line.indexOf('>', i + 1);
      const inner = end > i + 1 ? line.slice(i + 1, end) : '';
      const node = inner !== '' && !inner.includes('<') ? angleToken(inner) : undefined;
      if (node) {
        flush();
        out.push(node);
        i = end + 1;
        continue;
      }
    } else if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: decodeEntities(line.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    } else if (ch === '*' || ch === '_' || ch === '~') {
      const close = emphasisEnd(line, i, ch);
      if (close !== -1) {
        flush();
        out.push({ type: EMPHASIS[ch], children: parseInline(line.slice(i + 1, close)) });
        i = close + 1;
        continue;
      }
    } else if (ch === ':') {
      const match = /^:([a-z0-9_+-]+):/.exec(line.slice(i));
      if (match?.[1] && hasEmoji(match[1])) {
        flush();
        out.push({ type: 'emoji', name: match[1] });
        i += match[0].length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

/**
 * Where an emphasis opened at `start` closes, or -1: the opener follows a boundary and precedes a
 * non-space; the closer follows a non-space and precedes a boundary.
 * @param {string} line @param {number} start @param {string} marker
 */
function emphasisEnd(line, start, marker) {
  if (!isBoundary(line[start - 1]) || line[start - 1] === marker) return -1;
  const first = line[start + 1];
  if (first === undefined || /\s/.test(first) || first === marker) return -1;
  for (let j = start + 2; j < line.length; j++) {
    if (line[j] !== marker) continue;
    if (/\s/.test(line[j - 1] ?? ' ')) continue;
    if (isBoundary(line[j + 1])) return j;
  }
  return -1;
}

/**
 * `<…>` forms: mentions, channels, special mentions, dates and links.
 * @param {string} inner  what is between `<` and `>`
 * @returns {MrkdwnNode | undefined}
 */
function angleToken(inner) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(inner.slice(bar + 1));
  const withLabel = /** @param {MrkdwnNode} node */ (node) =>
    label !== undefined && label !== '' ? { ...node, label } : node;
  if (/^@[UW][A-Z0-9]+$/.test(target)) return withLabel({ type: 'user', id: target.slice(1) });
  if (/^#[CGD][A-Z0-9]+$/.test(target)) return withLabel({ type: 'channel', id: target.slice(1) });
  if (target.startsWith('!')) {
    const name = target.slice(1);
    if (name.startsWith('date^')) return { type: 'text', text: label ?? '' };
    return withLabel({ type: 'special', name });
  }
  if (/^(https?:\/\/|mailto:)/i.test(target)) return withLabel({ type: 'link', url: decodeEntities(target) });
  return undefined;
}

/**
 * Parses mrkdwn into nodes: code blocks first (nothing is formatted inside them), then lines, with
 * consecutive `>` lines gathered into one quote.
 * @param {string} source
 * @returns {MrkdwnNode[]}
 */
export function parseMrkdwn(source) {
  /** @type {MrkdwnNode[]} */
  const out = [];
  const parts = source.split('```');
  // An odd number of fences leaves the last one literal.
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] ?? '';
    const isPre = index % 2 === 1 && index < closed;
    if (isPre) {
      out.push({ type: 'pre', text: decodeEntities(part.replace(/^\n/, '').replace(/\n$/, '')) });
      continue;
    }
    const literal = index % 2 === 1 ? '```' : '';
    out.push(...parseLines(literal + part));
  }
  return out;
}

/** @param {string} text @returns {MrkdwnNode[]} */
function parseLines(text) {
  if (text === '') return [];
  /** @type {MrkdwnNode[]} */
  const out = [];
  /** @type {MrkdwnNode[] | undefined} */
  let quote;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const last = index === lines.length - 1;
    if (line.startsWith('>')) {
      const body = line.slice(1).replace(/^ /, '');
      if (!quote) {
        quote = [];
        out.push({ type: 'quote', children: quote });
      } else {
        quote.push({ type: 'br' });
      }
      quote.push(...parseInline(body));
      return;
    }
    quote = undefined;
    out.push(...parseInline(line));
    if (!last && !lines[index + 1]?.startsWith('>')) out.push({ type: 'br' });
  });
  return out;
}

/** Links open only for these schemes; anything else shows as text. */
function safeUrl(/** @type {string} */ url) {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds DOM nodes for parsed mrkdwn.
 * @param {MrkdwnNode[]} nodes
 * @param {MrkdwnContext} ctx
 * @param {Node} parent
 */
function appendNodes(nodes, ctx, parent) {
  for (const node of nodes) parent.appendChild(nodeToDom(node, ctx));
}

/**
 * @param {MrkdwnNode} node
 * @param {MrkdwnContext} ctx
 * @returns {Node}
 */
function nodeToDom(node, ctx) {
  switch (node.type) {
    case 'text':
      return document.createTextNode(node.text);
    case 'br':
      return document.createElement('br');
    case 'bold':
    case 'italic':
    case 'strike': {
      const el = document.createElement(node.type === 'bold' ? 'b' : node.type === 'italic' ? 'i' : 's');
      appendNodes(node.children, ctx, el);
      return el;
    }
    case 'code': {
      const el = document.createElement('code');
      el.className = 'mk-code';
      el.textContent = node.text;
      return el;
    }
    case 'pre': {
      const el = document.createElement('pre');
      el.className = 'mk-pre';
      el.textContent = node.text;
      return el;
    }
    case 'quote': {
      const el = document.createElement('blockquote');
      el.className = 'mk-quote';
      appendNodes(node.children, ctx, el);
      return el;
    }
    case 'user': {
      const el = document.createElement('span');
      el.className = node.id === ctx.me ? 'mk-mention mk-mention--me' : 'mk-mention';
      el.dataset.userId = node.id;
      el.textContent = `@${ctx.userName(node.id) ?? node.label ?? node.id}`;
      return el;
    }
    case 'channel': {
      const el = document.createElement('span');
      el.className = 'mk-channel';
      el.dataset.channelId = node.id;
      el.textContent = `#${ctx.channelName(node.id) ?? node.label ?? node.id}`;
      return el;
    }
    case 'special': {
      const el = document.createElement('span');
      const name = node.name.startsWith('subteam^') ? (node.label ?? '@group') : `@${node.name}`;
      el.className = node.name.startsWith('subteam^') ? 'mk-mention' : 'mk-mention mk-mention--me';
      el.textContent = name.startsWith('@') ? name : `@${name}`;
      return el;
    }
    case 'link': {
      const href = safeUrl(node.url);
      if (!href) return document.createTextNode(node.label ?? node.url);
      const el = document.createElement('a');
      el.className = 'mk-link';
      el.href = href;
      el.target = '_blank';
      el.rel = 'noopener noreferrer';
      el.textContent = node.label ?? node.url;
      return el;
    }
    case 'emoji':
      return emojiNode(node.name) ?? document.createTextNode(`:${node.name}:`);
  }
}

/**
 * Renders mrkdwn text as a fragment of DOM nodes.
 * @param {string} text
 * @param {MrkdwnContext} ctx
 * @returns {DocumentFragment}
 */
export function renderMrkdwn(text, ctx) {
  const fragment = document.createDocumentFragment();
  appendNodes(parseMrkdwn(text), ctx, fragment);
  return fragment;
}

/**
 * Renders `plain_text` (with `emoji: true`, the default, shortcodes become emoji).
 * @param {string} text
 * @param {boolean} [emoji]
 * @returns {DocumentFragment}
 */
export function renderPlainText(text, emoji = true) {
  const fragment = document.createDocumentFragment();
  if (!emoji) {
    fragment.appendChild(document.createTextNode(text));
    return fragment;
  }
  let last = 0;
  for (const match of text.matchAll(/:([a-z0-9_+-]+):/g)) {
    const node = match[1] && hasEmoji(match[1]) ? emojiNode(match[1]) : undefined;
    if (!node || match.index === undefined) continue;
    fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
    fragment.appendChild(node);
    last = match.index + match[0].length;
  }
  fragment.appendChild(document.createTextNode(text.slice(last)));
  return fragment;
}
