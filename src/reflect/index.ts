import type { App } from '@slack/bolt';
import type { AppDeps } from '#src/deps.ts';
import { reflectExportSubcommand } from '../privacy/listeners/export-command.ts';
import { registerForgetActions } from '../privacy/listeners/forget-actions.ts';
import { reflectForgetSubcommand } from '../privacy/listeners/forget-command.ts';
import type { ReflectSubcommand } from '../slack/reflect-command.ts';
import { registerAppHomeOpened } from './listeners/app-home-opened.ts';
import { reflectHistorySubcommand } from './listeners/reflect-history.ts';
import { registerReflectNowAction } from './listeners/reflect-now.ts';
import { reflectOpenSubcommand } from './listeners/reflect-open.ts';
import { registerReflectSubmission } from './listeners/reflect-submission.ts';

/** The `/reflect` words of the reflection feature ('' is bare `/reflect`: open the modal). */
export function reflectionSubcommands(deps: AppDeps): Record<string, ReflectSubcommand> {
  return {
    '': reflectOpenSubcommand(deps),
    history: reflectHistorySubcommand(deps),
    export: reflectExportSubcommand(deps),
    forget: reflectForgetSubcommand,
  };
}

/** The reflection feature's buttons, modal submission and App Home. */
export function registerReflectionListeners(app: App, deps: AppDeps): void {
  registerReflectNowAction(app, deps);
  registerForgetActions(app, deps);
  registerReflectSubmission(app, deps);
  registerAppHomeOpened(app, deps);
}
