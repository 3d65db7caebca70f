import type { Logger } from 'pino';
import type { Translations } from '#messages/i18n.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { JobRuntime } from './job-runtime.ts';
import type { ActionLimit, ActionLimiter } from './limits/action-limit.ts';
import type { Metrics } from './metrics.ts';
import type { RedisConnections } from './redis-connections.ts';
import type { EncryptionSince } from './store/encryption-since.ts';
import type { FieldCipher } from './store/field-encryption.ts';
import type { UserProfileStore } from './store/user-profile-store.ts';
import type { TeamClients } from './workspaces/slack-clients.ts';

/**
 * What every feature may be built with, declared once: each feature's deps type and `AppDeps`
 * extend it (src/deps.ts). The composition root (src/app.ts) builds one of each.
 */
export interface CoreDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  redis: RedisConnections;
  /** Web API clients for background work, one per workspace, never shared with listeners. */
  teamClients: TeamClients;
  /** Makes queues and workers with the shared conventions; closed on stop. */
  jobs: JobRuntime;
  /** Every catalogue, loaded once: `translations.for(language)` gives a person's Translator. */
  translations: Translations;
}

/** Per-person abuse limits: `/recognize` posts and `/reflect invite` runs. */
export interface Limits {
  limiter: ActionLimiter;
  recognize: ActionLimit;
  invite: ActionLimit;
}

/** The core plus the shared stores more than one feature reads. */
export interface SharedDeps extends CoreDeps {
  limits: Limits;
  /** Seals reflection text, self-ratings and private recognition words at rest (AES-256-GCM when REFLECTION_ENCRYPTION_KEY is set). */
  reflectionCipher: FieldCipher;
  /** When that encryption was turned on: plain values written later are refused. */
  encryptionSince: EncryptionSince;
  /** Cached Slack profile facts per person: time zone, locale, language choice. */
  userProfiles: UserProfileStore;
}
