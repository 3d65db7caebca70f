import { english } from '#messages/i18n.ts';
import {
  RECOGNITION_BLOCKS,
  type RecognitionForm,
  recognitionFormErrorText,
} from '#messages/recognition-modal.ts';
import { refusalText, tooLongMessage } from '#messages/recognition-replies.ts';
import { checkRecipients, containsBroadcast, escapeMrkdwn, type ParseContext } from './parse-recognition.ts';
import { MAX_RECOGNITION_CHARS } from './recognition-limits.ts';

export type FormCheck = { ok: true; words: string } | { ok: false; errors: Record<string, string> };

/**
 * Checks a submitted recognition modal with the same rules as `/recognize` (no self, no bots, at
 * most 10 people, no broadcasts, at most 1,000 characters) and returns inline errors by block id,
 * or the words as safe mrkdwn. Pure.
 */
export function checkRecognitionForm(form: RecognitionForm, context: ParseContext): FormCheck {
  const tr = context.tr ?? english();
  const errors: Record<string, string> = {};
  if (form.recipients.length === 0) {
    errors[RECOGNITION_BLOCKS.recipients] = recognitionFormErrorText('noOne', tr);
  } else {
    const refusal = checkRecipients(form.recipients, context);
    if (refusal) errors[RECOGNITION_BLOCKS.recipients] = refusal.message;
  }
  if (form.words === '') {
    errors[RECOGNITION_BLOCKS.words] = recognitionFormErrorText('noWords', tr);
  } else if (containsBroadcast(form.words)) {
    errors[RECOGNITION_BLOCKS.words] = refusalText('broadcast', tr);
  } else if (form.words.length > MAX_RECOGNITION_CHARS) {
    errors[RECOGNITION_BLOCKS.words] = tooLongMessage(form.words.length, tr);
  }
  if (form.visibility === 'channel' && !form.channelId) {
    errors[RECOGNITION_BLOCKS.channel] = recognitionFormErrorText('noChannel', tr);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, words: escapeMrkdwn(form.words) };
}
