import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { TeamInstallationStore } from '../installation-store.ts';

/** What uninstalling runs with: the installations and each feature's team clean-up. */
export interface UninstallDeps {
  installations?: TeamInstallationStore;
  teamCleanup: readonly ((teamId: string) => Promise<void>)[];
  logger: Logger;
}

interface UninstallEnvelope {
  team_id?: string;
  enterprise_id?: string;
  is_ext_shared_channel?: boolean;
  authorizations?: { is_enterprise_install?: boolean; enterprise_id?: string | null }[];
}

/**
 * A workspace that removes the app (or revokes its bot token) loses its installation and every
 * scheduled job at once; nothing more is sent there. An org-wide install (Enterprise Grid) that is
 * removed takes every workspace of the org with it. Bolt skips authorisation for these two events,
 * so the listener runs although the token is already dead.
 */
export async function forgetWorkspace(deps: UninstallDeps, envelope: UninstallEnvelope): Promise<void> {
  const teamId = envelope.team_id;
  const authorization = envelope.authorizations?.[0];
  const isEnterpriseInstall = authorization?.is_enterprise_install === true;
  const enterpriseId = envelope.enterprise_id ?? authorization?.enterprise_id ?? undefined;
  if (isEnterpriseInstall ? !enterpriseId : !teamId) return;
  const workspaces = new Set(
    isEnterpriseInstall && enterpriseId ? ((await deps.installations?.workspacesOf(enterpriseId)) ?? []) : [],
  );
  if (teamId && teamId !== enterpriseId) workspaces.add(teamId);
  await deps.installations?.deleteInstallation({
    teamId: isEnterpriseInstall ? undefined : teamId,
    enterpriseId,
    isEnterpriseInstall,
  });
  const results = await Promise.allSettled(
    [...workspaces].flatMap((workspace) => deps.teamCleanup.map((cleanup) => cleanup(workspace))),
  );
  const failed = results.filter((result) => result.status === 'rejected').length;
  deps.logger.info(
    { teamId, enterpriseId, workspaces: workspaces.size, cleanups: results.length, failed },
    'app uninstalled; installation and jobs removed',
  );
  // A failed clean-up fails the event, so Slack's redelivery runs it again (dedupe-events.ts).
  if (failed > 0) throw new Error(`${failed} clean-up(s) failed after app_uninstalled`);
}

export function registerUninstallEvents(app: App, deps: UninstallDeps): void {
  app.event('app_uninstalled', async ({ body }) => {
    await forgetWorkspace(deps, body as UninstallEnvelope);
  });
  app.event('tokens_revoked', async ({ body, event }) => {
    // Only the loss of the bot token ends the installation; a revoked user token does not.
    if ((event.tokens.bot ?? []).length > 0) await forgetWorkspace(deps, body as UninstallEnvelope);
  });
}
