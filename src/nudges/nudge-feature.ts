import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Translator } from '#messages/i18n.ts';
import { nudgeHomeSection } from '#messages/nudge-home-section.ts';
import type { Clock } from '#src/clock.ts';
import type { CoreDeps } from '#src/core-deps.ts';
import type { HomeSection } from '#src/feature.ts';
import { cachedTranslator, languageOf, profileTranslator } from '#src/i18n/person-language.ts';
import {
  type InvitationJobData,
  NUDGE_QUEUE,
  NUDGE_RECONCILE_QUEUE,
  type NudgeJobData,
} from '#src/nudges/nudge-jobs.ts';
import { createNudgeScheduler, type NudgeScheduler } from '#src/nudges/nudge-scheduler.ts';
import { type ReconcileResult, reconcileNudges } from '#src/nudges/reconcile-nudges.ts';
import type { SlackTrail, TrailItem } from '#src/privacy/index.ts';
import { isoWeekKey } from '#src/schedule/iso-week.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { createUserProfileStore } from '#src/store/user-profile-store.ts';
import { createNudgeService, type NudgeService } from './nudge-service.ts';
import { createNudgeStore, type NudgeStore } from './nudge-store.ts';
import { noReflections, type ReflectionStatus } from './reflection-status.ts';
import type { SendNudgeDeps } from './send-nudge.ts';
import { createSentMarkers, type SentMarkers } from './sent-marker.ts';
import { createWorkspaceGate, type WorkspaceGate } from './workspace-gate.ts';

/**
 * The weekly-nudge feature, assembled from its parts for the composition root (src/app.ts) and the
 * benchmark. Stores and queues use the `background` Redis connection; listeners get the service.
 * Workers are made only by `startWorkers()`, so a `ROLE=web` process has none.
 */
export interface NudgeFeature {
  service: NudgeService;
  store: NudgeStore;
  scheduler: NudgeScheduler;
  gate: WorkspaceGate;
  markers: SentMarkers;
  queue: Queue<NudgeJobData, unknown, string>;
  /** The same queue, for admin invitation DMs (job name `invitation`). */
  invitationQueue: Queue<InvitationJobData, unknown, string>;
  personalData: PersonalDataSource;
  /** The "Weekly nudge" section of App Home (schedule, pause and stop controls). */
  homeSection: HomeSection;
  /** Removes every nudge job and record of a workspace (app uninstalled). */
  cleanupTeam(teamId: string): Promise<void>;
  startWorkers(): Promise<void>;
  /** One reconciliation pass now (the worker runs one every 15 minutes). */
  reconcile(): Promise<ReconcileResult>;
}

/** What the nudge processors (send, invite, reconcile) run with. */
export type NudgeProcessorDeps = SendNudgeDeps & {
  clock: Clock;
  logger: Logger;
  /** The invitee's language for an invitation DM (send-invitation.ts). */
  inviteeTranslator?(client: WebClient, teamId: string, userId: string): Promise<Translator>;
};

/** BullMQ workers running the processors; started once, and only in processes that run jobs. */
export interface NudgeWorkers {
  /** Starts processing and makes sure the reconciliation tick exists (idempotent upsert). */
  start(): Promise<void>;
}

export interface NudgeFeatureDeps extends CoreDeps {
  /** Makes the workers (the composition root passes jobs/'s BullMQ wiring). */
  workers: (processors: NudgeProcessorDeps, reconcileQueue: Queue<object, unknown, string>) => NudgeWorkers;
  /** Reflection facts (already reflected, last intention, prompt history); none by default. */
  reflections?: ReflectionStatus;
  /** Extra blocks for the nudge DM (the care radar), in the recipient's language. */
  extraBlocks?: (teamId: string, userId: string, tr: Translator) => Promise<readonly KnownBlock[]>;
  /** Where DMs quoting a person's intention are remembered for `/reflect forget`. */
  slackTrail?: Pick<SlackTrail, 'remember'>;
}

export function createNudgeFeature(deps: NudgeFeatureDeps): NudgeFeature {
  const { config, logger, clock, metrics, redis } = deps;
  const store = createNudgeStore(redis.background);
  const markers = createSentMarkers(redis.background, clock);
  const gate = createWorkspaceGate(redis.background, { perMinute: config.nudgesPerMinute });
  const queue = deps.jobs.queue<NudgeJobData>(NUDGE_QUEUE);
  const scheduler = createNudgeScheduler({ queue, store, markers, gate, clock });
  const service = createNudgeService({ store, scheduler, clock, logger });
  // Same store as the listeners' (users.info tz cache), on the background connection.
  const profiles = createUserProfileStore({ redis: redis.background, clock, logger });
  const processorDeps = {
    store,
    markers,
    gate,
    scheduler,
    teamClients: deps.teamClients,
    reflections: deps.reflections ?? noReflections,
    rememberTimeZone: (teamId: string, userId: string, tz: string, slackLocale?: string) =>
      slackLocale === undefined
        ? profiles.setTimeZone(teamId, userId, tz)
        : profiles.rememberSlackProfile(teamId, userId, { tz, locale: slackLocale }),
    // Someone invited has not used Throughline: Slack is asked, and nothing is cached about them.
    inviteeTranslator: (client: WebClient, teamId: string, userId: string) =>
      profileTranslator({ userProfiles: profiles, translations: deps.translations }, client, teamId, userId, {
        cache: false,
      }),
    async translatorFor(teamId: string, userId: string, slackLocale?: string) {
      const cached = await profiles.cachedProfile(teamId, userId);
      return deps.translations.for(
        languageOf(slackLocale === undefined ? cached : { ...cached, slackLocale }),
      );
    },
    extraBlocks: deps.extraBlocks,
    rememberInSlack: deps.slackTrail
      ? (teamId: string, userId: string, items: TrailItem[]) =>
          deps.slackTrail?.remember(teamId, userId, items) ?? Promise.resolve()
      : undefined,
    followUp: config.nudgeFollowUp,
    clock,
    logger,
    metrics,
  };
  let workers: NudgeWorkers | undefined;

  return {
    service,
    store,
    scheduler,
    gate,
    markers,
    queue,
    invitationQueue: deps.jobs.queue<InvitationJobData>(NUDGE_QUEUE),
    personalData: {
      name: 'nudges',
      export: (teamId, userId) => service.export(teamId, userId),
      erase: (teamId, userId) => service.erase(teamId, userId),
    },
    // The viewer's language: the Home is drawn for them, whose profile was just refreshed.
    async homeSection(teamId, userId, tr?: Translator) {
      const [status, viewerTr] = await Promise.all([
        service.status(teamId, userId),
        tr ?? cachedTranslator({ userProfiles: profiles, translations: deps.translations }, teamId, userId),
      ]);
      const thisWeek = isoWeekKey(clock.now(), status.tz ?? 'UTC');
      return nudgeHomeSection(
        { ...status, upcomingPaused: status.pausedWeeks.filter((week) => week >= thisWeek) },
        viewerTr,
      );
    },
    async cleanupTeam(teamId) {
      for (;;) {
        const people = await store.enrolledPage(teamId, 0, 500);
        if (people.length === 0) break;
        await Promise.all(people.map((userId) => service.erase(teamId, userId)));
      }
      await store.forgetTeam(teamId);
    },
    async startWorkers() {
      workers ??= deps.workers(processorDeps, deps.jobs.queue<object>(NUDGE_RECONCILE_QUEUE));
      await workers.start();
    },
    reconcile: () => reconcileNudges(processorDeps),
  };
}
