import type { App } from '@slack/bolt';
import type { AppDeps } from '#src/deps.ts';
import type { NudgeFeature } from '#src/nudges/nudge-feature.ts';
import { registerNudgeDmActions } from './actions/nudge-dm-actions.ts';
import { registerNudgeEnrolActions } from './actions/nudge-enrol-actions.ts';
import { registerNudgeHomeActions } from './actions/nudge-home-actions.ts';
import { pauseSubcommand, resumeSubcommand, scheduleSubcommand } from './commands/nudge-commands.ts';
import { inviteSubcommand } from './commands/nudge-invite.ts';
import type { ReflectSubcommand } from './commands/reflect-command.ts';
import { registerNudgeUserChange } from './events/nudge-user-change.ts';
import { registerNudgeScheduleView } from './views/nudge-schedule-view.ts';

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
