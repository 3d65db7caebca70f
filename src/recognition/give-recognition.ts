import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { english, type Translator } from '#messages/i18n.ts';
import { privateRecognitionDm, recognitionDm, recognitionPost } from '#messages/recognition-post.ts';
import {
  channelProblemMessage,
  recognitionLimitMessage,
  recognitionNoteText,
} from '#messages/recognition-replies.ts';
import type { Dimension } from '#messages/reflection-prompts.ts';
import type { Clock } from '#src/clock.ts';
import type { ActionLimit, ActionLimiter } from '#src/limits/action-limit.ts';
import type { Metrics } from '#src/metrics.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { mentionNames } from './mention-names.ts';
import { mentionLabels, mentionsIn, onlyMention } from './parse-recognition.ts';
import type { RecognitionRecord, Visibility } from './recognition-record.ts';
import type { RecognitionStore } from './recognition-store.ts';

export interface GiveRecognitionDeps {
  store: RecognitionStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Per-person abuse limit on recognitions given (absent: unlimited). */
  limits?: { limiter: ActionLimiter; recognize: ActionLimit };
  /** Who reads which language (absent: English everywhere). */
  languages?: RecognitionLanguages;
}

/** The channel post is in the channel's language, each DM in its recipient's. */
export interface RecognitionLanguages {
  channel(teamId: string, channelId: string): Promise<Translator>;
  person(client: WebClient, teamId: string, userId: string): Promise<Translator>;
}

/** The listeners' view of GiveRecognitionDeps: the app's shared parts plus the recognition store. */
export function giveRecognitionDeps(
  shared: Omit<GiveRecognitionDeps, 'store'>,
  store: RecognitionStore,
): GiveRecognitionDeps {
  return {
    store,
    clock: shared.clock,
    logger: shared.logger,
    metrics: shared.metrics,
    limits: shared.limits,
    languages: shared.languages,
  };
}

export interface RecognitionRequest {
  teamId: string;
  giverId: string;
  recipientIds: string[];
  /** Safe Slack mrkdwn. */
  words: string;
  dimension: Dimension;
  visibility: Visibility;
  /** Required for `channel` visibility. */
  channelId?: string;
  /** The giver's language, for what they are told when it cannot go out. */
  tr?: Translator;
}

export type GiveOutcome =
  | { ok: true; record: RecognitionRecord; undelivered: string[] }
  | { ok: false; reason: string; message: string };

/**
 * Delivers a recognition. In a channel: one post (mentions, the giver, the words, the
 * dimension), then one DM per recipient with a link to it. Private: only the DMs; it never
 * reaches a channel. The record is stored once Slack accepted the post (or any DM).
 */
export async function giveRecognition(
  deps: GiveRecognitionDeps,
  client: WebClient,
  request: RecognitionRequest,
): Promise<GiveOutcome> {
  if (deps.limits) {
    const decision = await deps.limits.limiter.consume(
      request.teamId,
      request.giverId,
      'recognize',
      deps.limits.recognize,
    );
    if (!decision.allowed) {
      return {
        ok: false,
        reason: 'limited',
        message: recognitionLimitMessage(
          deps.limits.recognize.max,
          decision.retryAfterSeconds,
          request.tr ?? english(),
        ),
      };
    }
  }
  try {
    const outcome = await deliver(deps, client, request);
    if (!outcome.ok) await giveBackSlot(deps, request);
    return outcome;
  } catch (error) {
    await giveBackSlot(deps, request);
    throw error;
  }
}

/**
 * Nothing was delivered (or Slack's answer did not say it was): the attempt does not count
 * against the giver's limit, so a refused post never costs them a recognition.
 */
async function giveBackSlot(deps: GiveRecognitionDeps, request: RecognitionRequest): Promise<void> {
  if (!deps.limits) return;
  await deps.limits.limiter
    .release(request.teamId, request.giverId, 'recognize', deps.limits.recognize)
    .catch((error: unknown) =>
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'limit not released'),
    );
}

/**
 * Only the giver and the recipients stay mentions; anyone else named in the words is shown by
 * name (Slack's label, else users.info) without a ping. Every path (command, form) goes through it.
 */
