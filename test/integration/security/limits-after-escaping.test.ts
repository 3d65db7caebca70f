import { describe, expect, it } from 'vitest';
import { ANSWER_MAX_CHARS, INTENTION_ACTION, INTENTION_BLOCK } from '#messages/reflect-modal.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { answerValues, openReflect, submitReflect } from '#test/integration/reflect/reflect-driver.ts';
import { useTestApp } from '#test/support/test-app.ts';

/**
 * Issue 12, finding 12, through the real router: `/reflect history` of answers made of `&` (each
 * one five characters once escaped) stays inside every Block Kit limit, and so do the App Home
 * and the confirmation that show the same words. (The recognition form case is in
 * mentions-and-channels.test.ts.)
 */
describe('security: Block Kit limits are measured after escaping', () => {
  const t = useTestApp({ now: new Date('2026-11-25T10:00:00Z') }, () => {
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
  });

  it('/reflect history with answers of `&` sends sections within 3,000 characters', async () => {
    const opened = await openReflect(t);
    const worst = '&'.repeat(ANSWER_MAX_CHARS);
    const { body } = await submitReflect(t, {
      ...opened,
      values: answerValues([worst, '<'.repeat(ANSWER_MAX_CHARS), `${'>&'.repeat(ANSWER_MAX_CHARS / 2)}`], {
        [INTENTION_BLOCK]: { [INTENTION_ACTION]: { type: 'plain_text_input', value: '&'.repeat(500) } },
      }),
    });
    expect(body).toBeUndefined();

    const history = await t.command({ text: 'history' });
    expect(history.status).toBe(200);
    const reply = history.json() as { blocks: { text?: { text: string } }[] };
    expect(JSON.stringify(reply.blocks)).toContain('&amp;&amp;');
    expect(blockKitViolations('message', reply.blocks)).toEqual([]);

    // Everything else that showed these words was accepted by Slack as sent.
    await t.slack.waitFor('views.publish');
    const refused = t.slack.calls.filter(
      (call) => !call.ok && /invalid_blocks|invalid_arguments/.test(String(call.error)),
    );
    expect(refused).toEqual([]);
  });
});
