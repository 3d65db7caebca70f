// @ts-check
/**
 * The page's own dialogs, drawn like Slack's: the confirmation dialog (a button's `confirm`, and
 * "Reset sandbox"), the toast, and keeping Tab inside whichever dialog is open.
 */
import { el } from './block-kit.js';
import { renderMrkdwn } from './mrkdwn.js';

/** @typedef {Record<string, any>} Json */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Slack's confirmation dialog (a button's `confirm`, and "Reset sandbox").
 * @param {Json} confirm  `{ title, text, confirm, deny, style }` as in Block Kit
 * @param {import('./mrkdwn.js').MrkdwnContext} mrkdwn
 * @returns {Promise<boolean>}
 */
export function confirmDialog(confirm, mrkdwn) {
  return new Promise((resolve) => {
    const root = $('confirm-root');
    const dialog = el('div', 'modal modal--confirm');
    dialog.id = 'confirm-dialog';
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'confirm-title');
    const header = dialog.appendChild(el('div', 'modal-header'));
    const title = header.appendChild(el('h2', 'modal-title', confirm.title?.text ?? 'Are you sure?'));
    title.id = 'confirm-title';
    const body = dialog.appendChild(el('div', 'modal-body confirm-body'));
    if (confirm.text) {
      body.appendChild(
        confirm.text.type === 'mrkdwn'
          ? renderMrkdwn(confirm.text.text, mrkdwn)
          : document.createTextNode(confirm.text.text),
      );
    }
    const footer = dialog.appendChild(el('div', 'modal-footer'));
    const deny = footer.appendChild(el('button', 'bk-button', confirm.deny?.text ?? 'Cancel'));
    deny.type = 'button';
    deny.id = 'confirm-deny';
    const yes = footer.appendChild(
      el(
        'button',
        `bk-button ${confirm.style === 'danger' ? 'bk-button--danger' : 'bk-button--primary'}`,
        confirm.confirm?.text ?? 'Yes',
      ),
    );
    yes.type = 'button';
    yes.id = 'confirm-yes';
    const previous = document.activeElement;
    const done = (/** @type {boolean} */ answer) => {
      root.hidden = true;
      root.replaceChildren();
      document.removeEventListener('keydown', onKey, true);
      if (previous instanceof HTMLElement) previous.focus();
      resolve(answer);
    };
    const onKey = (/** @type {KeyboardEvent} */ event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        done(false);
      }
    };
    deny.addEventListener('click', () => done(false));
    yes.addEventListener('click', () => done(true));
    document.addEventListener('keydown', onKey, true);
    root.replaceChildren(dialog);
    root.hidden = false;
    yes.focus();
  });
}

let toastTimer = 0;
/** A short note at the bottom of the page (an error, or how far the clock moved). */
export function showToast(
  /** @type {string} */ text,
  /** @type {import('./mrkdwn.js').MrkdwnContext} */ mrkdwn,
) {
  const toast = $('toast');
  toast.replaceChildren(renderMrkdwn(text, mrkdwn));
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    toast.hidden = true;
  }, 6000);
}

/** Tab and Shift+Tab cycle inside an open dialog, as in Slack's modals. */
export function keepFocusInDialog(/** @type {KeyboardEvent} */ event) {
  const confirmRoot = $('confirm-root');
  const root = confirmRoot.hidden ? $('modal-root') : confirmRoot;
  if (root.hidden) return;
  const focusable = [...root.querySelectorAll('button, input, select, textarea, a[href]')].filter(
    (node) => node instanceof HTMLElement && !node.hasAttribute('disabled') && node.offsetParent !== null,
  );
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!(first instanceof HTMLElement) || !(last instanceof HTMLElement)) return;
  const inside = document.activeElement instanceof Node && root.contains(document.activeElement);
  if (event.shiftKey && (document.activeElement === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}
