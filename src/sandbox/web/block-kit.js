// @ts-check
/**
 * Block Kit → DOM for the sandbox page: every block and element the product sends, drawn in
 * Slack's visual language. Interactive elements report what Slack would report: a click or a
 * change outside an input block calls `ctx.onAction` with the element as Slack describes it in
 * `block_actions`; elements inside input blocks register a reader so a modal's submission can
 * send `state.values` exactly as Slack shapes it (`collectValues`).
 *
 * Text only ever reaches the DOM through text nodes (see mrkdwn.js); nothing here uses HTML.
 */
import { renderMrkdwn, renderPlainText } from './mrkdwn.js';

/**
 * @typedef {{ type: 'plain_text' | 'mrkdwn', text: string, emoji?: boolean }} TextObject
 * @typedef {{ text: TextObject, value: string, description?: TextObject }} OptionObject
 * @typedef {{ label: TextObject, options: OptionObject[] }} OptionGroup
 * @typedef {Record<string, any>} Json
 * @typedef {{ id: string, name: string, realName: string, initials: string, color: string, tz?: string }} Person
 * @typedef {{ id: string, name: string, isPrivate?: boolean }} Channel
 *
 * @typedef {object} InputReader
 * @property {string} blockId
 * @property {string} actionId
 * @property {() => Json} read  the element's entry in `state.values`
 * @property {() => boolean} isEmpty
 * @property {() => string | undefined} [check]  a client-side complaint (min_length), as Slack shows
 * @property {boolean} inInputBlock
 * @property {boolean} optional
 *
 * @typedef {object} BlockContext
 * @property {'message' | 'modal' | 'home'} surface
 * @property {import('./mrkdwn.js').MrkdwnContext} mrkdwn
 * @property {Person[]} people
 * @property {Channel[]} channels
 * @property {string} [currentChannel]  for `default_to_current_conversation`
 * @property {(action: Json) => Promise<unknown>} onAction  sends one `block_actions` action
 * @property {(confirm: Json) => Promise<boolean>} confirm  shows a `confirm` dialog
 * @property {Map<string, Json>} [restore]  values typed before a `views.update`, by block and action id
 * @property {InputReader[]} inputs  filled while rendering
 */

let uid = 0;
const nextId = (/** @type {string} */ prefix) => `${prefix}-${++uid}`;

