import { describe, expect, it } from 'vitest';
import { isMalformedSlackBody } from '#src/slack/malformed-payload.ts';

const FORM = 'application/x-www-form-urlencoded';
const form = (payload: unknown) =>
  new URLSearchParams({
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  }).toString();
const action = {
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1' },
  actions: [{ action_id: 'reflect_now' }],
};

describe('isMalformedSlackBody', () => {
  it('accepts what Slack sends', () => {
    expect(isMalformedSlackBody(form(action), FORM)).toBe(false);
    expect(
      isMalformedSlackBody(
        form({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1', callback_id: 'x' } }),
        FORM,
      ),
    ).toBe(false);
    expect(
      isMalformedSlackBody(new URLSearchParams({ command: '/reflect', text: '' }).toString(), FORM),
    ).toBe(false);
    expect(
      isMalformedSlackBody(
        JSON.stringify({ type: 'event_callback', event: { type: 'x' } }),
        'application/json',
      ),
    ).toBe(false);
  });

  it('recognises payloads whose ids or lists have the wrong type', () => {
    expect(isMalformedSlackBody(form({ ...action, user: '2026-W49' }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, team: 0 }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, actions: true }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, actions: [] }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, actions: [null] }), FORM)).toBe(true);
    expect(
      isMalformedSlackBody(form({ type: 'view_submission', view: { id: 0, callback_id: 'x' } }), FORM),
    ).toBe(true);
    expect(isMalformedSlackBody(form({ type: 'shortcut', user: null }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, user: undefined }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, container: null }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, channel: null }), FORM)).toBe(true);
    expect(
      isMalformedSlackBody(form({ type: 'view_submission', user: { id: 'U1' }, response_urls: [] }), FORM),
    ).toBe(true);
    expect(isMalformedSlackBody(form({ ...action, response_url: 'W49' }), FORM)).toBe(true);
    expect(isMalformedSlackBody(form('{"type":'), FORM)).toBe(true);
    expect(isMalformedSlackBody(form('42'), FORM)).toBe(true);
    expect(isMalformedSlackBody('', FORM)).toBe(true);
    expect(isMalformedSlackBody('not json', 'application/json')).toBe(true);
  });
});