async function defuseMentions(client: WebClient, request: RecognitionRequest): Promise<string> {
  const keep = [request.giverId, ...request.recipientIds];
  const labels = mentionLabels(request.words);
  const unnamed = mentionsIn(request.words).filter((id) => !keep.includes(id) && !labels.has(id));
  const names = unnamed.length > 0 ? await mentionNames(client, unnamed) : new Map<string, string>();
  return onlyMention(request.words, keep, names);
}

async function deliver(
  deps: GiveRecognitionDeps,
  client: WebClient,
  request: RecognitionRequest,
): Promise<GiveOutcome> {
  const tr = request.tr ?? english();
  const words = await defuseMentions(client, request);
  const recipientTr = (recipientId: string): Promise<Translator> =>
    deps.languages
      ? deps.languages.person(client, request.teamId, recipientId).catch(() => english())
      : Promise.resolve(english());
  const content = {
    giverId: request.giverId,
    recipientIds: request.recipientIds,
    words,
    dimension: request.dimension,
  };
  const record: RecognitionRecord = {
    id: randomUUID().replaceAll('-', ''),
    giverId: request.giverId,
    recipientIds: request.recipientIds,
    words,
    dimension: request.dimension,
    visibility: request.visibility,
    at: deps.clock.now().getTime(),
  };
  let dms: { recipientId: string; text: string; blocks: ReturnType<typeof recognitionPost>['blocks'] }[];
  if (request.visibility === 'channel') {
    const channelId = request.channelId;
    if (!channelId) return { ok: false, reason: 'no_channel', message: recognitionNoteText('noChannel', tr) };
    const channelTr = deps.languages
      ? await deps.languages.channel(request.teamId, channelId).catch(() => english())
      : english();
    let ts: string | undefined;
    try {
      const posted = await client.chat.postMessage({
        channel: channelId,
        ...recognitionPost(content, channelTr),
        unfurl_links: false,
        unfurl_media: false,
      });
      ts = posted.ts;
    } catch (error) {
      const code = slackErrorCode(error);
      const message = channelProblemMessage(code, channelId, tr);
      if (message) return { ok: false, reason: code, message };
      throw error;
    }
    let permalink: string | undefined;
    if (ts) {
      permalink = await client.chat
        .getPermalink({ channel: channelId, message_ts: ts })
        .then((answer) => answer.permalink)
        .catch((error: unknown) => {
          deps.logger.warn({ err: slackErrorCode(error) }, 'recognition permalink unavailable');
          return undefined;
        });
    }
    Object.assign(record, { channelId, messageTs: ts, permalink });
    dms = await Promise.all(
      request.recipientIds.map(async (recipientId) => ({
        recipientId,
        ...recognitionDm({ ...content, channelId, permalink }, await recipientTr(recipientId)),
      })),
    );
  } else {
    dms = await Promise.all(
      request.recipientIds.map(async (recipientId) => ({
        recipientId,
        ...privateRecognitionDm({ ...content, recipientId }, await recipientTr(recipientId)),
      })),
    );
  }

  const results = await Promise.allSettled(
    dms.map((dm) =>
      client.chat.postMessage({
        channel: dm.recipientId,
        text: dm.text,
        blocks: dm.blocks,
        unfurl_links: false,
      }),
    ),
  );
  const undelivered = request.recipientIds.filter((_, index) => results[index]?.status === 'rejected');
  for (const [index, result] of results.entries()) {
    if (result.status === 'rejected') {
      deps.logger.warn({ err: slackErrorCode(result.reason), index }, 'recognition DM not delivered');
    }
  }
  if (request.visibility === 'private' && undelivered.length === request.recipientIds.length) {
    return {
      ok: false,
      reason: 'undelivered',
      message: recognitionNoteText('undeliveredAll', tr),
    };
  }

  try {
    await deps.store.save(request.teamId, record);
  } catch (error) {
    // Already delivered in Slack; only the radar and digest miss it. Say so in the logs.
    deps.logger.error(
      { err: error instanceof Error ? error.message : String(error) },
      'recognition not stored',
    );
  }
  deps.metrics.recognitions.inc({ visibility: request.visibility, dimension: request.dimension });
  return { ok: true, record, undelivered };
}
