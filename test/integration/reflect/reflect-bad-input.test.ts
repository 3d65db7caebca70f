import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_REFLECTION_ERROR, reflectFormErrorText } from '#messages/reflect-modal.ts';
import { useTestApp } from '#test/support/test-app.ts';
import { answerValues, keysOf, openReflect, submitReflect } from './reflect-driver.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const WEEK = '2026-W48';

describe('/reflect refuses bad input without storing anything', () => {
  const t = useTestApp({ now: NOW }, () => {
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'U2', tz: 'Europe/Berlin' });
  });
  beforeEach(async () => {
    await t.throughline.deps.reflect.reflections.personalData.erase('T1', 'U1');
  });

  const nothingStored = async () => {
    expect(await t.throughline.deps.reflect.reflections.reflectedWeeks('T1', 'U1')).toEqual([]);
    expect((await keysOf(t, 'T1', 'U1')).filter((k) => k.includes(':reflection'))).toEqual([]);
  };

  it('empty submission: inline error on the first prompt', async () => {
    const opened = await openReflect(t);
    const { body } = await submitReflect(t, { ...opened, values: answerValues(['', '  \n ', undefined]) });
    expect(body).toEqual({ response_action: 'errors', errors: { answer_0: EMPTY_REFLECTION_ERROR } });
    await nothingStored();
  });

  it('10,000-character answer: inline error on that answer', async () => {
    const opened = await openReflect(t);
    const { body } = await submitReflect(t, {
      ...opened,
      values: answerValues(['fine', 'x'.repeat(10_000)]),
    });
    expect(body?.response_action).toBe('errors');
    expect(body?.errors?.answer_1).toContain('10,000 characters');
    await nothingStored();
  });

  it('control characters are stripped and mention syntax is kept as text that never pings when shown', async () => {
    const opened = await openReflect(t);
    const typed = 'Thanked <@U2> \u0000in\u0007 front of <!channel> and <!here>\u001b';
    const { body } = await submitReflect(t, { ...opened, values: answerValues([typed]) });
    expect(body).toBeUndefined();
    const stored = await t.throughline.deps.reflect.reflections.get('T1', 'U1', WEEK);
    expect(stored?.prompts[0]?.answer).toBe('Thanked <@U2> in front of <!channel> and <!here>');
    const history = await t.command({ text: 'history' });
    expect(history.text).not.toMatch(/<!channel>|<!here>|<@U2>/);
    expect(history.text).toContain('&lt;!channel&gt;');
    // The confirmation DM and the Home never carry the raw text either.
    await t.slack.waitFor('views.publish');
    for (const call of t.slack.calls) {
      expect(JSON.stringify(call.params)).not.toMatch(/<!channel>|<!here>/);
    }
  });

  it('a forged view_submission for a view id the app never opened is refused', async () => {
    const { body } = await submitReflect(t, {
      viewId: 'VFORGED0001',
      privateMetadata: 'whatever',
      values: answerValues(['forged']),
    });
    expect(body).toEqual({ response_action: 'errors', errors: { answer_0: reflectFormErrorText('forged') } });
    const weird = await submitReflect(t, {
      viewId: '../../etc:passwd',
      privateMetadata: '',
      values: answerValues(['forged']),
    });
    expect(weird.body?.response_action).toBe('errors');
    await nothingStored();
  });

  it('another person’s view id, even with its private_metadata, is refused', async () => {
    const opened = await openReflect(t, { userId: 'U2' });
    const { body } = await submitReflect(t, { ...opened, userId: 'U1', values: answerValues(['not mine']) });
    expect(body?.response_action).toBe('errors');
    await nothingStored();
    expect(await t.throughline.deps.reflect.reflections.reflectedWeeks('T1', 'U2')).toEqual([]);
  });

  it('a tampered private_metadata is refused; the genuine form still saves; a replay is refused', async () => {
    const opened = await openReflect(t);
    for (const privateMetadata of [
      '',
      '{"weekKey":"2020-W01","userId":"U2"}',
      `${opened.privateMetadata}x`,
    ]) {
      const { body } = await submitReflect(t, {
        ...opened,
        privateMetadata,
        values: answerValues(['tampered']),
      });
      expect(body).toEqual({
        response_action: 'errors',
        errors: { answer_0: reflectFormErrorText('forged') },
      });
    }
    await nothingStored();
    const genuine = await submitReflect(t, { ...opened, values: answerValues(['genuine']) });
    expect(genuine.body).toBeUndefined();
    expect(await t.throughline.deps.reflect.reflections.reflectedWeeks('T1', 'U1')).toEqual([WEEK]);
    const replay = await submitReflect(t, { ...opened, values: answerValues(['replayed']) });
    expect(replay.body?.response_action).toBe('errors');
    expect((await t.throughline.deps.reflect.reflections.get('T1', 'U1', WEEK))?.prompts[0]?.answer).toBe(
      'genuine',
    );
  });

  it('garbage state values never crash the listener', async () => {
    const opened = await openReflect(t);
    const { body } = await submitReflect(t, {
      ...opened,
      values: { answer_0: { answer: { type: 'plain_text_input', value: 42 } } } as never,
    });
    expect(body?.response_action).toBe('errors');
    await nothingStored();
    const healthy = await fetch(`${t.baseUrl}/healthz`);
    expect(healthy.status).toBe(200);
  });
});
