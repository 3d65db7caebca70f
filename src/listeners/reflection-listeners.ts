import type { App } from '@slack/bolt';
import type { AppDeps } from '#src/deps.ts';
import { registerForgetActions } from './actions/reflect-forget.ts';
import { registerReflectNowAction } from './actions/reflect-now.ts';
import type { ReflectSubcommand } from './commands/reflect-command.ts';
import { reflectExportSubcommand } from './commands/reflect-export.ts';
import { reflectForgetSubcommand } from './commands/reflect-forget.ts';
import { reflectHistorySubcommand } from './commands/reflect-history.ts';
import { reflectOpenSubcommand } from './commands/reflect-open.ts';
import { registerAppHomeOpened } from './events/app-home-opened.ts';
import { registerReflectSubmission } from './views/reflect-submission.ts';

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
