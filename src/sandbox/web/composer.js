// @ts-check
/**
 * The message composer: slash-command autocomplete, the mention picker (`@`), and turning what was
 * typed into the text Slack's client sends (`&`, `<`, `>` escaped; `@name` and `#channel` as
 * `<@U…|name>` and `<#C…|name>`, the escaped form of a command with `should_escape`).
 */
import { avatar, el } from './block-kit.js';

/**
 * @typedef {import('./block-kit.js').Person} Person
 * @typedef {import('./block-kit.js').Channel} Channel
 * @typedef {{ command: string, usageHint?: string, description?: string }} Command
 */

/** Mentions already in Slack's escaped form are kept as typed. */
const ESCAPED_TOKEN = /<(?:@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|![a-z]+(?:\^[A-Za-z0-9]+)?)(?:\|[^<>]*)?>/g;

/**
 * What Slack's client sends for `text`: entities escaped, and `@name` / `#channel` of known
 * people and channels as mentions. Escaped mentions already in the text pass through.
 * @param {string} text
 * @param {Person[]} people
 * @param {Channel[]} channels
 */
export function toSlackText(text, people, channels) {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(ESCAPED_TOKEN)) {
    out += escapePlain(text.slice(last, match.index), people, channels) + match[0];
    last = (match.index ?? 0) + match[0].length;
  }
  return out + escapePlain(text.slice(last), people, channels);
}

/** @param {string} text @param {Person[]} people @param {Channel[]} channels */
function escapePlain(text, people, channels) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/(^|[\s(])([@#])([\p{L}\p{N}._-]+)/gu, (whole, lead, sigil, name) => {
    const bare = String(name).replace(/[.]+$/, '');
    const rest = String(name).slice(bare.length);
    if (sigil === '@') {
      const person = people.find((p) => p.name.toLowerCase() === bare.toLowerCase());
      return person ? `${lead}<@${person.id}|${person.name}>${rest}` : whole;
    }
    const channel = channels.find((c) => c.name.toLowerCase() === bare.toLowerCase());
    return channel ? `${lead}<#${channel.id}|${channel.name}>${rest}` : whole;
  });
}

/**
 * What the autocomplete should offer for the text before the caret.
 * @param {string} before
 * @returns {{ kind: 'command', query: string } | { kind: 'mention', query: string, start: number } | undefined}
 */
export function completionAt(before) {
  const command = /^\/(\S*)$/.exec(before);
  if (command) return { kind: 'command', query: command[1] ?? '' };
  const mention = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before);
  if (mention)
    return { kind: 'mention', query: mention[2] ?? '', start: before.length - (mention[2] ?? '').length - 1 };
  return undefined;
}

/**
 * How well a person matches what follows `@`: 0 their handle starts with it, 1 a word of their
 * name does, 2 their name contains it, 3 no match.
 * @param {Person} person @param {string} query  lower case
 */
export function mentionRank(person, query) {
  if (person.name.toLowerCase().startsWith(query)) return 0;
  const name = person.realName.toLowerCase();
  if (name.split(/\s+/).some((word) => word.startsWith(query))) return 1;
  return name.includes(query) ? 2 : 3;
}

/**
 * Wires the composer textarea and its popover.
 * @param {object} options
 * @param {HTMLTextAreaElement} options.textarea
 * @param {HTMLElement} options.popover
 * @param {() => { commands: Command[], people: Person[], appName: string }} options.data
 * @param {(text: string) => Promise<boolean>} options.send  resolves true when the text was taken
 */
