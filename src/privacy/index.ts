import type { CoreDeps } from '#src/core-deps.ts';
import type { FeatureListeners } from '#src/feature.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { reflectExportSubcommand } from './listeners/export-command.ts';
import { registerForgetActions } from './listeners/forget-actions.ts';
import { reflectForgetSubcommand } from './listeners/forget-command.ts';
import type { PrivacyDeps } from './privacy-deps.ts';
import { createSlackTrail, type SlackTrail } from './slack-trail.ts';

export type { PrivacyDeps } from './privacy-deps.ts';
export type { SlackTrail, TrailItem } from './slack-trail.ts';

/** Export and forget across every feature, and the Slack messages that quote a person's words. */
export interface PrivacyFeature {
  /** Where messages and files quoting a person are remembered (nudges, export); deleted on forget. */
  slackTrail: SlackTrail;
  personalData: PersonalDataSource[];
  /** `/reflect export`, `/reflect forget` and its buttons, over the sources given. */
  listeners(links: Pick<PrivacyDeps, 'personalData' | 'home'>): FeatureListeners;
}

export function createPrivacy(core: CoreDeps): PrivacyFeature {
  const slackTrail = createSlackTrail({
    redis: core.redis.interactive,
    teamClients: core.teamClients,
    logger: core.logger,
  });
  return {
    slackTrail,
    personalData: [slackTrail.personalData],
    listeners(links) {
      const deps: PrivacyDeps = { ...core, ...links, slackTrail };
      return {
        subcommands: { export: reflectExportSubcommand(deps), forget: reflectForgetSubcommand },
        register: (app) => registerForgetActions(app, deps),
      };
    },
  };
}
