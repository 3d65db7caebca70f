import type { Logger } from 'pino';
import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '#messages/reflection-prompts.ts';
import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import type { PromptHistoryEntry } from '#src/reflect/choose-prompts.ts';
import { isWeekKey, shiftWeekKey, weekKeySchema, weeksBetween } from '#src/schedule/iso-week.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { plainAfterKey } from '../store/encryption-since.ts';
import { type FieldCipher, FieldDecryptError } from '../store/field-encryption.ts';
import { keys } from '../store/keys.ts';
import { redisScript } from '../store/redis-script.ts';

/**
 * Reflections: one record per person per ISO week (in the person's own time zone), under the
 * person's key root, plus a sorted index of the weeks they reflected.
 *
 * Free text (answers and the intention) and the self-ratings are sealed with the field cipher
 * (AES-256-GCM when a key is configured); prompt ids, dimensions and times are not, so streaks,
 * balance and prompt rotation never need to decrypt anything. With a key, a plain value is read only
 * if its record was saved before the key was turned on (encryption-since.ts). Nothing here logs
 * text: only ids, weeks and error codes.
 */

export const RATING_VALUES = [0, 1, 2, 3] as const;
export type Rating = (typeof RATING_VALUES)[number];
export type Ratings = Partial<Record<Dimension, Rating>>;

/** Prompts people were shown are remembered this long (prompt rotation looks back 12 weeks). */
export const PROMPTS_SHOWN_KEEP_WEEKS = 26;

// KEYS[1] prompts-shown hash, KEYS[2] reflection weeks. ARGV: week, its prompts (JSON), the oldest
// week kept, 'once' or 'always'. Once (a nudge's prompt): a week already holding prompts keeps them,
// a JSON list with any id in it (an id is quoted) or a saved reflection. Always (the modal shows its
// prompts): recorded whatever was there. Week keys (YYYY-Www) sort as text in time order, so fields
// that are not week keys or are older than the window are dropped by comparing text.
const RECORD_SHOWN = `
if ARGV[4] == 'once' then
  if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
  local shown = redis.call('HGET', KEYS[1], ARGV[1])
  if shown and string.find(shown, '"', 1, true) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
for _, week in ipairs(redis.call('HKEYS', KEYS[1])) do
  if not string.match(week, '^%d%d%d%d%-W%d%d$') or week < ARGV[3] then redis.call('HDEL', KEYS[1], week) end
end
return 1
`;
const recordShownScript = redisScript(RECORD_SHOWN);

/** Week numbers for the sorted index: consecutive ISO weeks differ by 1. */
const EPOCH_WEEK = '1970-W01';
export function weekScore(weekKey: string): number {
  return weeksBetween(EPOCH_WEEK, weekKey);
}

export interface ReflectionPromptAnswer {
  id: string;
  dimension: Dimension;
  /** The prompt as the person saw it (kept, so history survives a prompt being retired). */
  text: string;
  /** Undefined when the person left this prompt empty (or it cannot be decrypted). */
  answer?: string;
}

export interface SaveReflectionInput {
  weekKey: string;
  timeZone: string;
  prompts: ReflectionPromptAnswer[];
  intention?: string;
  ratings: Ratings;
}

export interface Reflection extends SaveReflectionInput {
  createdAt: string;
  updatedAt: string;
  /** How many times the week's entry was saved again after the first save. */
  editCount: number;
  /** Fields that could not be decrypted with the configured keys ('intention', 'answer:<id>', 'ratings'). */
  unreadable: string[];
  /** The key id the text was sealed with, or 'plain'. */
  sealedWith: string;
}

const dimensionSchema = z.enum(DIMENSIONS);
const ratingsSchema = z.partialRecord(dimensionSchema, z.literal(RATING_VALUES));
const storedSchema = z.object({
  v: z.literal(1),
  weekKey: weekKeySchema,
  timeZone: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  editCount: z.number().int().min(0),
  prompts: z.array(
    z.object({ id: z.string(), dimension: dimensionSchema, text: z.string(), answer: z.string().optional() }),
  ),
  intention: z.string().optional(),
  /** The ratings as sealed JSON (every record saved since ratings were sealed). */
  sealedRatings: z.string().optional(),
  /** Plain ratings of records saved before they were sealed. */
  ratings: ratingsSchema.optional(),
});
type StoredReflection = z.infer<typeof storedSchema>;

