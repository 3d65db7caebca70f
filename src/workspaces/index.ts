import type { Authorize } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { CoreDeps } from '#src/core-deps.ts';
import type { FeatureListeners } from '#src/feature.ts';
import { createFieldCipher } from '#src/store/field-encryption.ts';
import { redisInstallationStore, type TeamInstallationStore } from './installation-store.ts';
import { registerUninstallEvents } from './listeners/uninstall-events.ts';
import {
  createInstallationClients,
  createSingleWorkspaceClients,
  interactiveClientOptions,
  singleWorkspaceAuthorize,
  type TeamClients,
} from './slack-clients.ts';

export type { TeamInstallationStore } from './installation-store.ts';
export { createSingleWorkspaceClients, type TeamClients } from './slack-clients.ts';

export interface WorkspacesDeps extends Pick<CoreDeps, 'config' | 'logger' | 'metrics' | 'redis'> {
  /** Background clients given from outside (tests give two workspaces their own tokens). */
  teamClients?: TeamClients;
}

/** Installed workspaces: installations (OAuth mode), their Web API clients, and uninstalling. */
export interface WorkspacesFeature {
  /** Multi-workspace (OAuth) mode only: where installations live. */
  installations?: TeamInstallationStore;
  /** Web API clients for background work, one per workspace. */
  teamClients: TeamClients;
  /** Single-workspace mode: every request gets the configured bot token (OAuth mode: undefined). */
  authorize?: Authorize<boolean>;
  /** Options of the clients Bolt hands to listeners (fail fast inside Slack's 3 s). */
  interactiveClientOptions: WebClientOptions;
  /** An uninstalled workspace's (revoked) token leaves the client cache at once. */
  cleanupTeam(teamId: string): Promise<void>;
  /** `app_uninstalled` and `tokens_revoked`: the installation goes and each clean-up runs. */
  listeners(links: { teamCleanup: readonly ((teamId: string) => Promise<void>)[] }): FeatureListeners;
}

export function createWorkspaces(deps: WorkspacesDeps): WorkspacesFeature {
  const { config, logger, metrics } = deps;
  const installations = config.slack.oauth
    ? redisInstallationStore(
        deps.redis.interactive,
        createFieldCipher({ key: config.slack.oauth.tokenEncryptionKey }),
      )
    : undefined;
  const teamClients =
    deps.teamClients ??
    (installations
      ? createInstallationClients(installations, config, logger, metrics)
      : createSingleWorkspaceClients(config.slack.botToken ?? '', config, logger, metrics));
  return {
    installations,
    teamClients,
    // In OAuth mode Bolt authorizes each request from the installation store instead.
    authorize: installations
      ? undefined
      : singleWorkspaceAuthorize(config.slack.botToken ?? '', config, logger, metrics),
    interactiveClientOptions: interactiveClientOptions(config, logger, metrics),
    cleanupTeam: async (teamId) => teamClients.forget?.(teamId),
    listeners: ({ teamCleanup }) => ({
      subcommands: {},
      register: (app) => registerUninstallEvents(app, { installations, teamCleanup, logger }),
    }),
  };
}
