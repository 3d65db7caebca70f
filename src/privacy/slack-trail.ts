import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { SLACK_TRAIL_EXPORT_NOTE } from '#messages/export-messages.ts';
import type { RedisClient } from '#src/redis-connections.ts';
import { keys } from '#src/store/keys.ts';
import type { TeamClients } from '#src/workspaces/index.ts';
import type { PersonalDataSource } from '../store/personal-data.ts';

/** Something the app put in Slack that carries a person's own words. */
export type TrailItem = { kind: 'message'; channel: string; ts: string } | { kind: 'file'; id: string };

/**
 * What the app left in Slack that quotes a person's reflections: the nudge DMs that quote last
 * week's intention and every `/reflect export` (its file, the intro message and, when files did not
 * work, the messages that carry the export). Each is remembered when posted, and `/reflect forget`
 * deletes them (`chat.delete`, `files.delete`) before it forgets the list.
 *
 * The list lives beside the person's key root, not under it (`slackTrail`): forget sweeps the root
 * at its end, and an item Slack could not delete this time (a 429, the network) must still be
 * known when the person tries again. Only ids are stored: channel, message ts, file id.
 */
export interface SlackTrail {
  remember(teamId: string, userId: string, items: readonly TrailItem[]): Promise<void>;
  /** The `slackMessages` section of export and forget; erase deletes the items in Slack. */
  personalData: PersonalDataSource;
}

/** Answers that mean the item is already gone from Slack. */
const ALREADY_GONE = new Set(['message_not_found', 'file_not_found', 'file_deleted', 'channel_not_found']);

function encode(item: TrailItem): string {
  return item.kind === 'message' ? `m:${item.channel}:${item.ts}` : `f:${item.id}`;
}

function decode(value: string): TrailItem | undefined {
  const message = /^m:([A-Z0-9]+):(\d+\.\d+)$/.exec(value);
  if (message?.[1] && message[2]) return { kind: 'message', channel: message[1], ts: message[2] };
  const file = /^f:([A-Z0-9]+)$/.exec(value);
  return file?.[1] ? { kind: 'file', id: file[1] } : undefined;
}

function errorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  if (data && typeof data.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}

async function deleteInSlack(client: WebClient, item: TrailItem): Promise<void> {
  if (item.kind === 'message') await client.chat.delete({ channel: item.channel, ts: item.ts });
  else await client.files.delete({ file: item.id });
}

export function createSlackTrail(deps: {
  redis: RedisClient;
  teamClients: TeamClients;
  logger: Logger;
}): SlackTrail {
  const { redis } = deps;
  return {
    async remember(teamId, userId, items) {
      if (items.length === 0) return;
      await redis.sadd(keys.slackTrail(teamId, userId), ...items.map(encode));
    },
    personalData: {
      name: 'slackMessages',
      async export(teamId, userId) {
        const items = (await redis.smembers(keys.slackTrail(teamId, userId))).map(decode);
        const known = items.filter((item): item is TrailItem => item !== undefined);
        if (known.length === 0) return null;
        return {
          note: SLACK_TRAIL_EXPORT_NOTE,
          messages: known.filter((i) => i.kind === 'message'),
          files: known.filter((i) => i.kind === 'file'),
        };
      },
      async erase(teamId, userId) {
        const key = keys.slackTrail(teamId, userId);
        const values = await redis.smembers(key);
        if (values.length === 0) return;
        const client = await deps.teamClients.forTeam(teamId);
        const failures: string[] = [];
        for (const value of values) {
          const item = decode(value);
          try {
            if (item) await deleteInSlack(client, item);
          } catch (error) {
            const code = errorCode(error);
            if (!ALREADY_GONE.has(code)) {
              failures.push(code);
              continue;
            }
          }
          await redis.srem(key, value);
        }
        if (failures.length > 0) {
          // Kept in the list: the person's next forget tries these again.
          throw new Error(
            `${failures.length} message(s) or file(s) could not be deleted in Slack (${failures[0]})`,
          );
        }
        await redis.del(key);
      },
    },
  };
}
