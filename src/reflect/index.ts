import type { WebClient } from '@slack/web-api';
import type { Translator } from '#messages/i18n.ts';
import type { SharedDeps } from '#src/core-deps.ts';
import type { FeatureListeners } from '#src/feature.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { type HomeOptions, publishHome } from './app-home.ts';
import { registerAppHomeOpened } from './listeners/app-home-opened.ts';
import { reflectHistorySubcommand } from './listeners/reflect-history.ts';
import { reflectLanguageSubcommand } from './listeners/reflect-language.ts';
import { registerReflectNowAction } from './listeners/reflect-now.ts';
import { reflectOpenSubcommand } from './listeners/reflect-open.ts';
import { registerReflectSubmission } from './listeners/reflect-submission.ts';
import { openReflectModal } from './open-reflect-modal.ts';
import type { ReflectDeps, ReflectFeatureDeps } from './reflect-deps.ts';
import { createReflectViewStore, type ReflectViewStore } from './reflect-view-store.ts';
import { createReflectionStore, type ReflectionStore } from './reflection-store.ts';

export { choosePromptForNudge, type PromptHistoryEntry } from './choose-prompts.ts';
export type { ReflectFeatureDeps } from './reflect-deps.ts';
export type { Reflection, ReflectionStore } from './reflection-store.ts';

/** Another feature's way to the person's App Home and reflection modal (nudge buttons, forget). */
export interface ReflectHome {
  /** Draws and publishes the person's Home (after a nudge control or a forget). */
  publishHome(client: WebClient, teamId: string, userId: string, options?: HomeOptions): Promise<void>;
  /** Opens this week's reflection modal (the nudge DM's "Reflect now"). */
  openModal(input: {
    client: WebClient;
    triggerId: string;
    teamId: string;
    userId: string;
    /** The clicker's language; without it, their profile's. */
    tr?: Translator;
  }): Promise<{ viewId: string; weekKey: string }>;
}

/** The weekly reflection: `/reflect`, its modal, history and App Home. */
export interface ReflectFeature extends ReflectHome {
  /** Reflections on the fail-fast connection. */
  reflections: ReflectionStore;
  reflectViews: ReflectViewStore;
  /** Reflections and opened modals, for export and forget. */
  personalData: PersonalDataSource[];
  /** Bare `/reflect`, `/reflect history`, `/reflect language`; "Reflect now", the modal's submit, the Home tab. */
  listeners(): FeatureListeners;
}

/** Reflections on one connection (listeners: `interactive`; nudge jobs: `background`). */
export function reflectionStoreOn(
  deps: Pick<SharedDeps, 'reflectionCipher' | 'encryptionSince' | 'clock' | 'logger'>,
  redis: RedisClient,
): ReflectionStore {
  return createReflectionStore({
    redis,
    cipher: deps.reflectionCipher,
    clock: deps.clock,
    logger: deps.logger,
    plainBefore: () => deps.encryptionSince.plainBefore(),
  });
}

export function createReflect(featureDeps: ReflectFeatureDeps): ReflectFeature {
  const reflections = reflectionStoreOn(featureDeps, featureDeps.redis.interactive);
  const reflectViews = createReflectViewStore({
    redis: featureDeps.redis.interactive,
    clock: featureDeps.clock,
  });
  const deps: ReflectDeps = { ...featureDeps, reflections, reflectViews };
  return {
    reflections,
    reflectViews,
    personalData: [reflections.personalData, reflectViews.personalData],
    publishHome: (client, teamId, userId, options) => publishHome(deps, client, teamId, userId, options),
    openModal: (input) => openReflectModal({ ...input, deps }),
    listeners: () => ({
      subcommands: {
        '': reflectOpenSubcommand(deps),
        history: reflectHistorySubcommand(deps),
        language: reflectLanguageSubcommand(deps),
      },
      register(app) {
        registerReflectNowAction(app, deps);
        registerReflectSubmission(app, deps);
        registerAppHomeOpened(app, deps);
      },
    }),
  };
}