/** `block_id` as Slack reports it; a block without one gets a stable id from its position. */
export function blockIdOf(/** @type {Json} */ block, /** @type {number} */ index) {
  return typeof block.block_id === 'string' && block.block_id !== '' ? block.block_id : `block-${index}`;
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A Block Kit text object as DOM. */
export function textObject(/** @type {TextObject | undefined} */ text, /** @type {BlockContext} */ ctx) {
  if (!text || typeof text.text !== 'string') return document.createDocumentFragment();
  return text.type === 'mrkdwn'
    ? renderMrkdwn(text.text, ctx.mrkdwn)
    : renderPlainText(text.text, text.emoji !== false);
}

/** Plain text of a text object (for native `<option>` labels). */
const plain = (/** @type {TextObject | undefined} */ text) =>
  text && typeof text.text === 'string' ? text.text : '';

/**
 * Renders a list of blocks.
 * @param {Json[]} blocks
 * @param {BlockContext} ctx
 * @returns {HTMLElement}
 */
export function renderBlocks(blocks, ctx) {
  const root = el('div', `bk bk--${ctx.surface}`);
  blocks.forEach((block, index) => {
    const node = renderBlock(block, blockIdOf(block, index), ctx);
    node.dataset.blockId = blockIdOf(block, index);
    root.appendChild(node);
  });
  return root;
}

/**
 * @param {Json} block
 * @param {string} blockId
 * @param {BlockContext} ctx
 * @returns {HTMLElement}
 */
function renderBlock(block, blockId, ctx) {
  switch (block.type) {
    case 'section':
      return sectionBlock(block, blockId, ctx);
    case 'header': {
      const node = el('div', 'bk-header');
      node.setAttribute('role', 'heading');
      node.setAttribute('aria-level', '2');
      node.appendChild(textObject(block.text, ctx));
      return node;
    }
    case 'divider':
      return el('hr', 'bk-divider');
    case 'context': {
      const node = el('div', 'bk-context');
      for (const element of block.elements ?? []) {
        if (element.type === 'image') {
          const img = el('img', 'bk-context-image');
          img.src = element.image_url;
          img.alt = element.alt_text ?? '';
          node.appendChild(img);
        } else {
          node.appendChild(el('span', 'bk-context-text')).appendChild(textObject(element, ctx));
        }
      }
      return node;
    }
    case 'actions': {
      const node = el('div', 'bk-actions');
      for (const element of block.elements ?? [])
        node.appendChild(renderElement(element, blockId, ctx, false));
      return node;
    }
    case 'input':
      return inputBlock(block, blockId, ctx);
    case 'image': {
      const node = el('figure', 'bk-image');
      if (block.title) node.appendChild(el('figcaption', 'bk-image-title', plain(block.title)));
      const img = el('img');
      img.src = block.image_url;
      img.alt = block.alt_text ?? '';
      node.appendChild(img);
      return node;
    }
    default:
      return el('div', 'bk-unknown', `(A ${String(block.type)} block: not shown in the sandbox)`);
  }
}

/** @param {Json} block @param {string} blockId @param {BlockContext} ctx */
function sectionBlock(block, blockId, ctx) {
  const node = el('div', 'bk-section');
  const body = node.appendChild(el('div', 'bk-section-body'));
  if (block.text) body.appendChild(el('div', 'bk-section-text')).appendChild(textObject(block.text, ctx));
  if (Array.isArray(block.fields) && block.fields.length > 0) {
    const fields = body.appendChild(el('div', 'bk-fields'));
    for (const field of block.fields)
      fields.appendChild(el('div', 'bk-field')).appendChild(textObject(field, ctx));
  }
  if (block.accessory) {
    const accessory = node.appendChild(el('div', 'bk-accessory'));
    if (block.accessory.type === 'image') {
      const img = el('img', 'bk-accessory-image');
      img.src = block.accessory.image_url;
      img.alt = block.accessory.alt_text ?? '';
      accessory.appendChild(img);
    } else {
      accessory.appendChild(renderElement(block.accessory, blockId, ctx, false));
    }
  }
  return node;
}

/** @param {Json} block @param {string} blockId @param {BlockContext} ctx */
function inputBlock(block, blockId, ctx) {
  const node = el('div', 'bk-input');
  const labelId = nextId('label');
  const element = block.element ?? {};
  const controlId = nextId('control');
  const grouped = element.type === 'radio_buttons' || element.type === 'checkboxes';
  const label = el(grouped ? 'div' : 'label', 'bk-input-label');
  label.id = labelId;
  if (!grouped && label instanceof HTMLLabelElement) label.htmlFor = controlId;
  label.appendChild(renderPlainText(plain(block.label), block.label?.emoji !== false));
  if (block.optional) label.appendChild(el('span', 'bk-optional', ' (optional)'));
  node.appendChild(label);
  const control = renderElement(element, blockId, ctx, true, {
    controlId,
    labelId,
    optional: block.optional === true,
    dispatch: block.dispatch_action === true,
  });
  node.appendChild(control);
  if (block.hint) node.appendChild(el('div', 'bk-hint')).appendChild(textObject(block.hint, ctx));
  const error = node.appendChild(el('div', 'bk-error'));
  error.setAttribute('role', 'alert');
  error.hidden = true;
  return node;
}

/**
 * Shows (or clears, with undefined) an inline error under the input block with this id.
 * @param {HTMLElement} root  the rendered blocks
 * @param {string} blockId
 * @param {string | undefined} message
 */
export function setInputError(root, blockId, message) {
  const block = [...root.querySelectorAll('[data-block-id]')].find(
    (node) => node instanceof HTMLElement && node.dataset.blockId === blockId,
  );
  const error = block?.querySelector('.bk-error');
  if (!(block instanceof HTMLElement) || !(error instanceof HTMLElement)) return false;
  error.replaceChildren();
  if (message) {
    error.append(el('span', 'bk-error-icon', '⚠'), document.createTextNode(` ${message}`));
  }
  error.hidden = !message;
  block.classList.toggle('bk-input--error', Boolean(message));
  return true;
}

/** Slack's `state.values`: `{ [block_id]: { [action_id]: {...} } }` from every registered reader. */
export function collectValues(/** @type {InputReader[]} */ inputs) {
  /** @type {Record<string, Record<string, Json>>} */
  const values = {};
  for (const input of inputs) {
    values[input.blockId] ??= {};
    values[input.blockId][input.actionId] = input.read();
  }
  return values;
}

/**
 * The checks Slack's client makes before it sends a submission: required inputs filled, and
 * `min_length` met (`max_length` is enforced while typing). Returns `{ [block_id]: message }`.
 * @param {InputReader[]} inputs
 */
export function clientErrors(inputs) {
  /** @type {Record<string, string>} */
  const errors = {};
  for (const input of inputs) {
    if (!input.inInputBlock) continue;
    if (!input.optional && input.isEmpty()) errors[input.blockId] = 'Please complete this required field.';
    else if (!input.isEmpty()) {
      const complaint = input.check?.();
      if (complaint) errors[input.blockId] = complaint;
    }
  }
  return errors;
}

/**
 * @typedef {{ controlId?: string, labelId?: string, optional?: boolean, dispatch?: boolean }} InputOptions
 */

/**
 * One interactive element.
 * @param {Json} element
 * @param {string} blockId
 * @param {BlockContext} ctx
 * @param {boolean} inInput  inside an input block (values go with the submission)
 * @param {InputOptions} [options]
 * @returns {HTMLElement}
 */
function renderElement(element, blockId, ctx, inInput, options = {}) {
  const actionId = typeof element.action_id === 'string' ? element.action_id : nextId('action');
  const restored = ctx.restore?.get(`${blockId}\u0000${actionId}`);
  const reports = !inInput || options.dispatch === true;
  /** @param {Json} fields */
  const report = (fields) =>
    reports
      ? ctx.onAction({ type: element.type, action_id: actionId, block_id: blockId, ...fields })
      : undefined;
  /** @param {Omit<InputReader, 'blockId' | 'actionId' | 'inInputBlock' | 'optional'>} reader */
  const register = (reader) =>
    ctx.inputs.push({
      blockId,
      actionId,
      inInputBlock: inInput,
      optional: options.optional === true,
      ...reader,
    });

  /** @type {HTMLElement} */
  let node;
  switch (element.type) {
    case 'button':
      node = buttonElement(element, actionId, blockId, ctx);
      break;
    case 'static_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      node = singleSelect(element, ctx, restored, options, register, report);
      break;
    case 'multi_static_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select':
      node = multiSelect(element, ctx, restored, options, register, report);
      break;
    case 'radio_buttons':
    case 'checkboxes':
      node = choiceGroup(element, restored, options, register, report, ctx);
      break;
    case 'timepicker':
    case 'datepicker': {
      const input = el('input', 'bk-text-input bk-picker');
      input.type = element.type === 'timepicker' ? 'time' : 'date';
      if (options.controlId) input.id = options.controlId;
      const key = element.type === 'timepicker' ? 'selected_time' : 'selected_date';
      const initial = element.type === 'timepicker' ? element.initial_time : element.initial_date;
      input.value = restored ? (restored[key] ?? '') : (initial ?? '');
      const read = () => ({ type: element.type, [key]: input.value === '' ? null : input.value });
      register({ read, isEmpty: () => input.value === '' });
      input.addEventListener('change', () => report({ [key]: input.value }));
      node = input;
      break;
    }
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const input = element.multiline
        ? el('textarea', 'bk-text-input bk-textarea')
        : el('input', 'bk-text-input');
      if (input instanceof HTMLInputElement) {
        input.type =
          element.type === 'email_text_input' ? 'email' : element.type === 'url_text_input' ? 'url' : 'text';
      }
      if (options.controlId) input.id = options.controlId;
      if (element.placeholder) input.placeholder = plain(element.placeholder);
      if (typeof element.max_length === 'number') input.maxLength = element.max_length;
      input.value = restored ? (restored.value ?? '') : (element.initial_value ?? '');
      const read = () => ({ type: element.type, value: input.value === '' ? null : input.value });
      const min = typeof element.min_length === 'number' ? element.min_length : 0;
      register({
        read,
        isEmpty: () => input.value.trim() === '',
        check: () =>
          input.value.length < min
            ? `Please enter at least ${min} characters (you have ${input.value.length}).`
            : undefined,
      });
      if (element.focus_on_load) input.autofocus = true;
      node = input;
      break;
    }
    case 'overflow':
      node = overflowElement(element, actionId, blockId, ctx);
      break;
    default:
      node = el('span', 'bk-unknown', `(${String(element.type)})`);
  }
  node.dataset.actionId = actionId;
  return node;
}

