import type { Worker } from 'bullmq';
import type { SharedDeps } from '#src/core-deps.ts';
import { profileTranslator } from '#src/i18n/person-language.ts';
import { createWorkspaceGate } from '#src/nudges/index.ts';
import {
  CHANNEL_PROMPTS_QUEUE,
  type ChannelPromptJobData,
  type ChannelPromptScheduler,
  createChannelPromptScheduler,
} from '#src/recognition/channel-prompt-jobs.ts';
import { createChannelPromptProcessor } from '#src/recognition/channel-prompt-processor.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { type CareRadarService, createCareRadarService } from './care-radar.ts';
import { type CareRadarStore, createCareRadarStore } from './care-radar-store.ts';
import { type ChannelLanguageDeps, channelTranslator } from './channel-language.ts';
import { type ChannelPromptStore, createChannelPromptStore } from './channel-prompt-store.ts';
import type { RecognitionLanguages } from './give-recognition.ts';
import type { RecognitionRecord } from './recognition-record.ts';
import {
  createRecognitionStore,
  type RecognitionSealing,
  type RecognitionStore,
} from './recognition-store.ts';

/**
 * Everything peer recognition needs, built once by the composition root (src/app.ts):
 * stores on the fail-fast `interactive` connection for listeners, stores on the `background`
 * connection for the job and for export/forget, the `channel-prompts` queue and its worker.
 */
export interface RecognitionServices {
  /** For listeners (fail fast inside Slack's 3 s). */
  recognitions: RecognitionStore;
  prompts: ChannelPromptStore;
  radarStore: CareRadarStore;
  careRadar: CareRadarService;
  scheduler: ChannelPromptScheduler;
  /** For background work (the nudge DM): the radar on the background connection. */
  backgroundCareRadar: CareRadarService;
  personalData: PersonalDataSource;
  /** The channel's language for its posts, each recipient's for their DM. */
  languages: RecognitionLanguages;
  /** What a channel's default language is read from (the workspace's people). */
  channelLanguages: ChannelLanguageDeps;
  /** The app was uninstalled: stop the workspace's weekly prompts (jobs and schedules). */
  cleanupTeam(teamId: string): Promise<void>;
  /** Starts the `channel-prompts` worker (once; unless ROLE=web). */
  startWorker(): Worker<ChannelPromptJobData, unknown, string>;
  /** The worker, once started. */
  readonly worker: Worker<ChannelPromptJobData, unknown, string> | undefined;
}

/** Private recognition words are sealed at rest with the reflections' cipher. */
export interface RecognitionDeps
  extends Pick<
    SharedDeps,
    | 'jobs'
    | 'teamClients'
    | 'clock'
    | 'logger'
    | 'metrics'
    | 'reflectionCipher'
    | 'encryptionSince'
    | 'userProfiles'
    | 'translations'
  > {
  redis: { interactive: RedisClient; background: RedisClient };
}

