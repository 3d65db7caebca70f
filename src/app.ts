import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { createJobRuntime } from '#jobs/job-runtime.ts';
import { nudgeWorkersFrom } from '#jobs/nudge-workers.ts';
import { createTranslations } from '#messages/i18n.ts';
import { queueDashboardRoutes } from './admin/queue-dashboard.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { SharedDeps } from './core-deps.ts';
import type { AppDeps } from './deps.ts';
import { operationalRoutes } from './http-routes.ts';
import { personLanguageMiddleware } from './i18n/person-language.ts';
import { createActionLimiter } from './limits/action-limit.ts';
import { createLogger, pinoToBolt, slackLoggerFor } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { createNudges, reflectionStatusFrom } from './nudges/index.ts';
import { startOperationalServer } from './operational-server.ts';
import { createPrivacy } from './privacy/index.ts';
import { createRecognition } from './recognition/index.ts';
import { createRedisConnections, waitUntilReady } from './redis-connections.ts';
import { checkRedisForProduction } from './redis-production-check.ts';
import { createReflect, reflectionStoreOn } from './reflect/index.ts';
import { dedupeEvents } from './slack/dedupe-events.ts';
import { createReceiver } from './slack/receiver.ts';
import { helpSubcommand, registerReflectCommand } from './slack/reflect-command.ts';
import { type Backoff, createSocketModeConnection, uncheckedSlack } from './slack/socket-mode-connection.ts';
import { createEncryptionSince } from './store/encryption-since.ts';
import { createFieldCipher } from './store/field-encryption.ts';
import { createUserProfileStore } from './store/user-profile-store.ts';
import { createWorkspaces, type TeamClients } from './workspaces/index.ts';

/** Something running in the background that must be closed on stop (workers, queues). */
export interface Closable {
  name: string;
  close(): Promise<void>;
}

export interface Throughline {
  app: App;
  deps: AppDeps;
  /**
   * Starts serving; resolves with the HTTP port actually bound (useful with PORT=0 in tests) and,
   * with ADMIN_PORT, the internal port of /admin/queues and /metrics.
   */
  start(): Promise<{ port: number; adminPort?: number }>;
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
  /** Socket Mode: waits between attempts to reach Slack (default 1 s doubling to 60 s). */
  slackBackoff?: Backoff;
  /** Listen on this address only (the sandbox: loopback); default all interfaces. */
  listenHost?: string;
}

