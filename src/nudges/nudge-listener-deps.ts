import type { SharedDeps } from '#src/core-deps.ts';
import type { ReflectHome } from '#src/reflect/index.ts';

/** What the nudge feature's listeners run with (besides the feature itself). */
export interface NudgeListenerDeps extends Pick<SharedDeps, 'config' | 'logger' | 'limits' | 'userProfiles'> {
  /** The person's App Home and reflection modal (the reflection feature's). */
  home: ReflectHome;
}