export function setUpComposer({ textarea, popover, data, send }) {
  /** @type {{ label: string, apply: () => void, node: HTMLElement }[]} */
  let items = [];
  let active = 0;

  const hide = () => {
    popover.hidden = true;
    popover.replaceChildren();
    items = [];
    textarea.setAttribute('aria-expanded', 'false');
  };

  const highlight = () => {
    items.forEach((item, index) => {
      item.node.setAttribute('aria-selected', String(index === active));
      if (index === active) item.node.scrollIntoView({ block: 'nearest' });
    });
  };

  const replaceBefore = (/** @type {number} */ start, /** @type {string} */ insert) => {
    const caret = textarea.selectionStart;
    const value = textarea.value;
    textarea.value = value.slice(0, start) + insert + value.slice(caret);
    const at = start + insert.length;
    textarea.setSelectionRange(at, at);
    textarea.focus();
    autosize();
    update();
  };

  const update = () => {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const context = completionAt(before);
    const { commands, people, appName } = data();
    popover.replaceChildren();
    items = [];
    if (context?.kind === 'command') {
      const found = commands.filter((c) => c.command.slice(1).startsWith(context.query.toLowerCase()));
      if (found.length > 0) popover.appendChild(el('div', 'popover-title', 'Commands'));
      for (const command of found) {
        const node = el('div', 'popover-item popover-item--command');
        node.setAttribute('role', 'option');
        node.dataset.command = command.command;
        const main = node.appendChild(el('div', 'popover-main'));
        main.appendChild(el('span', 'popover-command', command.command));
        if (command.usageHint) main.appendChild(el('span', 'popover-usage', ` ${command.usageHint}`));
        if (command.description) node.appendChild(el('div', 'popover-description', command.description));
        node.appendChild(el('span', 'popover-app', appName));
        items.push({ label: command.command, node, apply: () => replaceBefore(0, `${command.command} `) });
      }
    } else if (context?.kind === 'mention') {
      const query = context.query.toLowerCase();
      const found = people
        .map((person) => ({ person, rank: mentionRank(person, query) }))
        .filter((entry) => entry.rank < 3)
        .sort((a, b) => a.rank - b.rank)
        .map((entry) => entry.person)
        .slice(0, 8);
      if (found.length > 0) popover.appendChild(el('div', 'popover-title', 'People'));
      for (const person of found) {
        const node = el('div', 'popover-item popover-item--person');
        node.setAttribute('role', 'option');
        node.dataset.userId = person.id;
        node.appendChild(avatar(person, 'avatar--menu'));
        node.appendChild(el('span', 'popover-name', person.realName));
        node.appendChild(el('span', 'popover-handle', person.name));
        items.push({
          label: person.name,
          node,
          apply: () => replaceBefore(context.start, `@${person.name} `),
        });
      }
    }
    if (items.length === 0) {
      hide();
      return;
    }
    active = Math.min(active, items.length - 1);
    for (const [index, item] of items.entries()) {
      item.node.addEventListener('mousedown', (event) => {
        event.preventDefault();
        items[index]?.apply();
      });
      popover.appendChild(item.node);
    }
    popover.hidden = false;
    textarea.setAttribute('aria-expanded', 'true');
    highlight();
  };

  const autosize = () => {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, 200)}px`;
  };

  textarea.setAttribute('role', 'combobox');
  textarea.setAttribute('aria-autocomplete', 'list');
  textarea.setAttribute('aria-controls', popover.id);
  textarea.setAttribute('aria-expanded', 'false');
  textarea.addEventListener('input', () => {
    active = 0;
    autosize();
    update();
  });
  textarea.addEventListener('click', update);
  textarea.addEventListener('blur', () => setTimeout(hide, 100));
  textarea.addEventListener('keydown', async (event) => {
    if (!popover.hidden && items.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        active = (active + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
        highlight();
        return;
      }
      if (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey)) {
        // A complete command typed in full goes out on Enter, as in Slack.
        const exact = items.length === 1 && items[0]?.label === textarea.value.trim();
        if (!(event.key === 'Enter' && exact)) {
          event.preventDefault();
          items[active]?.apply();
          return;
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        hide();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      await submit();
    }
  });

  /** Sends what is typed as it is (the send button, or Enter with no suggestion to take). */
  const submit = async () => {
    const text = textarea.value;
    hide();
    if (text.trim() === '') return;
    if (await send(text)) {
      textarea.value = '';
      autosize();
    }
  };
  return { hide, autosize, submit };
}