/** @param {Json} element @param {string} actionId @param {string} blockId @param {BlockContext} ctx */
function buttonElement(element, actionId, blockId, ctx) {
  const button = el('button', 'bk-button');
  button.type = 'button';
  if (element.style === 'primary' || element.style === 'danger')
    button.classList.add(`bk-button--${element.style}`);
  button.appendChild(renderPlainText(plain(element.text), element.text?.emoji !== false));
  if (element.accessibility_label) button.setAttribute('aria-label', element.accessibility_label);
  button.addEventListener('click', async () => {
    if (element.confirm && !(await ctx.confirm(element.confirm))) return;
    if (typeof element.url === 'string' && /^https?:\/\//.test(element.url)) {
      window.open(element.url, '_blank', 'noopener');
    }
    /** @type {Json} */
    const action = { type: 'button', action_id: actionId, block_id: blockId };
    if (element.value !== undefined) action.value = element.value;
    button.disabled = true;
    button.classList.add('bk-button--busy');
    try {
      await ctx.onAction(action);
    } finally {
      button.disabled = false;
      button.classList.remove('bk-button--busy');
    }
  });
  return button;
}

/** @param {Json} element @param {string} actionId @param {string} blockId @param {BlockContext} ctx */
function overflowElement(element, actionId, blockId, ctx) {
  const select = el('select', 'bk-select bk-overflow');
  select.setAttribute('aria-label', 'More options');
  select.appendChild(new Option('⋯', '', true, true)).hidden = true;
  /** @type {OptionObject[]} */
  const options = element.options ?? [];
  for (const option of options) select.appendChild(new Option(plain(option.text), option.value));
  select.addEventListener('change', () => {
    const chosen = options.find((option) => option.value === select.value);
    select.value = '';
    if (chosen)
      void ctx.onAction({
        type: 'overflow',
        action_id: actionId,
        block_id: blockId,
        selected_option: chosen,
      });
  });
  return select;
}

