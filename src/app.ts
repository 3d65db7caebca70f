import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { createJobRuntime, type JobRuntime } from '#jobs/job-runtime.ts';
import { queueDashboardRoutes } from './admin/queue-dashboard.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { operationalRoutes } from './http-routes.ts';
import { type ActionLimit, type ActionLimiter, createActionLimiter } from './limits/action-limit.ts';
import { registerListeners } from './listeners/index.ts';
import { createLogger, slackLoggerFor } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createNudgeFeature, type NudgeFeature } from './nudges/nudge-feature.ts';
import { reflectionStatusFrom } from './nudges/reflection-status.ts';
import { startOperationalServer } from './operational-server.ts';
import type { PersonalDataSource } from './privacy/personal-data.ts';
import { createRecognitionServices, type RecognitionServices } from './recognition/recognition-services.ts';
import { createRedisConnections, type RedisConnections, waitUntilReady } from './redis-connections.ts';
import { checkRedisForProduction } from './redis-production-check.ts';
import type { HomeSection } from './reflect/home-sections.ts';
import { redisInstallationStore, type TeamInstallationStore } from './slack/installation-store.ts';
import { createReceiver } from './slack/receiver.ts';
import {
  createInstallationClients,
  createSingleWorkspaceClients,
  interactiveClientOptions,
  singleWorkspaceAuthorize,
  type TeamClients,
} from './slack-clients.ts';
import { createFieldCipher, type FieldCipher } from './store/field-encryption.ts';
import { createReflectViewStore, type ReflectViewStore } from './store/reflect-view-store.ts';
import { createReflectionStore, type ReflectionStore } from './store/reflection-store.ts';
import { createUserProfileStore, type UserProfileStore } from './store/user-profile-store.ts';

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
  /** What each feature stores about a person, for export and forget. Features push theirs here. */
  personalData: PersonalDataSource[];
  /** Seals reflection text at rest (AES-256-GCM when REFLECTION_ENCRYPTION_KEY is set). */
  reflectionCipher: FieldCipher;
  /** Reflections, on the fail-fast connection (listeners); jobs may build their own on `background`. */
  reflections: ReflectionStore;
  /** The reflection modals opened per person (a submission for any other view is refused). */
  reflectViews: ReflectViewStore;
  /** Cached Slack profile facts per person: their time zone. */
  userProfiles: UserProfileStore;
  /** Extra App Home sections (schedule controls, care radar), shown below the reflection part. */
  homeSections: HomeSection[];
  /** Weeks a person paused nudges; they do not break the App Home streak. Set by the nudge feature. */
  pausedWeeks?: (teamId: string, userId: string) => Promise<readonly string[]>;
  /** Whether the person already gets weekly nudges (hides "Nudge me weekly"). Set by the nudge feature. */
  isNudgeEnrolled?: (teamId: string, userId: string) => Promise<boolean>;
  /**
   * Peer recognition: stores, the `channel-prompts` queue and worker, the care radar
   * (`recognition.backgroundCareRadar.blocksForNudge(teamId, managerId)` for the nudge DM).
   */
  recognition?: RecognitionServices;
  /** Weekly nudges: the service listeners call, the queue, and the workers (started unless ROLE=web). */
  nudges?: NudgeFeature;
}

/** Something running in the background that must be closed on stop (workers, queues). */
export interface Closable {
  name: string;
  close(): Promise<void>;
}

export interface Throughline {
  app: App;
  deps: AppDeps;
  /** Starts serving; resolves with the HTTP port actually bound (useful with PORT=0 in tests). */
  start(): Promise<{ port: number }>;
  /** Stops taking requests, lets running jobs finish (bounded), closes queues and connections. */
  stop(): Promise<void>;
}

export interface CreateOptions {
  clock?: Clock;
  logger?: Logger;
  /** How long to wait for running jobs on stop before forcing them back to the queue. */
  drainTimeoutMs?: number;
  /** Background Web API clients per workspace (tests give two workspaces their own tokens). */
  teamClients?: TeamClients;
}

