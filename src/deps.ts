import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { JobRuntime } from './job-runtime.ts';
import type { ActionLimit, ActionLimiter } from './limits/action-limit.ts';
import type { Metrics } from './metrics.ts';
import type { NudgeFeature } from './nudges/nudge-feature.ts';
import type { SlackTrail } from './privacy/slack-trail.ts';
import type { RecognitionServices } from './recognition/recognition-services.ts';
import type { RedisConnections } from './redis-connections.ts';
import type { HomeSection } from './reflect/home-sections.ts';
import type { ReflectViewStore } from './reflect/reflect-view-store.ts';
import type { ReflectionStore } from './reflect/reflection-store.ts';
import type { EncryptionSince } from './store/encryption-since.ts';
import type { FieldCipher } from './store/field-encryption.ts';
import type { PersonalDataSource } from './store/personal-data.ts';
import type { UserProfileStore } from './store/user-profile-store.ts';
import type { TeamInstallationStore } from './workspaces/installation-store.ts';
import type { TeamClients } from './workspaces/slack-clients.ts';

/** Everything listeners and processors may use, built once here and passed in. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  redis: RedisConnections;
  /** Web API clients for background work, one per workspace, never shared with listeners. */
  teamClients: TeamClients;
  /** Multi-workspace (OAuth) mode only: where installations live. */
  installations?: TeamInstallationStore;
  /** Per-person abuse limits: `/recognize` posts and `/reflect invite` runs. */
  limits: { limiter: ActionLimiter; recognize: ActionLimit; invite: ActionLimit };
  /** Run when a workspace uninstalls the app: each feature removes that team's jobs and data. */
  teamCleanup: ((teamId: string) => Promise<void>)[];
  /** Makes queues and workers with the shared conventions; closed on stop. */
  jobs: JobRuntime;
  /** What each feature stores about a person, for export and forget. */
  personalData: PersonalDataSource[];
  /** Seals reflection text, self-ratings and private recognition words at rest (AES-256-GCM when REFLECTION_ENCRYPTION_KEY is set). */
  reflectionCipher: FieldCipher;
  /** When that encryption was turned on: plain values written later are refused. */
  encryptionSince: EncryptionSince;
  /** Reflections, on the fail-fast connection (listeners); jobs may build their own on `background`. */
  reflections: ReflectionStore;
  /** The reflection modals opened per person (a submission for any other view is refused). */
  reflectViews: ReflectViewStore;
  /** Cached Slack profile facts per person: their time zone. */
  userProfiles: UserProfileStore;
  /** Messages and files in Slack that quote a person's words; `/reflect forget` deletes them. */
  slackTrail: SlackTrail;
  /** Extra App Home sections (schedule controls, care radar), shown below the reflection part. */
  homeSections: HomeSection[];
  /** Weeks a person paused nudges; they do not break the App Home streak. From the nudge feature. */
  pausedWeeks: (teamId: string, userId: string) => Promise<readonly string[]>;
  /** Whether the person already gets weekly nudges (hides "Nudge me weekly"). From the nudge feature. */
  isNudgeEnrolled: (teamId: string, userId: string) => Promise<boolean>;
  /**
   * Peer recognition: stores, the `channel-prompts` queue and worker, the care radar
   * (`recognition.backgroundCareRadar.blocksForNudge(teamId, managerId)` for the nudge DM).
   */
  recognition: RecognitionServices;
  /** Weekly nudges: the service listeners call, the queue, and the workers (started unless ROLE=web). */
  nudges: NudgeFeature;
}
