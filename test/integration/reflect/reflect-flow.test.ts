import { describe, expect, it } from 'vitest';
import { INTENTION_ACTION, INTENTION_BLOCK, RATING_ACTION, ratingBlockId } from '#messages/reflect-modal.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { keys } from '#src/store/keys.ts';
import { useTestApp } from '#test/support/test-app.ts';
import { answerValues, keysOf, openReflect, submitReflect } from './reflect-driver.ts';

// Wednesday 25 November 2026, 10:00 UTC: ISO week 2026-W48 in Berlin.
const NOW = new Date('2026-11-25T10:00:00Z');
const WEEK = '2026-W48';

describe('/reflect: open, save, edit, history', () => {
  const t = useTestApp({ now: NOW }, () => {
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'U2', tz: 'America/New_York' });
    t.slack.addTeam({ teamId: 'T2', botToken: 'xoxb-team-2', botUserId: 'UBOT2', botId: 'BBOT2' });
  });

  it('opens a modal with the command’s trigger_id, inside Block Kit limits', async () => {
    const triggerId = t.slack.issueTriggerId();
    const started = Date.now();
    const opened = await openReflect(t, { triggerId });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(opened.call.params.trigger_id).toBe(triggerId);
    const view = opened.call.params.view as { type: string; callback_id: string; title: { text: string } };
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe('reflect_modal');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(blockKitViolations('modal', view)).toEqual([]);
    const inputs = opened.view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(inputs.slice(0, 3)).toEqual(['answer_0', 'answer_1', 'answer_2']);
    // One prompt per dimension.
    const hints = opened.view.blocks
      .filter((b) => b.block_id?.startsWith('answer_'))
      .map((b) => b.hint?.text ?? '');
    expect(hints.map((h) => h.split(':')[0]).sort()).toEqual(['Heart', 'Mind', 'Soul']);
    // Plain words, not a row of labels ("Soul · doing good · You").
    expect(
      hints.every((h) => /^(Soul|Heart|Mind): [a-z ]+, in how (you lead|your team works)\.$/.test(h)),
    ).toBe(true);
  });

  it('stores a submission for the person’s ISO week, confirms privately, and edits on a second submit', async () => {
    const first = await openReflect(t);
    const saved = await submitReflect(t, {
      viewId: first.viewId,
      privateMetadata: first.privateMetadata,
      values: answerValues(['I asked before deciding.', undefined, 'We split the problem.'], {
        [INTENTION_BLOCK]: {
          [INTENTION_ACTION]: { type: 'plain_text_input', value: 'Ask Sam what slows them down' },
        },
        [ratingBlockId('soul')]: {
          [RATING_ACTION]: { type: 'static_select', selected_option: { value: '2' } },
        },
      }),
    });
    expect(saved.body).toBeUndefined();
    const reflections = t.throughline.deps.reflect.reflections;
    const stored = await reflections.get('T1', 'U1', WEEK);
    expect(stored?.prompts.map((p) => p.answer)).toEqual([
      'I asked before deciding.',
      undefined,
      'We split the problem.',
    ]);
    expect(stored?.intention).toBe('Ask Sam what slows them down');
    expect(stored?.ratings).toEqual({ soul: 2 });
    expect(stored?.timeZone).toBe('Europe/Berlin');
    expect(await reflections.hasReflected('T1', 'U1', WEEK)).toBe(true);

    const dm = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === 'U1');
    expect(String(dm[0]?.params.text)).toContain('Saved your reflection');
    expect(JSON.stringify(dm[0]?.params.blocks)).toContain('nudge_opt_in');
    expect(blockKitViolations('message', dm[0]?.params.blocks)).toEqual([]);

    // Second /reflect the same week: pre-filled, same prompts; saving edits the same entry.
    const second = await openReflect(t);
    const answers = second.view.blocks.filter((b) => b.block_id?.startsWith('answer_'));
    expect(answers[0]?.element?.initial_value).toBe('I asked before deciding.');
    expect(answers[1]?.element?.initial_value).toBeUndefined();
    const intention = second.view.blocks.find((b) => b.block_id === INTENTION_BLOCK);
    expect(intention?.element?.initial_value).toBe('Ask Sam what slows them down');
    const edit = await submitReflect(t, {
      viewId: second.viewId,
      privateMetadata: second.privateMetadata,
      values: answerValues(['Edited answer', 'Now a heart answer', 'We split the problem.'], {
        [INTENTION_BLOCK]: {
          [INTENTION_ACTION]: { type: 'plain_text_input', value: 'Ask Sam what slows them down' },
        },
      }),
    });
    expect(edit.body).toBeUndefined();
    const edited = await reflections.get('T1', 'U1', WEEK);
    expect(edited?.prompts.map((p) => p.id)).toEqual(stored?.prompts.map((p) => p.id));
    expect(edited?.prompts[0]?.answer).toBe('Edited answer');
    expect(edited?.editCount).toBe(1);
    expect(edited?.createdAt).toBe(stored?.createdAt);
    expect(await reflections.reflectedWeeks('T1', 'U1')).toEqual([WEEK]);
    const reflectionKeys = (await keysOf(t, 'T1', 'U1')).filter((k) => k.includes(':reflection:'));
    expect(reflectionKeys).toEqual([keys.reflection('T1', 'U1', WEEK)]);
    expect(
      Number(
        (
          await t.throughline.deps.metrics.registry
            .getSingleMetric('throughline_reflections_saved_total')
            ?.get()
        )?.values
          .map((v) => v.value)
          .reduce((a, b) => a + b, 0),
      ),
    ).toBe(2);
  });

  it('shows history to its author only: not another user, not the same user id in another workspace', async () => {
    const mine = await t.command({ text: 'history', userId: 'U1', teamId: 'T1' });
    const mineBody = mine.json() as { response_type: string; text: string; blocks: unknown[] };
    expect(mineBody.response_type).toBe('ephemeral');
    expect(JSON.stringify(mineBody.blocks)).toContain('Edited answer');
    expect(blockKitViolations('message', mineBody.blocks)).toEqual([]);

    const colleague = await t.command({ text: 'history', userId: 'U2', teamId: 'T1' });
    expect(colleague.text).not.toContain('Edited answer');
    expect(colleague.text).toContain('no reflections yet');

    const otherWorkspace = await t.command({ text: 'history', userId: 'U1', teamId: 'T2' });
    expect(otherWorkspace.text).not.toContain('Edited answer');
    expect(otherWorkspace.text).toContain('no reflections yet');

    // And the other way round: U1 of T2 reflects; U1 of T1 never sees it.
    const t2 = await openReflect(t, { userId: 'U1', teamId: 'T2' });
    await submitReflect(t, {
      viewId: t2.viewId,
      privateMetadata: t2.privateMetadata,
      userId: 'U1',
      teamId: 'T2',
      values: answerValues(['Team two only']),
    });
    expect((await t.command({ text: 'history', userId: 'U1', teamId: 'T2' })).text).toContain(
      'Team two only',
    );
    expect((await t.command({ text: 'history', userId: 'U1', teamId: 'T1' })).text).not.toContain(
      'Team two only',
    );
    // A view opened in T2 cannot be submitted as T1's U1.
    const t2again = await openReflect(t, { userId: 'U1', teamId: 'T2' });
    const crossed = await submitReflect(t, {
      viewId: t2again.viewId,
      privateMetadata: t2again.privateMetadata,
      userId: 'U1',
      teamId: 'T1',
      values: answerValues(['crossing workspaces']),
    });
    expect(crossed.body?.response_action).toBe('errors');
  });

  it('quotes last week’s intention in the next week’s modal', async () => {
    t.clock.set(new Date('2026-12-02T10:00:00Z')); // 2026-W49
    const next = await openReflect(t);
    const text = JSON.stringify(next.view.blocks);
    expect(text).toContain('Last week you meant to');
    expect(text).toContain('Ask Sam what slows them down');
    expect(text).toContain('How did it go?');
    t.clock.set(NOW);
  });

  it('keeps help on `/reflect help`', async () => {
    const help = await t.command({ text: 'help' });
    expect(help.text).toContain('/reflect history');
  });
});
