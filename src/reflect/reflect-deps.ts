import type { SharedDeps } from '#src/core-deps.ts';
import type { HomeSection } from '#src/feature.ts';
import type { ReflectViewStore } from './reflect-view-store.ts';
import type { ReflectionStore } from './reflection-store.ts';

/** What the reflection feature is built with (`createReflect`, src/reflect/index.ts). */
export interface ReflectFeatureDeps extends SharedDeps {
  /** Extra App Home sections (schedule controls, care radar), shown below the reflection part. */
  homeSections: HomeSection[];
  /** Weeks a person paused nudges; they do not break the App Home streak. From the nudge feature. */
  pausedWeeks: (teamId: string, userId: string) => Promise<readonly string[]>;
  /** Whether the person already gets weekly nudges (hides "Nudge me weekly"). From the nudge feature. */
  isNudgeEnrolled: (teamId: string, userId: string) => Promise<boolean>;
}

/** What the reflection feature's functions and listeners run with. */
export interface ReflectDeps extends ReflectFeatureDeps {
  /** Reflections, on the fail-fast connection (listeners). */
  reflections: ReflectionStore;
  /** The reflection modals opened per person (a submission for any other view is refused). */
  reflectViews: ReflectViewStore;
}
