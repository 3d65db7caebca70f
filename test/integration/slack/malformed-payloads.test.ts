import { describe, expect, it } from 'vitest';
import { startsTestApps } from '#test/support/test-app.ts';

// Found by the fuzz drill (bench/drills/fuzz.ts): Bolt throws on some signed bodies before any
// listener runs, and answered 500. They are the request's fault: 400, and the app carries on.
const startApp = startsTestApps();

const action = {
  type: 'block_actions',
  team: { id: 'T1', domain: 'example' },
  user: { id: 'U1', username: 'ann', name: 'ann', team_id: 'T1' },
  api_app_id: 'A1',
  trigger_id: '1.2.3',
  actions: [{ type: 'button', action_id: 'nudge_home_pause', block_id: 'actions', value: 'x' }],
};

describe('malformed interactivity payloads', () => {
  it.each([
    ['actions that are not a list', { ...action, actions: { nested: true } }],
    ['actions that are a number', { ...action, actions: 1e308 }],
    ['no user', { ...action, user: undefined }],
    [
      'a view submission without a view',
      { ...action, type: 'view_submission', actions: undefined, response_urls: [] },
    ],
    ['a container that is null', { ...action, container: null, channel: null }],
    ['a response_url that is not a URL', { ...action, response_url: 'W49', channel: null }],
    [
      'a channel that is null (nudge listener)',
      {
        ...action,
        user: { id: 'U99999999', username: 'ann', name: 'ann', team_id: 'T1' },
        container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D000001' },
        channel: null,
        response_url: 'http://127.0.0.1:9/nowhere',
        actions: [
          {
            type: 'overflow',
            action_id: 'nudge_home_stop',
            block_id: 'actions',
            value: '',
            selected_option: true,
          },
        ],
      },
    ],
    [
      'a shortcut without a user',
      { type: 'shortcut', team: 0, user: null, callback_id: 'recognize_author', trigger_id: '1.2.3' },
    ],
  ])('%s: Bolt cannot route it, answered 400 (was 500)', async (_name, payload) => {
    const t = await startApp();
    const response = await t.interact(payload);
    expect(response.status).toBe(400);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it.each([
    ['a user that is a string', { ...action, user: '2026-W49' }],
    ['a team that is a number', { ...action, team: 0 }],
    [
      'a view submission whose view id is a number',
      {
        ...action,
        type: 'view_submission',
        actions: undefined,
        view: { id: 0, callback_id: 'reflect_modal', state: { values: {} } },
      },
    ],
  ])('%s: never a 5xx', async (_name, payload) => {
    const t = await startApp();
    const response = await t.interact(payload);
    expect(response.status).toBeLessThan(500);
  });
});
