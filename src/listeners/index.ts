import type { App } from '@slack/bolt';
import type { AppDeps } from '#src/deps.ts';
import { nudgeSubcommands, registerNudgeListeners } from '../nudges/index.ts';
import { registerRecognizeActions } from '../recognition/listeners/recognize-actions.ts';
import { registerRecognizeCommand } from '../recognition/listeners/recognize-command.ts';
import { registerRecognitionModal } from '../recognition/listeners/recognize-modal-view.ts';
import { teamSubcommand } from '../recognition/listeners/reflect-team.ts';
import { reflectionSubcommands, registerReflectionListeners } from '../reflect/index.ts';
import { dedupeEvents } from '../slack/dedupe-events.ts';
import { helpSubcommand, type ReflectSubcommand, registerReflectCommand } from '../slack/reflect-command.ts';
import { registerUninstallEvents } from '../workspaces/listeners/uninstall-events.ts';

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
