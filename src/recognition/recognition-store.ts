import type { Logger } from 'pino';
import type { RedisClient } from '#src/redis-connections.ts';
import { plainAfterKey } from '#src/store/encryption-since.ts';
import type { FieldCipher } from '#src/store/field-encryption.ts';
import { keys } from '#src/store/keys.ts';
import { type RecognitionRecord, recognitionRecordSchema } from './recognition-record.ts';

/**
 * Recognitions in Redis, every key carrying the team id (src/store/keys.ts):
 * - the record itself (JSON string), shared by giver and recipients;
 * - per person: ids given and ids received, scored by time, so the care radar reads one
 *   person's latest recognition with one ZREVRANGE (O(log n)) and export/forget find everything;
 * - per channel: ids of public recognitions, scored by time, for the weekly digest.
 * Private recognitions are never in a channel index, so no digest or post can reach them, and
 * their words are sealed at rest like reflections (`sealedWords`; AES-256-GCM with a key). With a
 * key, plain private words are read only if given before the key was turned on.
 */
export interface RecognitionStore {
  save(teamId: string, record: RecognitionRecord): Promise<void>;
  /** Epoch ms of each person's latest recognition (public or private), or undefined if never. */
  lastReceivedAt(teamId: string, userIds: readonly string[]): Promise<Map<string, number | undefined>>;
  /**
   * Which of `userIds` received, since `sinceMs`, a recognition `viewerId` could see: a public one
   * (posted in a channel), or a private one the viewer gave or also received. Private recognitions
   * between other people never count, so the care radar cannot reveal them.
   */
  recognisedSince(
    teamId: string,
    userIds: readonly string[],
    sinceMs: number,
    viewerId: string,
  ): Promise<Set<string>>;
  /** Public recognitions posted in a channel with `fromMs <= at < toMs`, oldest first. */
  publicInChannel(
    teamId: string,
    channelId: string,
    fromMs: number,
    toMs: number,
  ): Promise<RecognitionRecord[]>;
  /** What one person may see of recognitions: what they gave and what they received. */
  forPerson(
    teamId: string,
    userId: string,
  ): Promise<{ given: RecognitionRecord[]; received: RecognitionRecord[] }>;
  /**
   * Forget one person: everything they gave and every private recognition they received is
   * deleted; public recognitions they received stay for the other recipients without them
   * (deleted when nobody is left). The messages already posted in Slack are not touched.
   */
  erasePerson(teamId: string, userId: string): Promise<void>;
}

/** How private words are sealed; without it (stores that never read words) they are left unread. */
export interface RecognitionSealing {
  cipher: FieldCipher;
  plainBefore(): Promise<number | undefined>;
  logger: Logger;
}

const wordsContext = (teamId: string, id: string) => `${teamId}|recognition|${id}|words`;