/**
 * The choices of a select: static options (flat or grouped), people or channels.
 * @param {Json} element @param {BlockContext} ctx
 * @returns {{ groups: { label?: string, options: { value: string, label: string, option?: OptionObject }[] }[], key: string }}
 */
function choicesOf(element, ctx) {
  const type = String(element.type).replace(/^multi_/, '');
  if (type === 'users_select') {
    const options = ctx.people.map((p) => ({ value: p.id, label: p.realName || p.name }));
    return {
      groups: [{ options }],
      key: element.type.startsWith('multi_') ? 'selected_users' : 'selected_user',
    };
  }
  if (type === 'conversations_select' || type === 'channels_select') {
    const options = ctx.channels.map((c) => ({
      value: c.id,
      label: `${c.isPrivate ? '🔒' : '#'} ${c.name}`,
    }));
    const multi = element.type.startsWith('multi_');
    const key =
      type === 'channels_select'
        ? multi
          ? 'selected_channels'
          : 'selected_channel'
        : multi
          ? 'selected_conversations'
          : 'selected_conversation';
    return { groups: [{ options }], key };
  }
  const toChoice = (/** @type {OptionObject} */ option) => ({
    value: option.value,
    label: plain(option.text),
    option,
  });
  if (Array.isArray(element.option_groups)) {
    return {
      groups: element.option_groups.map((/** @type {OptionGroup} */ group) => ({
        label: plain(group.label),
        options: (group.options ?? []).map(toChoice),
      })),
      key: element.type.startsWith('multi_') ? 'selected_options' : 'selected_option',
    };
  }
  return {
    groups: [{ options: (element.options ?? []).map(toChoice) }],
    key: element.type.startsWith('multi_') ? 'selected_options' : 'selected_option',
  };
}

