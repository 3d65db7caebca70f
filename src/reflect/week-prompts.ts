import { english, type Translator } from '#messages/i18n.ts';
import type { ModalPrompt } from '#messages/reflect-modal.ts';
import type { Reflection } from '#src/reflect/reflection-store.ts';
import { choosePrompts, findPrompt, type PromptHistoryEntry } from './choose-prompts.ts';

/**
 * The prompts a person gets for a week: the ones saved with that week's reflection when there is
 * one (editing shows what was answered), otherwise `choosePrompts` over their prompt history up to
 * the week with their user id as the seed (`ReflectionStore.forModal` reads both at once). The
 * weekly nudge shows the first of the chosen prompts, so the nudge and the modal always agree. New
 * prompts read in `tr`'s language; a saved reflection keeps the text it was answered with.
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
