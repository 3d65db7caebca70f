import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { RedisClient } from '#src/redis-connections.ts';
import type { FieldCipher } from '#src/store/field-encryption.ts';
import { keys } from '#src/store/keys.ts';

/**
 * Installations in Redis, one per workspace (or per Enterprise Grid org for org-wide installs).
 * Every token in the record is sealed with AES-256-GCM before it is written, bound to the
 * installation it belongs to, so the raw token never appears in Redis.
 *
 * An org-wide install answers for every workspace of its org. Slack's requests name the org, but
 * background work (nudges, invitations, channel prompts, exports) knows only the workspace, so
 * the store remembers the org of each workspace it answered a request for.
 */
export interface TeamInstallationStore extends InstallationStore {
  /** Removes the installation; for an org-wide one, also what was remembered of its workspaces. */
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /** The ids of every installed workspace or org (for operators and clean-up). */
  listInstalled(): Promise<string[]>;
  /** The workspaces an org-wide install has served so far (an org uninstall cleans each). */
  workspacesOf(enterpriseId: string): Promise<string[]>;
}

type TokenPath = 'bot.token' | 'bot.refreshToken' | 'user.token' | 'user.refreshToken';
const TOKEN_PATHS: TokenPath[] = ['bot.token', 'bot.refreshToken', 'user.token', 'user.refreshToken'];

function installationId(query: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}): string {
  const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!id) throw new Error('installation query names no team or enterprise');
  return id;
}

function mapTokens(
  installation: Installation,
  id: string,
  transform: (value: string, context: string) => string,
) {
  const copy = structuredClone(installation) as Installation & {
    bot?: Record<string, unknown>;
    user: Record<string, unknown>;
  };
  for (const path of TOKEN_PATHS) {
    const [owner, field] = path.split('.') as ['bot' | 'user', string];
    const holder = copy[owner];
    const value = holder?.[field];
    if (holder && typeof value === 'string') holder[field] = transform(value, `installation|${id}|${path}`);
  }
  return copy as Installation;
}

export function redisInstallationStore(redis: RedisClient, cipher: FieldCipher): TeamInstallationStore {
  async function read(id: string): Promise<Installation | undefined> {
    const stored = await redis.get(keys.installation(id));
    if (!stored) return undefined;
    return mapTokens(JSON.parse(stored) as Installation, id, (value, context) => cipher.open(value, context));
  }
  /**
   * Read first, so a request writes only the first time its workspace is seen. Separate commands,
   * not MULTI: the two keys live in different cluster slots. The org's set is written first, so an
   * org uninstall finds every workspace that has a mapping.
   */
  async function rememberWorkspace(teamId: string, enterpriseId: string): Promise<void> {
    if ((await redis.get(keys.workspaceEnterprise(teamId))) === enterpriseId) return;
    await redis.sadd(keys.enterpriseWorkspaces(enterpriseId), teamId);
    await redis.set(keys.workspaceEnterprise(teamId), enterpriseId);
  }
  return {
    async storeInstallation(installation) {
      const id = installationId({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall,
      });
      const sealed = mapTokens(installation, id, (value, context) => cipher.seal(value, context));
      // Two commands, not MULTI: the index has no team hash tag, so on a cluster it is in another
      // slot. Listed first, so a stored installation is never missing from the index.
      await redis.sadd(keys.installedTeams(), id);
      await redis.set(keys.installation(id), JSON.stringify(sealed));
    },
    async fetchInstallation(query) {
      const { teamId } = query;
      if (!query.isEnterpriseInstall && teamId) {
        const own = await read(teamId);
        if (own) return own;
      }
      // Requests name the org; background work finds it from what an earlier request taught.
      const enterpriseId =
        query.enterpriseId ?? (teamId ? await redis.get(keys.workspaceEnterprise(teamId)) : null);
      const org = enterpriseId ? await read(enterpriseId) : undefined;
      if (enterpriseId && org?.isEnterpriseInstall) {
        if (query.enterpriseId && teamId && teamId !== enterpriseId)
          await rememberWorkspace(teamId, enterpriseId);
        return org;
      }
      throw new Error(`No installation for ${query.isEnterpriseInstall ? 'enterprise' : 'team'}`);
    },
    async deleteInstallation(query) {
      const id = installationId(query);
      if (query.isEnterpriseInstall) {
        const workspaces = await redis.smembers(keys.enterpriseWorkspaces(id));
        for (const workspace of workspaces) await redis.del(keys.workspaceEnterprise(workspace));
        await redis.del(keys.enterpriseWorkspaces(id));
      }
      await redis.del(keys.installation(id));
      await redis.srem(keys.installedTeams(), id);
    },
    async listInstalled() {
      return redis.smembers(keys.installedTeams());
    },
    async workspacesOf(enterpriseId) {
      return redis.smembers(keys.enterpriseWorkspaces(enterpriseId));
    },
  };
}