/** The initial selection Slack would show, as values. @param {Json} element @param {BlockContext} ctx */
function initialValues(element, ctx) {
  if (Array.isArray(element.initial_users)) return element.initial_users;
  if (Array.isArray(element.initial_conversations)) return element.initial_conversations;
  if (Array.isArray(element.initial_channels)) return element.initial_channels;
  if (Array.isArray(element.initial_options))
    return element.initial_options.map((/** @type {OptionObject} */ o) => o.value);
  const single =
    element.initial_user ??
    element.initial_conversation ??
    element.initial_channel ??
    element.initial_option?.value;
  if (typeof single === 'string') return [single];
  if (element.default_to_current_conversation && ctx.currentChannel) {
    if (ctx.channels.some((c) => c.id === ctx.currentChannel)) return [ctx.currentChannel];
  }
  return [];
}

/** Values held in a restored `state.values` entry. @param {Json} restored @param {string} key */
function restoredValues(restored, key) {
  const held = restored[key];
  if (Array.isArray(held)) return held.map((item) => (typeof item === 'string' ? item : item.value));
  if (typeof held === 'string') return [held];
  if (held && typeof held.value === 'string') return [held.value];
  return [];
}

/**
 * @param {Json} element @param {BlockContext} ctx @param {Json | undefined} restored @param {InputOptions} options
 * @param {(reader: any) => void} register @param {(fields: Json) => unknown} report
 */
function singleSelect(element, ctx, restored, options, register, report) {
  const { groups, key } = choicesOf(element, ctx);
  const select = el('select', 'bk-select');
  if (options.controlId) select.id = options.controlId;
  const placeholder = new Option(plain(element.placeholder) || 'Select an item', '');
  placeholder.disabled = true;
  select.appendChild(placeholder);
  /** @type {Map<string, OptionObject | undefined>} */
  const byValue = new Map();
  for (const group of groups) {
    /** @type {HTMLElement} */
    let parent = select;
    if (group.label !== undefined) {
      const optgroup = el('optgroup');
      optgroup.label = group.label;
      parent = select.appendChild(optgroup);
    }
    for (const choice of group.options) {
      parent.appendChild(new Option(choice.label, choice.value));
      byValue.set(choice.value, choice.option);
    }
  }
  const wanted = restored ? restoredValues(restored, key) : initialValues(element, ctx);
  select.value = wanted[0] !== undefined && byValue.has(wanted[0]) ? wanted[0] : '';
  if (select.value === '') placeholder.selected = true;
  select.classList.toggle('bk-select--empty', select.value === '');
  const selected = () => {
    if (select.value === '') return null;
    return key === 'selected_option' ? (byValue.get(select.value) ?? null) : select.value;
  };
  register({ read: () => ({ type: element.type, [key]: selected() }), isEmpty: () => select.value === '' });
  select.addEventListener('change', () => {
    select.classList.toggle('bk-select--empty', select.value === '');
    report({ [key]: selected() });
  });
  return select;
}