export interface ReflectionStore {
  /** Creates or replaces the person's entry for `input.weekKey` (an edit keeps `createdAt`). */
  save(
    teamId: string,
    userId: string,
    input: SaveReflectionInput,
  ): Promise<{ reflection: Reflection; created: boolean }>;
  get(teamId: string, userId: string, weekKey: string): Promise<Reflection | undefined>;
  hasReflected(teamId: string, userId: string, weekKey: string): Promise<boolean>;
  /** The person's most recent reflections, newest first. */
  listRecent(teamId: string, userId: string, limit: number): Promise<Reflection[]>;
  /** Every week the person reflected, newest first (no decryption). */
  reflectedWeeks(teamId: string, userId: string): Promise<string[]>;
  /** The intention of the person's latest reflection before `beforeWeekKey`, if it had one. */
  lastIntention(
    teamId: string,
    userId: string,
    beforeWeekKey: string,
  ): Promise<{ weekKey: string; text: string } | undefined>;
  /**
   * Input for `choosePrompts` and `dimensionBalance`: the `weeks` weeks ending with `uptoWeekKey`
   * (included). Saved weeks list their prompts and the dimensions answered; weeks the person was
   * shown prompts but saved nothing list those prompts with no dimensions. No decryption.
   */
  promptHistory(
    teamId: string,
    userId: string,
    uptoWeekKey: string,
    weeks?: number,
  ): Promise<PromptHistoryEntry[]>;
  /**
   * What opening the week's modal reads, in one round trip (two when saved reflections must be
   * read): the week's own reflection (as `get`), the intention of the latest one before it (as
   * `lastIntention`) and the prompt history up to the week (as `promptHistory`, default window).
   */
  forModal(teamId: string, userId: string, weekKey: string): Promise<ModalReads>;
  /**
   * Remembers the prompts shown to the person for a week (the modal opened), in one round trip;
   * weeks past the list's window are dropped.
   */
  recordPromptsShown(
    teamId: string,
    userId: string,
    weekKey: string,
    promptIds: readonly string[],
  ): Promise<void>;
  /**
   * A nudge's prompt, recorded as shown for its week unless the week already has prompts (shown
   * earlier, or a saved reflection holding its own), in one round trip; weeks past the list's
   * window are dropped. True when it was recorded.
   */
  recordPromptShownOnce(teamId: string, userId: string, weekKey: string, promptId: string): Promise<boolean>;
  /** The reflections section of `/reflect export` and `/reflect forget`. */
  personalData: PersonalDataSource;
}

/** ReflectionStore.forModal's answer. */
export interface ModalReads {
  existing: Reflection | undefined;
  lastIntention: { weekKey: string; text: string } | undefined;
  history: PromptHistoryEntry[];
}

