import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { RedisClient } from '#src/redis-connections.ts';
import type { FieldCipher } from '#src/store/field-encryption.ts';
import { keys } from '#src/store/keys.ts';

/**
 * Installations in Redis, one per workspace (or per Enterprise Grid org for org-wide installs).
 * Every token in the record is sealed with AES-256-GCM before it is written, bound to the
 * installation it belongs to, so the raw token never appears in Redis.
 */
export interface TeamInstallationStore extends InstallationStore {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /** The ids of every installed workspace or org (for operators and clean-up). */
  listInstalled(): Promise<string[]>;
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
      // An org-wide install answers for every workspace of the org.
      const candidates = query.isEnterpriseInstall
        ? [query.enterpriseId]
        : [query.teamId, query.enterpriseId].filter((value): value is string => Boolean(value));
      for (const id of candidates) {
        if (!id) continue;
        const stored = await redis.get(keys.installation(id));
        if (stored) {
          const installation = JSON.parse(stored) as Installation;
          if (id === query.enterpriseId && !installation.isEnterpriseInstall && id !== query.teamId) continue;
          return mapTokens(installation, id, (value, context) => cipher.open(value, context));
        }
      }
      throw new Error(`No installation for ${query.isEnterpriseInstall ? 'enterprise' : 'team'}`);
    },
    async deleteInstallation(query) {
      const id = installationId(query);
      await redis.del(keys.installation(id));
      await redis.srem(keys.installedTeams(), id);
    },
    async listInstalled() {
      return redis.smembers(keys.installedTeams());
    },
  };
}
