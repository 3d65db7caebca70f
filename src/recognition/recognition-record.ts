import { z } from 'zod';
import { DIMENSIONS } from '#messages/reflection-prompts.ts';

/**
 * One recognition as stored. `channel` recognitions are public data of the workspace (they were
 * posted in a channel); `private` ones went only to the recipients by DM, and only the giver and
 * the recipients may ever read them.
 */
export const visibilitySchema = z.enum(['channel', 'private']);
export type Visibility = z.infer<typeof visibilitySchema>;

/** 1,000 typed characters escaped (at most 5,000) and 20 names of at most 60 characters. */
export const MAX_STORED_WORDS = 6200;

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{1,20}$/);

export const recognitionRecordSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{8,40}$/),
  giverId: slackUserId,
  recipientIds: z.array(slackUserId).max(10),
  /**
   * Safe Slack mrkdwn (see parse-recognition.ts), as posted: measured after escaping, so 1,000
   * typed characters may be 5,000 (`&` is `&amp;`), plus names shown in place of mentions.
   */
  words: z.string().max(MAX_STORED_WORDS),
  dimension: z.enum(DIMENSIONS),
  visibility: visibilitySchema,
  channelId: z
    .string()
    .regex(/^[CG][A-Z0-9]{1,20}$/)
    .optional(),
  messageTs: z.string().optional(),
  permalink: z.string().optional(),
  /** When it was given, epoch ms. */
  at: z.number().int(),
});

export type RecognitionRecord = z.infer<typeof recognitionRecordSchema>;
