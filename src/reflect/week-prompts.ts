import { english, type Translator } from '#messages/i18n.ts';
import type { ModalPrompt } from '#messages/reflect-modal.ts';
import type { Reflection, ReflectionStore } from '#src/reflect/reflection-store.ts';
import { choosePrompts, findPrompt, type PromptHistoryEntry } from './choose-prompts.ts';

/**
 * The prompts a person gets for a week: the ones saved with that week's reflection when there is
 * one (editing shows what was answered), otherwise `choosePrompts` over their history with their
 * user id as the seed. The weekly nudge shows `promptsForWeek(...)[0]`, so the nudge and the modal
 * always agree. New prompts read in `tr`'s language; a saved reflection keeps the text it was
 * answered with.
 */
export async function promptsForWeek(
  reflections: ReflectionStore,
  teamId: string,
  userId: string,
  weekKey: string,
  existing?: Reflection | null,
  tr: Translator = english(),
): Promise<ModalPrompt[]> {
  const saved = existing === undefined ? await reflections.get(teamId, userId, weekKey) : existing;
  const history =
    saved && saved.prompts.length > 0 ? [] : await reflections.promptHistory(teamId, userId, weekKey);
  return weekPrompts(saved ?? undefined, history, userId, weekKey, tr);
}

/**
 * `promptsForWeek` from what was already read: the week's saved reflection (if any) and the
 * person's prompt history up to the week (`ReflectionStore.forModal` reads both at once).
 */
export function weekPrompts(
  saved: Reflection | undefined,
  history: readonly PromptHistoryEntry[],
  userId: string,
  weekKey: string,
  tr: Translator = english(),
): ModalPrompt[] {
  if (saved && saved.prompts.length > 0) {
    return saved.prompts.map((p) => {
      const side = findPrompt(p.id)?.side;
      return { id: p.id, dimension: p.dimension, text: p.text, ...(side ? { side } : {}) };
    });
  }
  return choosePrompts(history, weekKey, 3, userId).map((p) => ({
    id: p.id,
    dimension: p.dimension,
    side: p.side,
    text: promptText(p.id, p.text, tr),
  }));
}

/** The prompt in the reader's language; the library's English text if a catalogue lacks it. */
export function promptText(id: string, englishText: string, tr: Translator): string {
  const key = `prompts:reflection.${id}`;
  const text = tr.t(key);
  return text === key || text === `reflection.${id}` ? englishText : text;
}