export function createRecognitionServices(
  deps: RecognitionDeps,
  options: {
    workerConcurrency?: number;
    lockDuration?: number;
    stalledInterval?: number;
    /** The workspace send rate shared with nudge DMs (NUDGES_PER_MINUTE); unpaced when unset. */
    sendsPerMinute?: number;
  } = {},
): RecognitionServices {
  const sealing = (): RecognitionSealing => ({
    cipher: deps.reflectionCipher,
    plainBefore: () => deps.encryptionSince.plainBefore(),
    logger: deps.logger,
  });
  const background = {
    recognitions: createRecognitionStore(deps.redis.background, sealing()),
    prompts: createChannelPromptStore(deps.redis.background),
    radarStore: createCareRadarStore(deps.redis.background),
  };
  const channelLanguages: ChannelLanguageDeps = {
    userProfiles: deps.userProfiles,
    translations: deps.translations,
  };
  const interactivePrompts = createChannelPromptStore(deps.redis.interactive);
  const languages: RecognitionLanguages = {
    async channel(teamId, channelId) {
      const prompt = await interactivePrompts.get(teamId, channelId);
      return channelTranslator(channelLanguages, teamId, prompt?.language);
    },
    // The giver's listener just asked users.info about them; this refreshes the cache at most daily.
    person: (client, teamId, userId) => profileTranslator(deps, client, teamId, userId, { timeoutMs: 1000 }),
  };
  const queue = deps.jobs.queue<ChannelPromptJobData>(CHANNEL_PROMPTS_QUEUE);
  const scheduler = createChannelPromptScheduler({
    queue,
    store: background.prompts,
    clock: deps.clock,
    logger: deps.logger,
  });
  let worker: Worker<ChannelPromptJobData, unknown, string> | undefined;
  const startWorker = () => {
    worker ??= deps.jobs.worker<ChannelPromptJobData>(
      CHANNEL_PROMPTS_QUEUE,
      createChannelPromptProcessor({
        store: background.prompts,
        recognitions: background.recognitions,
        scheduler,
        teamClients: deps.teamClients,
        clock: deps.clock,
        logger: deps.logger,
        metrics: deps.metrics,
        languages: channelLanguages,
        // The same Redis keys and rate as the nudges' gate: prompts take the workspace's send slots too.
        gate: createWorkspaceGate(deps.redis.background, {
          perMinute: options.sendsPerMinute ?? Number.POSITIVE_INFINITY,
        }),
      }),
      {
        concurrency: options.workerConcurrency ?? 4,
        ...(options.lockDuration ? { lockDuration: options.lockDuration } : {}),
        ...(options.stalledInterval ? { stalledInterval: options.stalledInterval } : {}),
      },
    );
    return worker;
  };

  return {
    recognitions: createRecognitionStore(deps.redis.interactive, sealing()),
    prompts: interactivePrompts,
    radarStore: createCareRadarStore(deps.redis.interactive),
    careRadar: createCareRadarService({
      redis: deps.redis.interactive,
      clock: deps.clock,
      languages: channelLanguages,
    }),
    backgroundCareRadar: createCareRadarService({
      redis: deps.redis.background,
      clock: deps.clock,
      languages: channelLanguages,
    }),
    languages,
    channelLanguages,
    scheduler,
    startWorker,
    get worker() {
      return worker;
    },
    personalData: recognitionPersonalData(background),
    async cleanupTeam(teamId) {
      for (const channelId of await background.prompts.channels(teamId)) {
        const prompt = await background.prompts.get(teamId, channelId);
        if (prompt) await scheduler.disarm(teamId, channelId, prompt);
        await background.prompts.remove(teamId, channelId);
      }
    },
  };
}

function exported(record: RecognitionRecord) {
  return {
    at: new Date(record.at).toISOString(),
    from: record.giverId,
    to: record.recipientIds,
    words: record.words,
    dimension: record.dimension,
    visibility: record.visibility,
    ...(record.channelId ? { channel: record.channelId } : {}),
    ...(record.permalink ? { link: record.permalink } : {}),
  };
}

/**
 * Export: recognitions the person gave and received (private ones included: they are the giver
 * or a recipient), the people they named for their care radar, and the channels whose weekly
 * prompt they set. Forget: deletes what they gave, private recognitions to them, their care-radar
 * list and their place on other managers' lists; public recognitions they received stay for the
 * other recipients without them (see RecognitionStore.erasePerson); channel prompts they set keep
 * running for the channel but no longer name them.
 */
function recognitionPersonalData(stores: {
  recognitions: RecognitionStore;
  prompts: ChannelPromptStore;
  radarStore: CareRadarStore;
}): PersonalDataSource {
  async function promptsSetBy(teamId: string, userId: string) {
    const channels: string[] = [];
    for (const channelId of await stores.prompts.channels(teamId)) {
      const prompt = await stores.prompts.get(teamId, channelId);
      if (prompt?.adminId === userId) channels.push(channelId);
    }
    return channels;
  }
  return {
    name: 'recognition',
    async export(teamId, userId) {
      const { given, received } = await stores.recognitions.forPerson(teamId, userId);
      return {
        given: given.map(exported),
        received: received.map(exported),
        careRadarPeople: await stores.radarStore.getTeam(teamId, userId),
        weeklyPromptChannelsYouSet: await promptsSetBy(teamId, userId),
      };
    },
    async erase(teamId, userId) {
      await stores.recognitions.erasePerson(teamId, userId);
      await stores.radarStore.erasePerson(teamId, userId);
      for (const channelId of await promptsSetBy(teamId, userId)) {
        const prompt = await stores.prompts.get(teamId, channelId);
        if (prompt) await stores.prompts.set(teamId, channelId, { ...prompt, adminId: undefined });
      }
    },
  };
}
