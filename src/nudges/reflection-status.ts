import type { PromptHistoryEntry, ReflectionStore } from '#src/reflect/index.ts';
import { previousIsoWeekKey } from '#src/schedule/iso-week.ts';

/**
 * What nudges need to know about a person's reflections (the reflection store answers it): whether
 * they already reflected this week (then no nudge), last week's intention (quoted back), and their
 * prompt history (so the nudge shows the same prompt the modal will).
 */
export interface ReflectionStatus {
  hasReflected(teamId: string, userId: string, weekKey: string): Promise<boolean>;
  /** The intention the person wrote the week before `weekKey`, if any. */
  lastIntention(teamId: string, userId: string, weekKey: string): Promise<string | undefined>;
  /** History up to and including `weekKey`, for `choosePromptForNudge`. */
  promptHistory(teamId: string, userId: string, weekKey: string): Promise<PromptHistoryEntry[]>;
  /** Remembers the nudge's prompt as shown that week (unless the week already has shown prompts). */
  recordNudgePrompt(teamId: string, userId: string, weekKey: string, promptId: string): Promise<void>;
}

/** For a build without reflections (and unit tests): nobody has reflected, no history. */
export const noReflections: ReflectionStatus = {
  hasReflected: async () => false,
  lastIntention: async () => undefined,
  promptHistory: async () => [],
  recordNudgePrompt: async () => undefined,
};

/** The parts of the reflection store nudges use. */
export type ReflectionStoreReads = Pick<
  ReflectionStore,
  'hasReflected' | 'lastIntention' | 'promptHistory' | 'recordPromptShownOnce'
>;

/** How far back the prompt history goes (the no-repeat window is 12 weeks). */
const HISTORY_WEEKS = 26;

export function reflectionStatusFrom(store: ReflectionStoreReads): ReflectionStatus {
  return {
    hasReflected: (teamId, userId, weekKey) => store.hasReflected(teamId, userId, weekKey),
    async lastIntention(teamId, userId, weekKey) {
      // Quoted only when written the week before, not one from months ago.
      const last = await store.lastIntention(teamId, userId, weekKey);
      return last && last.weekKey === previousIsoWeekKey(weekKey) ? last.text : undefined;
    },
    promptHistory: (teamId, userId, weekKey) => store.promptHistory(teamId, userId, weekKey, HISTORY_WEEKS),
    async recordNudgePrompt(teamId, userId, weekKey, promptId) {
      await store.recordPromptShownOnce(teamId, userId, weekKey, promptId);
    },
  };
}