/**
 * Slack's multi-select: chosen items as removable chips, and a type-ahead list.
 * @param {Json} element @param {BlockContext} ctx @param {Json | undefined} restored @param {InputOptions} options
 * @param {(reader: any) => void} register @param {(fields: Json) => unknown} report
 */
function multiSelect(element, ctx, restored, options, register, report) {
  const { groups, key } = choicesOf(element, ctx);
  const choices = groups.flatMap((group) => group.options);
  const max =
    typeof element.max_selected_items === 'number' ? element.max_selected_items : Number.POSITIVE_INFINITY;
  /** @type {string[]} */
  let chosen = (restored ? restoredValues(restored, key) : initialValues(element, ctx)).filter((value) =>
    choices.some((choice) => choice.value === value),
  );
  const root = el('div', 'bk-multi');
  const chips = root.appendChild(el('div', 'bk-multi-chips'));
  const input = el('input', 'bk-multi-input');
  input.type = 'text';
  input.autocomplete = 'off';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  if (options.controlId) input.id = options.controlId;
  const list = root.appendChild(el('ul', 'bk-menu bk-multi-list'));
  list.id = nextId('listbox');
  list.setAttribute('role', 'listbox');
  input.setAttribute('aria-controls', list.id);
  list.hidden = true;
  let active = 0;

  const person = (/** @type {string} */ id) => ctx.people.find((p) => p.id === id);
  const drawChips = () => {
    // The input stays where it is (moving it would drop its focus); chips go before it.
    for (const chip of [...chips.children]) if (chip !== input) chip.remove();
    if (input.parentNode !== chips) chips.appendChild(input);
    for (const value of chosen) {
      const choice = choices.find((c) => c.value === value);
      const chip = chips.insertBefore(el('span', 'bk-chip'), input);
      chip.dataset.value = value;
      const who = person(value);
      if (who) chip.appendChild(avatar(who, 'avatar--chip'));
      chip.appendChild(el('span', 'bk-chip-label', choice?.label ?? value));
      const remove = chip.appendChild(el('button', 'bk-chip-remove', '×'));
      remove.type = 'button';
      remove.setAttribute('aria-label', `Remove ${choice?.label ?? value}`);
      remove.addEventListener('click', () => {
        chosen = chosen.filter((v) => v !== value);
        changed();
        input.focus();
      });
    }
    input.placeholder = chosen.length === 0 ? plain(element.placeholder) || 'Select items' : '';
  };
  const matches = () => {
    const query = input.value.trim().toLowerCase().replace(/^@/, '');
    return choices.filter((choice) => {
      if (chosen.includes(choice.value)) return false;
      const who = person(choice.value);
      const haystack = `${choice.label} ${who?.name ?? ''}`.toLowerCase();
      return query === '' || haystack.includes(query);
    });
  };
  const drawList = () => {
    const found = matches();
    list.replaceChildren();
    active = Math.min(active, Math.max(0, found.length - 1));
    if (chosen.length >= max) {
      list.appendChild(el('li', 'bk-menu-note', `You can pick up to ${max}.`));
    } else if (found.length === 0) {
      list.appendChild(el('li', 'bk-menu-note', 'No matches'));
    }
    found.forEach((choice, index) => {
      if (chosen.length >= max) return;
      const item = list.appendChild(el('li', 'bk-menu-item'));
      item.setAttribute('role', 'option');
      item.dataset.value = choice.value;
      item.setAttribute('aria-selected', String(index === active));
      const who = person(choice.value);
      if (who) item.appendChild(avatar(who, 'avatar--menu'));
      item.appendChild(el('span', 'bk-menu-label', choice.label));
      if (who) item.appendChild(el('span', 'bk-menu-detail', who.name));
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(choice.value);
      });
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const pick = (/** @type {string} */ value) => {
    if (chosen.length >= max || chosen.includes(value)) return;
    chosen = [...chosen, value];
    input.value = '';
    changed();
    drawList();
  };
  const read = () => {
    const selected =
      key === 'selected_options'
        ? chosen.map((value) => choices.find((c) => c.value === value)?.option)
        : [...chosen];
    return { type: element.type, [key]: selected };
  };
  const changed = () => {
    drawChips();
    report({ [key]: read()[key] });
  };
  // The list opens on a click or typing, not on focus (a modal focuses its first input on open).
  input.addEventListener('click', drawList);
  input.addEventListener('input', () => {
    active = 0;
    drawList();
  });
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    const found = matches();
    if (event.key === 'ArrowDown' && list.hidden) {
      event.preventDefault();
      drawList();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + found.length) % Math.max(1, found.length);
      drawList();
    } else if (event.key === 'Enter' && !list.hidden && found[active]) {
      event.preventDefault();
      pick(found[active].value);
    } else if (event.key === 'Backspace' && input.value === '' && chosen.length > 0) {
      chosen = chosen.slice(0, -1);
      changed();
    } else if (event.key === 'Escape' && !list.hidden) {
      event.stopPropagation();
      close();
    }
  });
  root.addEventListener('click', (event) => {
    if (event.target === root || event.target === chips) {
      input.focus();
      drawList();
    }
  });
  drawChips();
  register({ read, isEmpty: () => chosen.length === 0 });
  return root;
}