/** The one composition root: builds connections, stores, queues and the Bolt app. */
export function createThroughline(config: Config, options: CreateOptions = {}): Throughline {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics();
  const redis = createRedisConnections(config.redisUrl, logger, config.redisTopology);
  const startedAt = clock.now();
  const installations = config.slack.oauth
    ? redisInstallationStore(
        redis.interactive,
        createFieldCipher({ key: config.slack.oauth.tokenEncryptionKey }),
      )
    : undefined;
  const reflectionCipher = createFieldCipher({
    key: config.reflectionEncryptionKey,
    previousKeys: config.reflectionPreviousKeys,
  });
  const deps: AppDeps = {
    config,
    logger,
    clock,
    metrics,
    redis,
    teamClients:
      options.teamClients ??
      (installations
        ? createInstallationClients(installations, config, logger, metrics)
        : createSingleWorkspaceClients(config.slack.botToken ?? '', config, logger, metrics)),
    installations,
    teamCleanup: [],
    limits: {
      limiter: createActionLimiter(redis.interactive, clock),
      recognize: { max: config.recognitionsPerHour, windowSeconds: 3600 },
      invite: { max: config.invitesPerDay, windowSeconds: 24 * 3600 },
    },
    jobs: createJobRuntime({
      producerConnection: redis.background,
      workerConnection: redis.workerOptions,
      logger,
    }),
    personalData: [],
    reflectionCipher,
    reflections: createReflectionStore({ redis: redis.interactive, cipher: reflectionCipher, clock, logger }),
    reflectViews: createReflectViewStore({ redis: redis.interactive, clock }),
    userProfiles: createUserProfileStore({ redis: redis.interactive, clock, logger }),
    homeSections: [],
  };
  deps.personalData.push(
    deps.reflections.personalData,
    deps.reflectViews.personalData,
    deps.userProfiles.personalData,
  );
  deps.recognition = createRecognitionServices(deps, {
    sendsPerMinute: config.nudgesPerMinute,
    lockDuration: config.workerLockDurationMs,
    stalledInterval: config.workerStalledIntervalMs,
  });
  deps.personalData.push(deps.recognition.personalData);
  deps.teamCleanup.push(deps.recognition.cleanupTeam);
  deps.homeSections.push(deps.recognition.careRadar.homeSection);
  // Weekly nudges. Their jobs read reflections on the background connection.
  const careRadar = deps.recognition.backgroundCareRadar;
  const nudges = createNudgeFeature({
    ...deps,
    reflections: reflectionStatusFrom(
      createReflectionStore({ redis: redis.background, cipher: reflectionCipher, clock, logger }),
    ),
    extraBlocks: (teamId, userId) => careRadar.blocksForNudge(teamId, userId),
  });
  deps.nudges = nudges;
  deps.personalData.push(nudges.personalData);
  deps.teamCleanup.push(nudges.cleanupTeam);
  deps.homeSections.unshift(nudges.homeSection);
  deps.pausedWeeks = nudges.service.pausedWeeks;
  deps.isNudgeEnrolled = async (teamId, userId) => (await nudges.service.status(teamId, userId)).enrolled;
  metrics.observeQueues(() => deps.jobs.queues());
  const closables: Closable[] = [{ name: 'jobs', close: () => deps.jobs.close() }];

  const slackLogger = slackLoggerFor(logger, 'bolt');
  const customRoutes = [
    ...operationalRoutes({ redis: redis.interactive, metrics, startedAt }),
    ...(config.adminDashboardPassword
      ? queueDashboardRoutes(() => deps.jobs.queues(), config.adminDashboardPassword)
      : []),
  ];
  const receiver = createReceiver({
    config,
    logger: slackLogger,
    customRoutes,
    installationStore: installations,
    redis: redis.interactive,
  });

  const app = new App({
    receiver,
    // In OAuth mode Bolt authorizes each request from the installation store instead.
    authorize: installations
      ? undefined
      : singleWorkspaceAuthorize(config.slack.botToken ?? '', config, logger, metrics),
    logger: slackLogger,
    clientOptions: interactiveClientOptions(config, logger, metrics),
  });
  app.error(async (error) => {
    logger.error({ err: error.message, code: (error as { code?: string }).code }, 'unhandled listener error');
  });

  registerListeners(app, deps);

  let server: { address(): unknown } | undefined;
  let receiverStarted = false;
  let operationalServer: Server | undefined;
  return {
    app,
    deps,
    async start() {
      if (!(await waitUntilReady(redis.interactive, 5000))) {
        logger.warn('redis is not reachable yet; starting anyway, /healthz reports 503 until it is');
      } else {
        const warnings = await checkRedisForProduction(redis.background).catch(() => []);
        for (const warning of warnings) logger.warn(`IMPORTANT: ${warning}`);
      }
      // ROLE: `web` runs no job workers; `worker` runs only them (no HTTP receiver).
      if (config.role !== 'web') await nudges.startWorkers();
      if (config.role !== 'web') deps.recognition?.startWorker();
      if (config.role === 'worker') {
        // Workers serve only /healthz and /metrics, on PORT like every other process.
        operationalServer = await startOperationalServer(customRoutes, config.port);
        const address = operationalServer.address();
        const port = address && typeof address === 'object' ? address.port : config.port;
        logger.info({ port }, 'throughline worker started (ROLE=worker: job workers, /healthz and /metrics)');
        return { port };
      }
      const started = (await app.start(config.port)) as unknown;
      receiverStarted = true;
      server =
        started && typeof started === 'object' && 'address' in started
          ? (started as { address(): unknown })
          : undefined;
      const address = server?.address();
      const port =
        address && typeof address === 'object' && 'port' in address ? Number(address.port) : config.port;
      logger.info({ port, mode: config.slack.socketMode ? 'socket' : 'http' }, 'throughline started');
      return { port };
    },
    async stop() {
      const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
      if (receiverStarted) {
        await app
          .stop()
          .catch((error: unknown) => logger.warn({ err: String(error) }, 'receiver stop failed'));
      }
      operationalServer?.close();
      await closeAll(closables, drainTimeoutMs, logger);
      await redis.close();
      logger.info('throughline stopped');
    },
  };
}

async function closeAll(closables: Closable[], timeoutMs: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([
    Promise.allSettled(closables.map((closable) => closable.close())).then(() => 'done' as const),
    timeout,
  ]);
  clearTimeout(timer);
  if (result === 'timeout') {
    logger.warn({ timeoutMs }, 'background work did not finish in time; unfinished jobs return to the queue');
  }
}
