import { RECOGNITION_PROMPTS, type RecognitionPrompt } from '#messages/recognition-prompts.ts';
import { startOfIsoWeekInZone } from '#src/schedule/iso-week.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** FNV-1a, 32 bit: a stable number per channel so channels do not all show the same prompt. */
function channelOffset(channelId: string): number {
  let hash = 0x811c9dc5;
  for (const char of channelId) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The prompt a channel gets for the local week of `occurrence`: deterministic (retries and a
 * second worker pick the same one) and rotating, so a channel sees every prompt before a repeat.
 */
export function promptForWeek(
  channelId: string,
  occurrence: Date,
  timeZone: string,
  prompts: readonly RecognitionPrompt[] = RECOGNITION_PROMPTS,
): RecognitionPrompt {
  const week = Math.round(startOfIsoWeekInZone(occurrence, timeZone).getTime() / WEEK_MS);
  const index = (week + (channelOffset(channelId) % prompts.length)) % prompts.length;
  const prompt = prompts[index];
  if (!prompt) throw new Error('no recognition prompts');
  return prompt;
}