/**
 * Radio buttons and checkboxes.
 * @param {Json} element @param {Json | undefined} restored @param {InputOptions} options
 * @param {(reader: any) => void} register @param {(fields: Json) => unknown} report @param {BlockContext} ctx
 */
function choiceGroup(element, restored, options, register, report, ctx) {
  const radio = element.type === 'radio_buttons';
  const key = radio ? 'selected_option' : 'selected_options';
  const group = el('div', radio ? 'bk-radios' : 'bk-checkboxes');
  group.setAttribute('role', radio ? 'radiogroup' : 'group');
  if (options.labelId) group.setAttribute('aria-labelledby', options.labelId);
  const name = nextId('choice');
  /** @type {OptionObject[]} */
  const all = element.options ?? [];
  const initial = restored
    ? restoredValues(restored, key)
    : radio
      ? element.initial_option
        ? [element.initial_option.value]
        : []
      : (element.initial_options ?? []).map((/** @type {OptionObject} */ o) => o.value);
  /** @type {HTMLInputElement[]} */
  const boxes = [];
  for (const option of all) {
    const row = group.appendChild(el('label', 'bk-choice'));
    const box = row.appendChild(el('input'));
    box.type = radio ? 'radio' : 'checkbox';
    box.name = name;
    box.value = option.value;
    box.checked = initial.includes(option.value);
    boxes.push(box);
    const text = row.appendChild(el('span', 'bk-choice-text'));
    text.appendChild(el('span', 'bk-choice-label')).appendChild(textObject(option.text, ctx));
    if (option.description) {
      text.appendChild(el('span', 'bk-choice-description')).appendChild(textObject(option.description, ctx));
    }
    box.addEventListener('change', () => report({ [key]: read()[key] }));
  }
  const picked = () => all.filter((_, index) => boxes[index]?.checked);
  const read = () => ({ type: element.type, [key]: radio ? (picked()[0] ?? null) : picked() });
  register({ read, isEmpty: () => picked().length === 0 });
  return group;
}

/**
 * A person's avatar: initials on their colour, as a rounded square.
 * @param {{ initials: string, color: string, realName?: string, name?: string }} who
 * @param {string} [extra]
 */
export function avatar(who, extra) {
  const node = el('span', `avatar${extra ? ` ${extra}` : ''}`, who.initials);
  node.style.backgroundColor = who.color;
  node.setAttribute('aria-hidden', 'true');
  return node;
}
