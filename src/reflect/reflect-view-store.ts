import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DIMENSIONS } from '#messages/reflection-prompts.ts';
import type { Clock } from '#src/clock.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { weekKeySchema } from '#src/schedule/iso-week.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import { keys } from '../store/keys.ts';

/**
 * The reflection modals the app opened, per person: view id → what the modal was opened for (week,
 * prompts, time zone) and a random nonce that was also put in the view's `private_metadata`.
 *
 * A submission is accepted only for a view id the app opened for that same team and person, whose
 * `private_metadata` still carries the nonce. The week and prompts come from here, never from the
 * payload. Entries expire after two days (a modal left open over a weekend still saves).
 */
export const REFLECT_VIEW_TTL_MS = 2 * 24 * 60 * 60 * 1000;

const SLACK_VIEW_ID = /^V[A-Z0-9]{2,40}$/;

/**
 * Modals kept on record per person. Nobody has more open at once; beyond it the oldest is dropped
 * (its submission is then refused, and the person is asked to open a fresh one).
 */
export const MAX_OPEN_VIEWS = 10;

const openedSchema = z.object({
  nonce: z.string().min(16),
  weekKey: weekKeySchema,
  timeZone: z.string(),
  /** The prompts the modal showed, in order (answer blocks are numbered in this order). */
  prompts: z
    .array(z.object({ id: z.string(), dimension: z.enum(DIMENSIONS), text: z.string() }))
    .min(1)
    .max(3),
  openedAt: z.number(),
  expiresAt: z.number(),
});
export type OpenedReflectView = z.infer<typeof openedSchema>;

export type ViewCheck =
  | { ok: true; opened: OpenedReflectView }
  | { ok: false; reason: 'unknown_view' | 'expired' | 'metadata_mismatch' };

export interface ReflectViewStore {
  remember(
    teamId: string,
    userId: string,
    viewId: string,
    opened: Omit<OpenedReflectView, 'openedAt' | 'expiresAt'>,
  ): Promise<void>;
  /** Checks a submission's view id and private_metadata against what was opened for this person. */
  check(teamId: string, userId: string, viewId: string, privateMetadata: string): Promise<ViewCheck>;
  /** Forgets a view once its submission was saved (a replay of the same payload is refused). */
  consume(teamId: string, userId: string, viewId: string): Promise<void>;
  personalData: PersonalDataSource;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createReflectViewStore(deps: { redis: RedisClient; clock: Clock }): ReflectViewStore {
  const { redis, clock } = deps;

  async function all(teamId: string, userId: string): Promise<Map<string, OpenedReflectView>> {
    return parseEntries(await redis.hgetall(keys.reflectViews(teamId, userId)));
  }

  function parseEntries(raw: Record<string, string>): Map<string, OpenedReflectView> {
    const views = new Map<string, OpenedReflectView>();
    for (const [viewId, json] of Object.entries(raw)) {
      try {
        const parsed = openedSchema.safeParse(JSON.parse(json));
        if (parsed.success) views.set(viewId, parsed.data);
      } catch {
        // A malformed entry is treated as absent.
      }
    }
    return views;
  }

  return {
    async remember(teamId, userId, viewId, opened) {
      if (!SLACK_VIEW_ID.test(viewId)) throw new Error('views.open returned an unexpected view id');
      const now = clock.now().getTime();
      const key = keys.reflectViews(teamId, userId);
      const entry: OpenedReflectView = { ...opened, openedAt: now, expiresAt: now + REFLECT_VIEW_TTL_MS };
      const written = await redis
        .multi()
        .hset(key, viewId, JSON.stringify(entry))
        .pexpire(key, REFLECT_VIEW_TTL_MS)
        .hlen(key)
        .exec();
      // The common case stops here: one round trip, nothing read back. Only a person with many
      // modals on record pays for a tidy-up, which drops expired ones and then the oldest.
      const count = Number(written?.[2]?.[1] ?? 0);
      if (count <= MAX_OPEN_VIEWS) return;
      const raw = await redis.hgetall(key);
      const newestLive = [...parseEntries(raw)]
        .filter(([id, v]) => id !== viewId && v.expiresAt > now)
        .sort(([, a], [, b]) => b.openedAt - a.openedAt);
      const keep = new Set([viewId, ...newestLive.slice(0, MAX_OPEN_VIEWS - 1).map(([id]) => id)]);
      const drop = Object.keys(raw).filter((id) => !keep.has(id));
      if (drop.length > 0) await redis.hdel(key, ...drop);
    },

    async check(teamId, userId, viewId, privateMetadata) {
      if (!SLACK_VIEW_ID.test(viewId)) return { ok: false, reason: 'unknown_view' };
      const json = await redis.hget(keys.reflectViews(teamId, userId), viewId);
      if (json === null) return { ok: false, reason: 'unknown_view' };
      let opened: OpenedReflectView;
      try {
        const parsed = openedSchema.safeParse(JSON.parse(json));
        if (!parsed.success) return { ok: false, reason: 'unknown_view' };
        opened = parsed.data;
      } catch {
        return { ok: false, reason: 'unknown_view' };
      }
      if (opened.expiresAt <= clock.now().getTime()) return { ok: false, reason: 'expired' };
      if (!sameSecret(opened.nonce, privateMetadata)) return { ok: false, reason: 'metadata_mismatch' };
      return { ok: true, opened };
    },

    async consume(teamId, userId, viewId) {
      await redis.hdel(keys.reflectViews(teamId, userId), viewId);
    },

    personalData: {
      name: 'openReflectionForms',
      async export(teamId, userId) {
        return [...(await all(teamId, userId))].map(([viewId, opened]) => ({
          viewId,
          ...opened,
          openedAt: new Date(opened.openedAt).toISOString(),
          expiresAt: new Date(opened.expiresAt).toISOString(),
        }));
      },
      async erase(teamId, userId) {
        await redis.del(keys.reflectViews(teamId, userId));
      },
    },
  };
}
