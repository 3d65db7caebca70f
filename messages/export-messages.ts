import { english, type Translator } from './i18n.ts';
import { escapeMrkdwn } from './safe-text.ts';

/** `/reflect export`: what the person is told while and after their data is sent. */

/** Fixed notes of the export: started, failed, and the note on the Slack trail in the JSON file. */
export type ExportNote = 'started' | 'failed' | 'slackTrailNote';

export function exportNoteText(note: ExportNote, tr: Translator = english()): string {
  return tr.t(`exportMessages.${note}`);
}

export function exportFileComment(tr: Translator = english()): string {
  return tr.t('exportMessages.fileComment');
}

export function exportDoneText(how: 'file' | 'messages', tr: Translator = english()): string {
  return tr.t(how === 'file' ? 'exportMessages.doneFile' : 'exportMessages.doneMessages');
}

/** Said after the done text when some feature could not be read; `parts` name those features. */
export function exportPartsMissingText(parts: readonly string[], tr: Translator = english()): string {
  return parts.length > 0 ? tr.t('exportMessages.partsMissing', { parts: parts.join(', ') }) : '';
}

/**
 * Explains the Slack messages listed in the export document (read in the JSON file).
 * @deprecated English only: use exportNoteText('slackTrailNote', tr).
 */
export const SLACK_TRAIL_EXPORT_NOTE = exportNoteText('slackTrailNote');

/** At most this many messages are sent when the file cannot be; a bigger export waits for files. */
export const EXPORT_MAX_MESSAGES = 50;

/**
 * Splits the JSON into DM-sized code blocks, each at most `maxChunk` characters *after* escaping
 * (a `&` is five characters once sent). Each part is escaped whole characters at a time, so an
 * entity or a surrogate pair is never cut, and mention syntax inside answers never pings anyone.
 */
export function exportAsMessages(json: string, maxChunk = 3000, tr: Translator = english()): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const char of json) {
    const piece = escapeMrkdwn(char);
    if (current.length + piece.length > maxChunk) {
      chunks.push(current);
      current = '';
    }
    current += piece;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks.map(
    (chunk, index) =>
      `${tr.t('exportMessages.part', { index: index + 1, count: chunks.length })}\n\`\`\`${chunk}\`\`\``,
  );
}
