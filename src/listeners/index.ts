import type { App } from '@slack/bolt';
import type { AppDeps } from '#src/deps.ts';
import { registerRecognizeActions } from './actions/recognize-actions.ts';
import { registerRecognizeCommand } from './commands/recognize-command.ts';
import {
  helpSubcommand,
  type ReflectSubcommand,
  registerReflectCommand,
} from './commands/reflect-command.ts';
import { teamSubcommand } from './commands/reflect-team.ts';
import { dedupeEvents } from './events/dedupe-events.ts';
import { registerUninstallEvents } from './events/uninstall-events.ts';
import { nudgeSubcommands, registerNudgeListeners } from './nudge-listeners.ts';
import { reflectionSubcommands, registerReflectionListeners } from './reflection-listeners.ts';
import { registerRecognitionModal } from './views/recognize-modal-view.ts';

/**
 * Wires every listener to the app. Listeners stay thin: they parse, call a function that takes
 * its dependencies, and reply. Features add their `/reflect` words to `reflectSubcommands`.
 */
export function registerListeners(app: App, deps: AppDeps): void {
  app.use(dedupeEvents(deps.redis.interactive, deps.logger));
  registerUninstallEvents(app, deps);

  const reflectSubcommands: Record<string, ReflectSubcommand> = {
    help: helpSubcommand,
    ...reflectionSubcommands(deps),
    team: teamSubcommand(deps, deps.recognition),
    ...nudgeSubcommands(deps, deps.nudges),
  };
  registerReflectCommand(app, reflectSubcommands, deps);
  registerReflectionListeners(app, deps);
  registerNudgeListeners(app, deps, deps.nudges);
  registerRecognizeCommand(app, deps, deps.recognition);
  registerRecognizeActions(app, deps);
  registerRecognitionModal(app, deps, deps.recognition);
}
