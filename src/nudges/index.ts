import type { SharedDeps } from '#src/core-deps.ts';
import type { FeatureListeners } from '#src/feature.ts';
import type { ReflectHome } from '#src/reflect/index.ts';
import { pauseSubcommand, resumeSubcommand, scheduleSubcommand } from './listeners/nudge-commands.ts';
import { registerNudgeDmActions } from './listeners/nudge-dm-actions.ts';
import { registerNudgeEnrolActions } from './listeners/nudge-enrol-actions.ts';
import { registerNudgeHomeActions } from './listeners/nudge-home-actions.ts';
import { inviteSubcommand } from './listeners/nudge-invite.ts';
import { registerNudgeScheduleView } from './listeners/nudge-schedule-view.ts';
import { registerNudgeUserChange } from './listeners/nudge-user-change.ts';
import { createNudgeFeature, type NudgeFeature, type NudgeFeatureDeps } from './nudge-feature.ts';
import type { NudgeListenerDeps } from './nudge-listener-deps.ts';

export {
  createNudgeFeature,
  type NudgeFeature,
  type NudgeFeatureDeps,
  type NudgeProcessorDeps,
  type NudgeWorkers,
} from './nudge-feature.ts';
export { reflectionStatusFrom } from './reflection-status.ts';
// The workspace's send pace, shared with channel prompts (src/recognition).
export { createWorkspaceGate, type WorkspaceGate } from './workspace-gate.ts';

/** What the nudge feature is built with. */
export interface NudgesDeps extends NudgeFeatureDeps, Pick<SharedDeps, 'limits' | 'userProfiles'> {}

/** Weekly nudges: the service, queue and workers, and its `/reflect` words and buttons. */
export interface Nudges extends NudgeFeature {
  /** `/reflect schedule|pause|resume|invite`; the DM, invitation and App Home buttons; the schedule modal; `user_change`. */
  listeners(links: { home: ReflectHome }): FeatureListeners;
}

export function createNudges(deps: NudgesDeps): Nudges {
  const nudges = createNudgeFeature(deps);
  return Object.assign(nudges, {
    listeners({ home }: { home: ReflectHome }): FeatureListeners {
      const listenerDeps: NudgeListenerDeps = { ...deps, home };
      return {
        subcommands: {
          schedule: scheduleSubcommand(listenerDeps, nudges),
          pause: pauseSubcommand(nudges),
          resume: resumeSubcommand(nudges),
          invite: inviteSubcommand(listenerDeps, nudges),
        },
        register(app) {
          registerNudgeDmActions(app, listenerDeps, nudges);
          registerNudgeEnrolActions(app, listenerDeps, nudges);
          registerNudgeHomeActions(app, listenerDeps, nudges);
          registerNudgeScheduleView(app, listenerDeps, nudges);
          registerNudgeUserChange(app, listenerDeps, nudges);
        },
      };
    },
  });
}
