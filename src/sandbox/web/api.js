// @ts-check
/**
 * The sandbox server's JSON API (src/sandbox/API.md), one function per endpoint. Every call names
 * the person the page is viewing as. Failures come back as `{ ok: false, error }`, never thrown, so
 * the page can show them the way Slack would.
 */

/** @typedef {Record<string, any>} Json */

/**
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<Json>}
 */
async function call(path, init) {
  try {
    const response = await fetch(path, {
      ...init,
      headers: init?.body ? { 'content-type': 'application/json' } : undefined,
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) return { ok: false, error: body.error ?? `The sandbox answered ${response.status}.` };
    return body;
  } catch {
    return { ok: false, error: 'The sandbox server is not reachable. Is `npm start` still running?' };
  }
}

/** @param {string} path @param {Record<string, string | undefined>} query */
function get(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.toString();
  return call(search ? `${path}?${search}` : path);
}

/** @param {string} path @param {Json} body */
function post(path, body) {
  return call(path, { method: 'POST', body: JSON.stringify(body) });
}

export const api = {
  /** @param {string | undefined} as */
  state: (as) => get('/sandbox/api/state', { as }),
  /** @param {string} as @param {string} channel */
  messages: (as, channel) => get('/sandbox/api/messages', { as, channel }),
  /** @param {string} as */
  home: (as) => get('/sandbox/api/home', { as }),
  /** @param {string} as */
  modals: (as) => get('/sandbox/api/modals', { as }),
  /** @param {string} as @param {string} channel @param {string} text */
  compose: (as, channel, text) => post('/sandbox/api/compose', { as, channel, text }),
  /** @param {string} as @param {Json} action @param {Json} container @param {Json} [values] state.values of a view */
  action: (as, action, container, values) =>
    post('/sandbox/api/action', values ? { as, action, container, values } : { as, action, container }),
  /** @param {string} as @param {string} viewId @param {Json} values */
  submit: (as, viewId, values) => post('/sandbox/api/submit', { as, viewId, values }),
  /** @param {string} as @param {string} viewId */
  close: (as, viewId) => post('/sandbox/api/close', { as, viewId }),
  /** @param {string} as @param {string} callbackId @param {string} channel @param {string} ts */
  shortcut: (as, callbackId, channel, ts) => post('/sandbox/api/shortcut', { as, callbackId, channel, ts }),
  /** @param {string} as */
  openHome: (as) => post('/sandbox/api/home/open', { as }),
  /** @param {{ advanceMs: number } | { to: 'next-nudge' }} move */
  clock: (move) => post('/sandbox/api/clock', move),
  reset: () => post('/sandbox/api/reset', {}),
};