/** The one composition root: builds connections, stores, queues and the Bolt app. */
export function createThroughline(config: Config, options: CreateOptions = {}): Throughline {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics();
  const redis = createRedisConnections(config.redisUrl, logger, config.redisTopology);
  const startedAt = clock.now();
  const workspaces = createWorkspaces({ config, logger, metrics, redis, teamClients: options.teamClients });
  const { installations, teamClients } = workspaces;
  const reflectionCipher = createFieldCipher({
    key: config.reflectionEncryptionKey,
    previousKeys: config.reflectionPreviousKeys,
  });
  const jobs = createJobRuntime({
    producerConnection: redis.producer,
    workerConnection: redis.workerOptions,
    logger,
  });
  const shared: SharedDeps = {
    config,
    logger,
    clock,
    metrics,
    redis,
    teamClients,
    jobs,
    translations: createTranslations(),
    limits: {
      limiter: createActionLimiter(redis.interactive, clock),
      recognize: { max: config.recognitionsPerHour, windowSeconds: 3600 },
      invite: { max: config.invitesPerDay, windowSeconds: 24 * 3600 },
    },
    reflectionCipher,
    encryptionSince: createEncryptionSince({ redis: redis.interactive, cipher: reflectionCipher, clock }),
    userProfiles: createUserProfileStore({ redis: redis.interactive, clock, logger }),
  };
  // Each feature is built once, in the order their links need: the nudge DM shows the care
  // radar and quotes last week's intention; the Home shows both features' sections.
  const privacy = createPrivacy(shared);
  const recognition = createRecognition(shared);
  const nudges = createNudges({
    ...shared,
    workers: nudgeWorkersFrom(jobs, config),
    slackTrail: privacy.slackTrail,
    // Nudge jobs read reflections on the background connection, listeners on the fail-fast one.
    reflections: reflectionStatusFrom(reflectionStoreOn(shared, redis.background)),
    extraBlocks: (teamId, userId, tr) => recognition.backgroundCareRadar.blocksForNudge(teamId, userId, tr),
  });
  const homeSections = [nudges.homeSection, recognition.homeSection];
  const reflect = createReflect({
    ...shared,
    homeSections,
    pausedWeeks: nudges.service.pausedWeeks,
    isNudgeEnrolled: async (teamId, userId) => (await nudges.service.status(teamId, userId)).enrolled,
  });
  const personalData = [
    ...reflect.personalData,
    shared.userProfiles.personalData,
    ...privacy.personalData,
    recognition.personalData,
    nudges.personalData,
  ];
  const teamCleanup = [recognition.cleanupTeam, workspaces.cleanupTeam, nudges.cleanupTeam];
  const deps: AppDeps = {
    ...shared,
    workspaces,
    reflect,
    nudges,
    recognition,
    privacy,
    installations,
    teamCleanup,
    personalData,
    homeSections,
  };
  const featureListeners = [
    reflect.listeners(),
    privacy.listeners({ personalData, home: reflect }),
    recognition.listeners(),
    nudges.listeners({ home: reflect }),
    workspaces.listeners({ teamCleanup }),
  ];
  metrics.observeQueues(() => deps.jobs.queues());
  const closables: Closable[] = [{ name: 'jobs', close: () => deps.jobs.close() }];

  const slackLogger = slackLoggerFor(logger, 'bolt');
  // A worker holds no connection to Slack, so its /healthz does not report one.
  const socketMode =
    config.slack.socketMode && config.role !== 'worker'
      ? createSocketModeConnection({ logger, backoff: options.slackBackoff })
      : undefined;
  const [healthRoute, ...metricsRoutes] = operationalRoutes({
    redis: redis.interactive,
    metrics,
    startedAt,
    slack: socketMode ?? uncheckedSlack,
  });
  // The operator's routes: on the public port, or with ADMIN_PORT only on that internal one.
  const adminRoutes = [
    ...metricsRoutes,
    ...(config.adminDashboardPassword
      ? queueDashboardRoutes(() => deps.jobs.queues(), config.adminDashboardPassword)
      : []),
  ];
  const customRoutes = [
    ...(healthRoute ? [healthRoute] : []),
    ...(config.adminPort === undefined ? adminRoutes : []),
  ];
  const receiver = createReceiver({
    config,
    logger: slackLogger,
    customRoutes,
    installationStore: installations,
    redis: redis.interactive,
    socketMode,
  });

  const app = new App({
    receiver,
    // In OAuth mode Bolt authorizes each request from the installation store instead.
    authorize: workspaces.authorize,
    logger: slackLogger,
    // Bolt sets this level on the logger (INFO when left out): follow LOG_LEVEL instead.
    logLevel: pinoToBolt(logger.level),
    clientOptions: workspaces.interactiveClientOptions,
  });
  app.error(async (error) => {
    logger.error({ err: error.message, code: (error as { code?: string }).code }, 'unhandled listener error');
  });

  // One `/reflect` router for every feature's words, then each feature's own listeners.
  app.use(dedupeEvents(redis.interactive, logger));
  app.use(personLanguageMiddleware(shared));
  registerReflectCommand(
    app,
    Object.assign({ help: helpSubcommand }, ...featureListeners.map((listeners) => listeners.subcommands)),
    { logger, metrics },
  );
  for (const listeners of featureListeners) listeners.register(app);

  let server: { address(): unknown } | undefined;
  let receiverStarted = false;
  let operationalServer: Server | undefined;
  let adminServer: Server | undefined;
  const portOf = (listening: Server, fallback: number) => {
    const address = listening.address();
    return address && typeof address === 'object' ? address.port : fallback;
  };
  return {
    app,
    deps,
    async start() {
      let adminPort: number | undefined;
      if (config.adminPort !== undefined) {
        adminServer = await startOperationalServer(adminRoutes, config.adminPort);
        adminPort = portOf(adminServer, config.adminPort);
        logger.info({ adminPort }, '/admin/queues and /metrics are served on ADMIN_PORT only');
      }
      if (!(await waitUntilReady(redis.interactive, 5000))) {
        logger.warn('redis is not reachable yet; starting anyway, /healthz reports 503 until it is');
      } else {
        await shared.encryptionSince
          .record()
          .catch((error: unknown) =>
            logger.warn({ err: String(error) }, 'could not record when encryption began'),
          );
        // In the background: profiles from before they expired get their expiry (a read-only walk
        // once none is left).
        void deps.userProfiles
          .expireOldProfiles()
          .then((changed) => changed > 0 && logger.info({ changed }, 'older profiles now expire'))
          .catch((error: unknown) =>
            logger.warn({ err: String(error) }, 'could not set expiry on older profiles'),
          );
        const warnings = await checkRedisForProduction(redis.background).catch(() => []);
        for (const warning of warnings) logger.warn(`IMPORTANT: ${warning}`);
      }
      // ROLE: `web` runs no job workers; `worker` runs only them (no HTTP receiver).
      if (config.role !== 'web') await nudges.startWorkers();
      if (config.role !== 'web') deps.recognition.startWorker();
      if (config.role === 'worker') {
        // Workers serve only /healthz and /metrics, on PORT like every other process.
        operationalServer = await startOperationalServer(customRoutes, config.port);
        const port = portOf(operationalServer, config.port);
        logger.info({ port }, 'throughline worker started (ROLE=worker: job workers, /healthz and /metrics)');
        return { port, adminPort };
      }
      if (socketMode) {
        logger.info(
          { url: config.slack.apiUrl, port: config.port },
          `connecting to Slack in Socket Mode (${config.slack.apiUrl}); /healthz on port ${config.port}`,
        );
      }
      // Set before awaiting: in Socket Mode the start waits for Slack, and a stop meanwhile must end it.
      receiverStarted = true;
      const started = (await app.start(
        options.listenHost ? { port: config.port, host: options.listenHost } : config.port,
      )) as unknown;
      server =
        started && typeof started === 'object' && 'address' in started
          ? (started as { address(): unknown })
          : undefined;
      const address = server?.address();
      const port =
        address && typeof address === 'object' && 'port' in address ? Number(address.port) : config.port;
      logger.info({ port, mode: config.slack.socketMode ? 'socket' : 'http' }, 'throughline started');
      return { port, adminPort };
    },
    async stop() {
      const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
      socketMode?.stop();
      if (receiverStarted) {
        await app
          .stop()
          .catch((error: unknown) => logger.warn({ err: String(error) }, 'receiver stop failed'));
      }
      operationalServer?.close();
      adminServer?.close();
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
