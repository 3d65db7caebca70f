import type { AppDeps } from '#src/deps.ts';

/** What the reflection feature's functions need from the composition root. */
export type ReflectDeps = Pick<
  AppDeps,
  | 'clock'
  | 'logger'
  | 'metrics'
  | 'reflections'
  | 'reflectViews'
  | 'userProfiles'
  | 'homeSections'
  | 'pausedWeeks'
  | 'isNudgeEnrolled'
>;
