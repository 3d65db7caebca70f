import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTION_ACTION, INTENTION_BLOCK } from '#messages/reflect-modal.ts';
import { createLogger } from '#src/logger.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { answerValues, openReflect, submitReflect } from './reflect-driver.ts';

const SECRET = 'zebra-marmalade-4417';

describe('reflection text never reaches the logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ now: new Date('2026-11-25T10:00:00Z'), logger: createLogger('debug', sink) });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('at debug level: save, edit, refusals, history, export and Home log no answer or intention', async () => {
    const opened = await openReflect(t);
    await submitReflect(t, {
      ...opened,
      values: answerValues([`answer ${SECRET}`, 'x'.repeat(4000)], {
        [INTENTION_BLOCK]: { [INTENTION_ACTION]: { type: 'plain_text_input', value: `intention ${SECRET}` } },
      }),
    });
    await submitReflect(t, { ...opened, values: answerValues([`answer ${SECRET}`]) });
    await submitReflect(t, { viewId: 'VFORGED01', privateMetadata: SECRET, values: answerValues([SECRET]) });
    await t.command({ text: 'history' });
    await t.command({ text: 'export' });
    await t.slack.waitForResponse((r) => String(r.body.text).includes('export'));
    await t.event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.1' });
    await t.slack.waitFor('views.publish', { count: 2 });
    expect(lines.some((line) => line.includes('[omitted: may contain personal text]'))).toBe(true);
    expect(lines.filter((line) => line.includes(SECRET))).toEqual([]);
  });
});
