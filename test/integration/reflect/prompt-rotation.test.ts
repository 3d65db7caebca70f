import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '#messages/reflection-prompts.ts';
import { useTestApp } from '#test/support/test-app.ts';
import { answerValues, openReflect, submitReflect } from './reflect-driver.ts';

const DAY = 86_400_000;
// Wednesdays, 12:00 UTC, from ISO week 2026-W40 on.
const wednesday = (n: number) => new Date(Date.parse('2026-09-30T12:00:00Z') + n * 7 * DAY);

/** The dimension of each answer block, in order, read from the modal's hints. */
type ModalBlocks = { blocks: { block_id?: string; hint?: { text: string }; label?: { text: string } }[] };

function heartLabel(view: ModalBlocks): string | undefined {
  return view.blocks.find((b) => b.block_id?.startsWith('answer_') && b.hint?.text.startsWith('Heart'))?.label
    ?.text;
}

function modalDimensions(view: ModalBlocks): string[] {
  return view.blocks
    .filter((b) => b.block_id?.startsWith('answer_'))
    .map((b) => (b.hint?.text ?? '').split(':')[0]?.toLowerCase() ?? '');
}

describe('prompt rotation through the real modal and store', () => {
  const t = useTestApp({ now: wednesday(0) }, () => {
    t.slack.addUser({ id: 'U1', tz: 'Australia/Adelaide' });
    t.slack.addUser({ id: 'U3', tz: 'America/St_Johns' });
  });

  it('12 weeks of one person: no prompt repeats, all three dimensions every week', async () => {
    const seen: string[] = [];
    const weeks: string[] = [];
    for (let n = 0; n < 12; n++) {
      t.clock.set(wednesday(n));
      const opened = await openReflect(t);
      expect(modalDimensions(opened.view).sort()).toEqual([...DIMENSIONS].sort());
      await submitReflect(t, { ...opened, values: answerValues(['a', 'b', 'c']) });
      const [week] = await t.throughline.deps.reflect.reflections.reflectedWeeks('T1', 'U1');
      const saved = await t.throughline.deps.reflect.reflections.get('T1', 'U1', week ?? '');
      weeks.push(week ?? '');
      seen.push(...(saved?.prompts.map((p) => p.id) ?? []));
      expect(new Set(saved?.prompts.map((p) => p.dimension))).toEqual(new Set(DIMENSIONS));
    }
    expect(new Set(weeks).size).toBe(12);
    expect(seen).toHaveLength(36);
    expect(new Set(seen).size).toBe(36);
  });

  it('a person who skipped heart for weeks is led with a heart prompt next', async () => {
    const heartShown = new Set<string>();
    for (let n = 0; n < 6; n++) {
      t.clock.set(wednesday(n));
      const opened = await openReflect(t, { userId: 'U3' });
      const dims = modalDimensions(opened.view);
      heartShown.add(heartLabel(opened.view) ?? '');
      // Answer soul and mind, leave heart empty.
      const answers = dims.map((d) => (d === 'heart' ? undefined : `about ${d}`));
      const { body } = await submitReflect(t, { ...opened, userId: 'U3', values: answerValues(answers) });
      expect(body).toBeUndefined();
    }
    t.clock.set(wednesday(6));
    const next = await openReflect(t, { userId: 'U3' });
    expect(modalDimensions(next.view)[0]).toBe('heart');
    // Shown-but-unanswered prompts count as shown: the new heart prompt is a fresh one.
    expect(heartShown.size).toBe(6);
    expect(heartShown.has(heartLabel(next.view) ?? '')).toBe(false);
  });
});
