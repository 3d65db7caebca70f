import { z } from 'zod';
import { LANGUAGES } from '#messages/i18n.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { weeklyScheduleSchema } from '#src/schedule/weekly-schedule.ts';
import { keys } from '#src/store/keys.ts';

/**
 * A channel's weekly recognition prompt: when (a weekly wall-clock time in the zone of the admin
 * who set it), whether the digest leads the post, and who set it (told once if the bot cannot
 * post there). Channel configuration is workspace data; the admin id is removed on forget.
 */
export const channelPromptSchema = weeklyScheduleSchema.extend({
  tz: z.string().min(1).max(64),
  digest: z.boolean(),
  adminId: z
    .string()
    .regex(/^[UW][A-Z0-9]{1,20}$/)
    .optional(),
  /** The language of the channel's posts; absent: the workspace's most common (channel-language.ts). */
  language: z.enum(LANGUAGES).optional(),
  /** When it was last set, epoch ms. */
  updatedAt: z.number().int(),
});

export type ChannelPrompt = z.infer<typeof channelPromptSchema>;

/** Sent-markers outlive the week they guard by a comfortable margin. */
const SENT_MARKER_TTL_SECONDS = 15 * 24 * 60 * 60;

export interface ChannelPromptStore {
  get(teamId: string, channelId: string): Promise<ChannelPrompt | undefined>;
  set(teamId: string, channelId: string, prompt: ChannelPrompt): Promise<void>;
  remove(teamId: string, channelId: string): Promise<void>;
  channels(teamId: string): Promise<string[]>;
  /** Claims this week's post for one job (SET NX); false when someone already claimed it. */
  claimWeek(teamId: string, channelId: string, weekKey: string, owner: string): Promise<boolean>;
  releaseWeek(teamId: string, channelId: string, weekKey: string): Promise<void>;
  weekClaimed(teamId: string, channelId: string, weekKey: string): Promise<boolean>;
  /** True only the first time since the last successful post: DM the admin once. */
  claimInviteNotice(teamId: string, channelId: string): Promise<boolean>;
  clearInviteNotice(teamId: string, channelId: string): Promise<void>;
}

export function createChannelPromptStore(redis: RedisClient): ChannelPromptStore {
  return {
    async get(teamId, channelId) {
      const raw = await redis.get(keys.channelPrompt(teamId, channelId));
      if (raw === null) return undefined;
      try {
        const parsed = channelPromptSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async set(teamId, channelId, prompt) {
      const valid = channelPromptSchema.parse(prompt);
      await redis
        .multi()
        .set(keys.channelPrompt(teamId, channelId), JSON.stringify(valid))
        .sadd(keys.promptChannels(teamId), channelId)
        .exec();
    },
    async remove(teamId, channelId) {
      await redis
        .multi()
        .del(keys.channelPrompt(teamId, channelId), keys.channelPromptInviteNotice(teamId, channelId))
        .srem(keys.promptChannels(teamId), channelId)
        .exec();
    },
    async channels(teamId) {
      return (await redis.smembers(keys.promptChannels(teamId))).sort();
    },
    async claimWeek(teamId, channelId, weekKey, owner) {
      const claimed = await redis.set(
        keys.channelPromptSent(teamId, channelId, weekKey),
        owner,
        'EX',
        SENT_MARKER_TTL_SECONDS,
        'NX',
      );
      return claimed === 'OK';
    },
    async releaseWeek(teamId, channelId, weekKey) {
      await redis.del(keys.channelPromptSent(teamId, channelId, weekKey));
    },
    async weekClaimed(teamId, channelId, weekKey) {
      return (await redis.exists(keys.channelPromptSent(teamId, channelId, weekKey))) === 1;
    },
    async claimInviteNotice(teamId, channelId) {
      return (await redis.set(keys.channelPromptInviteNotice(teamId, channelId), '1', 'NX')) === 'OK';
    },
    async clearInviteNotice(teamId, channelId) {
      await redis.del(keys.channelPromptInviteNotice(teamId, channelId));
    },
  };
}