export function createReflectionStore(deps: {
  redis: RedisClient;
  cipher: FieldCipher;
  clock: Clock;
  logger: Logger;
  /** With a key: plain values saved from this moment on are refused (encryption-since.ts). */
  plainBefore?: () => Promise<number | undefined>;
}): ReflectionStore {
  const { redis, cipher, clock, logger } = deps;
  const plainBefore = deps.plainBefore ?? (async () => undefined);
  const recordShown = (
    teamId: string,
    userId: string,
    weekKey: string,
    promptIds: readonly string[],
    mode: 'once' | 'always',
  ) =>
    recordShownScript(
      redis,
      [keys.promptsShown(teamId, userId), keys.reflectionWeeks(teamId, userId)],
      [weekKey, JSON.stringify(promptIds), shiftWeekKey(weekKey, -PROMPTS_SHOWN_KEEP_WEEKS), mode],
    );

  const context = (teamId: string, userId: string, weekKey: string, field: string) =>
    `${teamId}|${userId}|${weekKey}|${field}`;

  function parseStored(raw: string | null, teamId: string): StoredReflection | undefined {
    if (raw === null) return undefined;
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through
    }
    logger.warn({ teamId }, 'ignoring a malformed reflection record');
    return undefined;
  }

  function open(
    teamId: string,
    userId: string,
    stored: StoredReflection,
    plainCutoff: number | undefined,
  ): Reflection {
    const unreadable: string[] = [];
    const savedAt = Date.parse(stored.updatedAt);
    const refused = (field: string) => {
      unreadable.push(field);
      logger.warn(
        { teamId, weekKey: stored.weekKey, field, code: 'plain_after_key' },
        'refused a plain reflection field saved after encryption was turned on',
      );
    };
    const openField = (sealed: string | undefined, field: string): string | undefined => {
      if (sealed === undefined) return undefined;
      if (plainAfterKey(cipher, sealed, savedAt, plainCutoff)) {
        refused(field);
        return undefined;
      }
      try {
        return cipher.open(sealed, context(teamId, userId, stored.weekKey, field));
      } catch (error) {
        unreadable.push(field);
        logger.warn(
          {
            teamId,
            weekKey: stored.weekKey,
            field,
            code: error instanceof FieldDecryptError ? error.code : 'error',
          },
          'could not decrypt a reflection field',
        );
        return undefined;
      }
    };
    const prompts = stored.prompts.map((prompt) => {
      const answer = openField(prompt.answer, `answer:${prompt.id}`);
      return {
        id: prompt.id,
        dimension: prompt.dimension,
        text: prompt.text,
        ...(answer !== undefined ? { answer } : {}),
      };
    });
    const intention = openField(stored.intention, 'intention');
    let ratings: Ratings = {};
    if (stored.sealedRatings !== undefined) {
      const opened = openField(stored.sealedRatings, 'ratings');
      const parsed = opened === undefined ? undefined : ratingsSchema.safeParse(safeJson(opened));
      if (parsed?.success) ratings = parsed.data;
    } else if (stored.ratings !== undefined) {
      // Saved before ratings were sealed: plain, so read only if that predates the key.
      if (plainCutoff !== undefined && !(savedAt < plainCutoff)) refused('ratings');
      else ratings = stored.ratings;
    }
    const firstSealed = stored.intention ?? stored.prompts.find((p) => p.answer !== undefined)?.answer;
    return {
      weekKey: stored.weekKey,
      timeZone: stored.timeZone,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      editCount: stored.editCount,
      prompts,
      ...(intention !== undefined ? { intention } : {}),
      ratings,
      unreadable,
      sealedWith: firstSealed === undefined ? 'plain' : cipher.sealedWith(firstSealed),
    };
  }

  async function loadStored(
    teamId: string,
    userId: string,
    weekKeys: readonly string[],
  ): Promise<StoredReflection[]> {
    if (weekKeys.length === 0) return [];
    const raws = await redis.mget(weekKeys.map((week) => keys.reflection(teamId, userId, week)));
    return raws.map((raw) => parseStored(raw, teamId)).filter((r): r is StoredReflection => r !== undefined);
  }

  async function reflectedWeeks(teamId: string, userId: string): Promise<string[]> {
    const weeks = await redis.zrevrange(keys.reflectionWeeks(teamId, userId), 0, -1);
    return weeks.filter(isWeekKey);
  }

  async function listRecent(teamId: string, userId: string, limit: number): Promise<Reflection[]> {
    if (limit <= 0) return [];
    const weeks = await redis.zrevrange(keys.reflectionWeeks(teamId, userId), 0, limit - 1);
    const [stored, cutoff] = await Promise.all([
      loadStored(teamId, userId, weeks.filter(isWeekKey)),
      plainBefore(),
    ]);
    return stored.map((record) => open(teamId, userId, record, cutoff));
  }

  async function get(teamId: string, userId: string, weekKey: string): Promise<Reflection | undefined> {
    const [raw, cutoff] = await Promise.all([
      redis.get(keys.reflection(teamId, userId, weekKey)),
      plainBefore(),
    ]);
    const stored = parseStored(raw, teamId);
    return stored ? open(teamId, userId, stored, cutoff) : undefined;
  }

  return {
    async save(teamId, userId, input) {
      if (!isWeekKey(input.weekKey)) throw new RangeError(`not a week key: ${JSON.stringify(input.weekKey)}`);
      const key = keys.reflection(teamId, userId, input.weekKey);
      const previous = parseStored(await redis.get(key), teamId);
      const now = clock.now().toISOString();
      const stored: StoredReflection = {
        v: 1,
        weekKey: input.weekKey,
        timeZone: input.timeZone,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
        editCount: previous ? previous.editCount + 1 : 0,
        prompts: input.prompts.map((prompt) => ({
          id: prompt.id,
          dimension: prompt.dimension,
          text: prompt.text,
          ...(prompt.answer !== undefined
            ? {
                answer: cipher.seal(
                  prompt.answer,
                  context(teamId, userId, input.weekKey, `answer:${prompt.id}`),
                ),
              }
            : {}),
        })),
        ...(input.intention !== undefined
          ? { intention: cipher.seal(input.intention, context(teamId, userId, input.weekKey, 'intention')) }
          : {}),
        sealedRatings: cipher.seal(
          JSON.stringify(input.ratings),
          context(teamId, userId, input.weekKey, 'ratings'),
        ),
      };
      await redis
        .multi()
        .set(key, JSON.stringify(stored))
        .zadd(keys.reflectionWeeks(teamId, userId), weekScore(input.weekKey), input.weekKey)
        .exec()
        .then((results) => {
          const failed = results?.find(([error]) => error);
          if (!results || failed) throw failed?.[0] ?? new Error('reflection save was not executed');
        });
      // Just sealed by us: no plain value to refuse.
      return { reflection: open(teamId, userId, stored, undefined), created: previous === undefined };
    },

    get,

    async hasReflected(teamId, userId, weekKey) {
      return (await redis.zscore(keys.reflectionWeeks(teamId, userId), weekKey)) !== null;
    },

    listRecent,
    reflectedWeeks,

    async lastIntention(teamId, userId, beforeWeekKey) {
      const [week] = await redis.zrevrangebyscore(
        keys.reflectionWeeks(teamId, userId),
        `(${weekScore(beforeWeekKey)}`,
        '-inf',
        'LIMIT',
        0,
        1,
      );
      if (!week || !isWeekKey(week)) return undefined;
      const reflection = await get(teamId, userId, week);
      return reflection?.intention ? { weekKey: week, text: reflection.intention } : undefined;
    },

    async promptHistory(teamId, userId, uptoWeekKey, weeks = PROMPTS_SHOWN_KEEP_WEEKS) {
      const top = weekScore(uptoWeekKey);
      const [savedWeeks, shown] = await Promise.all([
        redis.zrangebyscore(keys.reflectionWeeks(teamId, userId), top - weeks + 1, top),
        redis.hgetall(keys.promptsShown(teamId, userId)),
      ]);
      const stored = await loadStored(teamId, userId, savedWeeks.filter(isWeekKey));
      return historyFrom(stored, shown, top, weeks);
    },

    async forModal(teamId, userId, weekKey) {
      const weeksKey = keys.reflectionWeeks(teamId, userId);
      const top = weekScore(weekKey);
      const [answers, cutoff] = await Promise.all([
        redis
          .pipeline()
          .get(keys.reflection(teamId, userId, weekKey))
          .zrevrangebyscore(weeksKey, `(${top}`, '-inf', 'LIMIT', 0, 1)
          .zrangebyscore(weeksKey, top - PROMPTS_SHOWN_KEEP_WEEKS + 1, top)
          .hgetall(keys.promptsShown(teamId, userId))
          .exec(),
        plainBefore(),
      ]);
      const answer = <T>(index: number): T => {
        const [error, value] = answers?.[index] ?? [new Error('the modal reads were not executed'), null];
        if (error) throw error;
        return value as T;
      };
      const own = parseStored(answer<string | null>(0), teamId);
      const existing = own ? open(teamId, userId, own, cutoff) : undefined;
      const lastWeek = answer<string[]>(1).find(isWeekKey);
      const savedWeeks = answer<string[]>(2).filter(isWeekKey);
      const shown = answer<Record<string, string>>(3);
      // The week's own prompts are kept when it was saved with some: no history needed then.
      const needHistory = !existing || existing.prompts.length === 0;
      const toLoad = new Set<string>(needHistory ? savedWeeks : []);
      if (lastWeek) toLoad.add(lastWeek);
      toLoad.delete(weekKey);
      // By the week asked for, as loadStored reads them (a malformed record is left out).
      const loaded = new Map<string, StoredReflection>();
      const weeks = [...toLoad];
      if (weeks.length > 0) {
        const raws = await redis.mget(weeks.map((week) => keys.reflection(teamId, userId, week)));
        raws.forEach((raw, index) => {
          const record = parseStored(raw, teamId);
          if (record) loaded.set(weeks[index] ?? '', record);
        });
      }
      if (own) loaded.set(weekKey, own);
      const last = lastWeek ? loaded.get(lastWeek) : undefined;
      const intention = last ? open(teamId, userId, last, cutoff).intention : undefined;
      const history = needHistory
        ? historyFrom(
            savedWeeks.flatMap((week) => loaded.get(week) ?? []),
            shown,
            top,
            PROMPTS_SHOWN_KEEP_WEEKS,
          )
        : [];
      return {
        existing,
        lastIntention: lastWeek && intention ? { weekKey: lastWeek, text: intention } : undefined,
        history,
      };
    },

    async recordPromptsShown(teamId, userId, weekKey, promptIds) {
      await recordShown(teamId, userId, weekKey, promptIds, 'always');
    },

    async recordPromptShownOnce(teamId, userId, weekKey, promptId) {
      return (await recordShown(teamId, userId, weekKey, [promptId], 'once')) === 1;
    },

    personalData: {
      name: 'reflections',
      async export(teamId, userId) {
        const weeks = await reflectedWeeks(teamId, userId);
        const stored = await loadStored(teamId, userId, weeks);
        const shown = await redis.hgetall(keys.promptsShown(teamId, userId));
        const cutoff = await plainBefore();
        return {
          reflections: stored.map((record) => {
            const reflection = open(teamId, userId, record, cutoff);
            return {
              ...reflection,
              // Say plainly what the person cannot read here, rather than leaving it out silently.
              ...(reflection.unreadable.length > 0
                ? { note: 'Some text was encrypted with a key this server no longer has.' }
                : {}),
            };
          }),
          promptsShown: Object.entries(shown)
            .filter(([week]) => isWeekKey(week))
            .sort(([a], [b]) => weekScore(b) - weekScore(a))
            .map(([weekKey, ids]) => ({ weekKey, promptIds: parseIds(ids) })),
        };
      },
      async erase(teamId, userId) {
        const weeks = await redis.zrange(keys.reflectionWeeks(teamId, userId), 0, '-1');
        const doomed = [
          keys.reflectionWeeks(teamId, userId),
          keys.promptsShown(teamId, userId),
          ...weeks.filter(isWeekKey).map((week) => keys.reflection(teamId, userId, week)),
        ];
        for (let i = 0; i < doomed.length; i += 500) await redis.del(...doomed.slice(i, i + 500));
      },
    },
  };
}

/** promptHistory's entries: saved weeks (prompts and answered dimensions), then weeks only shown. */
function historyFrom(
  stored: readonly {
    weekKey: string;
    prompts: readonly { id: string; dimension: Dimension; answer?: string }[];
  }[],
  shown: Record<string, string>,
  top: number,
  weeks: number,
): PromptHistoryEntry[] {
  const history: PromptHistoryEntry[] = stored.map((record) => ({
    weekKey: record.weekKey,
    promptIds: record.prompts.map((p) => p.id),
    dimensions: [...new Set(record.prompts.filter((p) => p.answer !== undefined).map((p) => p.dimension))],
  }));
  const saved = new Set(history.map((entry) => entry.weekKey));
  for (const [weekKey, ids] of Object.entries(shown)) {
    if (saved.has(weekKey) || !isWeekKey(weekKey)) continue;
    const ago = top - weekScore(weekKey);
    if (ago < 0 || ago >= weeks) continue;
    history.push({ weekKey, promptIds: parseIds(ids), dimensions: [] });
  }
  return history;
}

function parseIds(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
