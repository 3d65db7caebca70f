// @ts-check
/**
 * The modal on top of the person's stack, drawn like Slack's: title, the app's icon, ×, blocks,
 * Cancel and Submit; a Back arrow over a pushed view. Submitting sends `state.values`; errors come
 * back under their input blocks and the modal stays as it was.
 */
import { api } from './api.js';
import { clientErrors, collectValues, el, renderBlocks, setInputError } from './block-kit.js';
import { $, botAvatar, botName, session } from './session.js';

/**
 * @typedef {import('./session.js').Json} Json
 * @typedef {object} ModalDeps
 * @property {(surface: 'modal', container: Json, inputs: import('./block-kit.js').InputReader[], restore?: Map<string, Json>) => import('./block-kit.js').BlockContext} blockContext
 * @property {() => Promise<void>} refresh
 * @property {(text: string) => void} showToast
 */

/** Values typed into the modal on screen, by block and action id. */
function typedValues() {
  /** @type {Map<string, Json>} */
  const values = new Map();
  for (const input of session.modalInputs)
    values.set(`${input.blockId}\u0000${input.actionId}`, input.read());
  return values;
}

/**
 * Shows the top of the person's modal stack (or nothing). An unchanged view (same id and hash) is
 * left alone, so what was typed stays; a changed one keeps values by block and action id.
 * @param {ModalDeps} deps
 */
export function renderModal(deps) {
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
  const key = `${view.id}:${view.hash ?? JSON.stringify(view)}`;
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
    back.addEventListener('click', () => closeModal(view.id, deps));
  }
  header.appendChild(botAvatar('avatar--modal'));
  const title = header.appendChild(el('h2', 'modal-title'));
  title.id = 'modal-title';
  title.textContent = view.title?.text ?? botName();
  const x = header.appendChild(el('button', 'modal-icon-button modal-x', '×'));
  x.type = 'button';
  x.setAttribute('aria-label', 'Close');
  x.addEventListener('click', () => closeModal(view.id, deps));

  const body = modal.appendChild(el('div', 'modal-body'));
  const blocks = renderBlocks(
    view.blocks ?? [],
    deps.blockContext('modal', { type: 'view', view_id: view.id }, session.modalInputs, restore),
  );
  body.appendChild(blocks);

  const footer = modal.appendChild(el('div', 'modal-footer'));
  const close = footer.appendChild(
    el('button', 'bk-button', view.close?.text ?? (view.submit ? 'Cancel' : 'Close')),
  );
  close.type = 'button';
  close.id = 'modal-close';
  close.addEventListener('click', () => closeModal(view.id, deps));
  if (view.submit) {
    const submit = footer.appendChild(el('button', 'bk-button bk-button--primary', view.submit.text));
    submit.type = 'button';
    submit.id = 'modal-submit';
    submit.addEventListener('click', () => submitModal(view.id, blocks, submit, deps));
  }
  const opening = root.hidden;
  root.replaceChildren(modal);
  root.hidden = false;
  const first = body.querySelector('input:not([type=radio]):not([type=checkbox]), textarea, select');
  /** @type {HTMLElement} */ (first instanceof HTMLElement ? first : close).focus({
    preventScroll: !opening,
  });
}

/** @param {string} viewId @param {HTMLElement} blocks @param {HTMLButtonElement} submit @param {ModalDeps} deps */
async function submitModal(viewId, blocks, submit, deps) {
  if (!session.as) return;
  const inputs = session.modalInputs;
  const errors = clientErrors(inputs);
  for (const input of inputs) setInputError(blocks, input.blockId, errors[input.blockId]);
  if (Object.keys(errors).length > 0) return;
  submit.disabled = true;
  const answer = await api.submit(session.as, viewId, collectValues(inputs));
  submit.disabled = false;
  if (answer.ok === false) {
    deps.showToast(answer.error ?? 'The form could not be sent.');
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
    if (unplaced.length > 0) deps.showToast(unplaced.join(' '));
    for (const input of inputs)
      if (!(input.blockId in answer.errors)) setInputError(blocks, input.blockId, undefined);
    return;
  }
  await deps.refresh();
}

/** The person closed the view on top (×, Cancel, Back or Esc). @param {string} viewId @param {ModalDeps} deps */
export async function closeModal(viewId, deps) {
  if (!session.as) return;
  session.typed.delete(viewId);
  await api.close(session.as, viewId);
  await deps.refresh();
}