export function createRecognitionStore(redis: RedisClient, sealing?: RecognitionSealing): RecognitionStore {
  /** The stored JSON: private words sealed, public ones as posted. */
  function serialize(teamId: string, record: RecognitionRecord): string {
    if (record.visibility !== 'private') return JSON.stringify(record);
    if (!sealing) throw new Error('private recognitions need the field cipher to be saved');
    const { words, ...rest } = record;
    return JSON.stringify({
      ...rest,
      words: '',
      sealedWords: sealing.cipher.seal(words, wordsContext(teamId, record.id)),
    });
  }

  /** The words of a stored private recognition, or '' when they cannot (or must not) be read. */
  function privateWords(
    teamId: string,
    stored: { id: string; at: number; words: string; sealedWords?: unknown },
    plainCutoff: number | undefined,
  ): string {
    if (!sealing) return '';
    const value = typeof stored.sealedWords === 'string' ? stored.sealedWords : `p:${stored.words}`;
    const code = plainAfterKey(sealing.cipher, value, stored.at, plainCutoff) ? 'plain_after_key' : undefined;
    try {
      if (code === undefined) return sealing.cipher.open(value, wordsContext(teamId, stored.id));
    } catch {
      // logged below
    }
    sealing.logger.warn(
      { teamId, code: code ?? 'unreadable' },
      'could not read the words of a private recognition',
    );
    return '';
  }

  async function load(teamId: string, ids: readonly string[]): Promise<RecognitionRecord[]> {
    if (ids.length === 0) return [];
    const [raw, cutoff] = await Promise.all([
      redis.mget(ids.map((id) => keys.recognition(teamId, id))),
      sealing ? sealing.plainBefore() : undefined,
    ]);
    const records: RecognitionRecord[] = [];
    for (const value of raw) {
      if (value === null) continue;
      const json = safeJson(value);
      const parsed = recognitionRecordSchema.safeParse(json);
      if (!parsed.success) continue;
      const record = parsed.data;
      if (record.visibility === 'private') {
        const { sealedWords } = json as { sealedWords?: unknown };
        record.words = privateWords(teamId, { ...record, sealedWords }, cutoff);
      }
      records.push(record);
    }
    return records;
  }

  async function remove(teamId: string, record: RecognitionRecord): Promise<void> {
    const multi = redis.multi().del(keys.recognition(teamId, record.id));
    multi.zrem(keys.recognitionsGiven(teamId, record.giverId), record.id);
    for (const recipient of record.recipientIds) {
      multi.zrem(keys.recognitionsReceived(teamId, recipient), record.id);
    }
    if (record.channelId) multi.zrem(keys.channelRecognitions(teamId, record.channelId), record.id);
    await multi.exec();
  }

  async function forPerson(teamId: string, userId: string) {
    const [givenIds, receivedIds] = await Promise.all([
      redis.zrange(keys.recognitionsGiven(teamId, userId), '0', '-1'),
      redis.zrange(keys.recognitionsReceived(teamId, userId), '0', '-1'),
    ]);
    const [given, received] = await Promise.all([load(teamId, givenIds), load(teamId, receivedIds)]);
    return {
      given: given.filter((r) => r.giverId === userId),
      received: received.filter((r) => r.recipientIds.includes(userId)),
    };
  }

  return {
    async save(teamId, record) {
      const valid = recognitionRecordSchema.parse(record);
      const multi = redis.multi().set(keys.recognition(teamId, valid.id), serialize(teamId, valid));
      multi.zadd(keys.recognitionsGiven(teamId, valid.giverId), String(valid.at), valid.id);
      for (const recipient of valid.recipientIds) {
        multi.zadd(keys.recognitionsReceived(teamId, recipient), String(valid.at), valid.id);
      }
      if (valid.visibility === 'channel' && valid.channelId) {
        multi.zadd(keys.channelRecognitions(teamId, valid.channelId), String(valid.at), valid.id);
      }
      await multi.exec();
    },

    async lastReceivedAt(teamId, userIds) {
      const result = new Map<string, number | undefined>();
      if (userIds.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const userId of userIds) {
        pipeline.zrevrange(keys.recognitionsReceived(teamId, userId), 0, 0, 'WITHSCORES');
      }
      const answers = (await pipeline.exec()) ?? [];
      userIds.forEach((userId, index) => {
        const [error, value] = answers[index] ?? [null, []];
        if (error) throw error;
        const score = Array.isArray(value) ? value[1] : undefined;
        result.set(userId, score === undefined ? undefined : Number(score));
      });
      return result;
    },

    async recognisedSince(teamId, userIds, sinceMs, viewerId) {
      const seen = new Set<string>();
      if (userIds.length === 0) return seen;
      const pipeline = redis.pipeline();
      for (const userId of userIds) {
        pipeline.zrangebyscore(keys.recognitionsReceived(teamId, userId), sinceMs, '+inf');
      }
      const answers = (await pipeline.exec()) ?? [];
      const ids = new Set<string>();
      for (const [error, value] of answers) {
        if (error) throw error;
        if (Array.isArray(value)) for (const id of value) ids.add(String(id));
      }
      const records = await load(teamId, [...ids]);
      for (const record of records) {
        if (record.at < sinceMs) continue;
        const visible =
          record.visibility === 'channel' ||
          record.giverId === viewerId ||
          record.recipientIds.includes(viewerId);
        if (!visible) continue;
        for (const person of record.recipientIds) if (userIds.includes(person)) seen.add(person);
      }
      return seen;
    },

    async publicInChannel(teamId, channelId, fromMs, toMs) {
      const ids = await redis.zrangebyscore(keys.channelRecognitions(teamId, channelId), fromMs, `(${toMs}`);
      const records = await load(teamId, ids);
      // Defence in depth: only public recognitions of this channel, whatever an index says.
      return records.filter((r) => r.visibility === 'channel' && r.channelId === channelId);
    },

    forPerson,

    async erasePerson(teamId, userId) {
      const { given, received } = await forPerson(teamId, userId);
      for (const record of given) await remove(teamId, record);
      for (const record of received) {
        if (record.giverId === userId) continue; // already removed above
        const others = record.recipientIds.filter((id) => id !== userId);
        if (record.visibility === 'private' || others.length === 0) {
          await remove(teamId, record);
        } else {
          await redis
            .multi()
            .set(keys.recognition(teamId, record.id), JSON.stringify({ ...record, recipientIds: others }))
            .zrem(keys.recognitionsReceived(teamId, userId), record.id)
            .exec();
        }
      }
      await redis.del(keys.recognitionsGiven(teamId, userId), keys.recognitionsReceived(teamId, userId));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
