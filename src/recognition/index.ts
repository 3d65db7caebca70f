import type { SharedDeps } from '#src/core-deps.ts';
import type { FeatureListeners, HomeSection } from '#src/feature.ts';
import { registerRecognizeActions } from './listeners/recognize-actions.ts';
import { registerRecognizeCommand } from './listeners/recognize-command.ts';
import { registerRecognitionModal } from './listeners/recognize-modal-view.ts';
import { teamSubcommand } from './listeners/reflect-team.ts';
import { createRecognitionServices, type RecognitionServices } from './recognition-services.ts';

export type { RecognitionServices } from './recognition-services.ts';

/** Peer recognition: `/recognize`, channel prompts, the digest and the care radar. */
export interface Recognition extends RecognitionServices {
  /** The care radar on App Home. */
  homeSection: HomeSection;
  /** `/recognize`, its modal and buttons, and `/reflect team`. */
  listeners(): FeatureListeners;
}

export function createRecognition(deps: SharedDeps): Recognition {
  const services = createRecognitionServices(deps, {
    sendsPerMinute: deps.config.nudgesPerMinute,
    lockDuration: deps.config.workerLockDurationMs,
    stalledInterval: deps.config.workerStalledIntervalMs,
  });
  // Added to the services object itself: its `worker` is a getter a copy would freeze.
  return Object.assign(services, {
    homeSection: services.careRadar.homeSection,
    listeners: (): FeatureListeners => ({
      subcommands: { team: teamSubcommand(deps, services) },
      register(app) {
        registerRecognizeCommand(app, deps, services);
        registerRecognizeActions(app, deps);
        registerRecognitionModal(app, deps, services);
      },
    }),
  });
}
