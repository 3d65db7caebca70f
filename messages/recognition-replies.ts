import { MAX_RECIPIENTS, MAX_RECOGNITION_CHARS } from '#src/recognition/recognition-limits.ts';
import { english, type Translator } from './i18n.ts';
import { describeWait } from './wait-text.ts';

/**
 * What the giver of a recognition is told when it cannot go out as asked (from `/recognize` or the
 * modal): kind refusals, the channel's problems, the limit. Nothing was posted in any of them.
 */

function usage(tr: Translator): string {
  return tr.t('recognitionReplies.usage');
}

export type Refusal = 'broadcast' | 'group' | 'tooMany' | 'self' | 'bot' | 'empty';

/** The kind refusals of `/recognize` and the modal. */
export function refusalText(refusal: Refusal, tr: Translator = english()): string {
  return tr.t(`recognitionReplies.${refusal}`, { max: MAX_RECIPIENTS, usage: usage(tr) });
}

export function tooLongMessage(length: number, tr: Translator = english()): string {
  return tr.t('recognitionReplies.tooLong', { length, max: MAX_RECOGNITION_CHARS });
}

export function unknownNameMessage(name: string, tr: Translator = english()): string {
  return tr.t('recognitionReplies.unknownName', { name: name.replace(/[`<>&*_~]/g, '').slice(0, 40) });
}

export function unknownPersonMessage(id: string, tr: Translator = english()): string {
  return tr.t('recognitionReplies.unknownPerson', { id });
}

export function inactivePersonMessage(id: string, tr: Translator = english()): string {
  return tr.t('recognitionReplies.inactivePerson', { person: `<@${id}>` });
}

/** Fixed notes: people or channel could not be checked, or the channel cannot take the post. */
export type RecognitionNote =
  | 'peopleUnchecked'
  | 'giverNotIn'
  | 'botNotInPrivate'
  | 'archived'
  | 'unchecked'
  | 'noChannel'
  | 'undeliveredAll';

export function recognitionNoteText(note: RecognitionNote, tr: Translator = english()): string {
  return tr.t(`recognitionReplies.${note}`);
}

/** What the giver is told when Slack refused the post with `code`, or undefined for other codes. */
export function channelProblemMessage(
  code: string,
  channelId: string,
  tr: Translator = english(),
): string | undefined {
  switch (code) {
    case 'not_in_channel':
      return tr.t('recognitionReplies.notInChannel', { channel: `<#${channelId}>` });
    case 'channel_not_found':
      return tr.t('recognitionReplies.channelNotFound');
    case 'is_archived':
      return tr.t('recognitionReplies.isArchived');
    default:
      return undefined;
  }
}

export function recognitionLimitMessage(
  max: number,
  retryAfterSeconds: number,
  tr: Translator = english(),
): string {
  return tr.t('recognitionReplies.limit', { max, wait: describeWait(retryAfterSeconds, tr) });
}

/** `/recognize` could not say it all in text, so the form opens; this says why. */
export function formOpenedHint(
  why: 'no-channel' | 'no-words' | 'no-one',
  tr: Translator = english(),
): string {
  if (why === 'no-channel') return tr.t('recognitionReplies.formOpenedNoChannel');
  if (why === 'no-words') return tr.t('recognitionReplies.formOpenedNoWords');
  return tr.t('recognitionReplies.formOpenedNoOne', { empty: refusalText('empty', tr) });
}

export function formDidNotOpenText(tr: Translator = english()): string {
  return tr.t('recognitionReplies.formDidNotOpen', { empty: refusalText('empty', tr) });
}

/** Posted in the channel, but some recipients could not get their DM. */
export function undeliveredMessage(ids: readonly string[], tr: Translator = english()): string {
  return tr.t('recognitionReplies.undelivered', { people: ids.map((id) => `<@${id}>`).join(', ') });
}
