import type { App } from '@slack/bolt';
import type { AppDeps } from '#src/deps.ts';
import type { NudgeFeature } from '#src/nudges/nudge-feature.ts';
import type { ReflectSubcommand } from '../slack/reflect-command.ts';
import { pauseSubcommand, resumeSubcommand, scheduleSubcommand } from './listeners/nudge-commands.ts';
import { registerNudgeDmActions } from './listeners/nudge-dm-actions.ts';
import { registerNudgeEnrolActions } from './listeners/nudge-enrol-actions.ts';
import { registerNudgeHomeActions } from './listeners/nudge-home-actions.ts';
import { inviteSubcommand } from './listeners/nudge-invite.ts';
import { registerNudgeScheduleView } from './listeners/nudge-schedule-view.ts';
import { registerNudgeUserChange } from './listeners/nudge-user-change.ts';

/** The `/reflect` words of the nudge feature. */
export function nudgeSubcommands(deps: AppDeps, nudges: NudgeFeature): Record<string, ReflectSubcommand> {
  return {
    schedule: scheduleSubcommand(deps, nudges),
    pause: pauseSubcommand(nudges),
    resume: resumeSubcommand(nudges),
    invite: inviteSubcommand(deps, nudges),
  };
}

/** The nudge feature's buttons, modal and events. */
export function registerNudgeListeners(app: App, deps: AppDeps, nudges: NudgeFeature): void {
  registerNudgeDmActions(app, deps, nudges);
  registerNudgeEnrolActions(app, deps, nudges);
  registerNudgeHomeActions(app, deps, nudges);
  registerNudgeScheduleView(app, deps, nudges);
  registerNudgeUserChange(app, deps, nudges);
}
