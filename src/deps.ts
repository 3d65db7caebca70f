import type { SharedDeps } from './core-deps.ts';
import type { HomeSection } from './feature.ts';
import type { Nudges } from './nudges/index.ts';
import type { PrivacyFeature } from './privacy/index.ts';
import type { Recognition } from './recognition/index.ts';
import type { ReflectFeature } from './reflect/index.ts';
import type { PersonalDataSource } from './store/personal-data.ts';
import type { TeamInstallationStore, WorkspacesFeature } from './workspaces/index.ts';

/**
 * What the composition root built, once (src/app.ts): the shared parts (CoreDeps, SharedDeps in
 * src/core-deps.ts) and each feature's interface. Features never import this; each is built with
 * its own deps type.
 */
export interface AppDeps extends SharedDeps {
  workspaces: WorkspacesFeature;
  reflect: ReflectFeature;
  /** Weekly nudges: the service listeners call, the queue, and the workers (started unless ROLE=web). */
  nudges: Nudges;
  /**
   * Peer recognition: stores, the `channel-prompts` queue and worker, the care radar
   * (`recognition.backgroundCareRadar.blocksForNudge(teamId, managerId)` for the nudge DM).
   */
  recognition: Recognition;
  privacy: PrivacyFeature;
  /** Multi-workspace (OAuth) mode only: where installations live (`workspaces.installations`). */
  installations?: TeamInstallationStore;
  /** Run when a workspace uninstalls the app: each feature removes that team's jobs and data. */
  teamCleanup: ((teamId: string) => Promise<void>)[];
  /** What each feature stores about a person, for export and forget. */
  personalData: PersonalDataSource[];
  /** Extra App Home sections (schedule controls, care radar), shown below the reflection part. */
  homeSections: HomeSection[];
}
