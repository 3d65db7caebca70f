import { escapeMrkdwn } from './safe-text.ts';

/** `/reflect export`: what the person is told while and after their data is sent. */

export const EXPORT_STARTED_TEXT =
  'Gathering all of your data; it will arrive in your DM with Throughline in a moment.';

export function exportFileComment(): string {
  return 'Your Throughline export: everything Throughline keeps about you, as JSON. Only you receive it.';
}

export function exportDoneText(how: 'file' | 'messages'): string {
  return how === 'file'
    ? 'Your export is in your DM with Throughline.'
    : 'Files could not be sent, so your export is in your DM with Throughline as messages.';
}

/** Said after the done text when some feature could not be read; `parts` name those features. */
export function exportPartsMissingText(parts: readonly string[]): string {
  return parts.length > 0
    ? ` Some parts could not be read right now (${parts.join(', ')}); try again later for those.`
    : '';
}

/** Explains the Slack messages listed in the export document (read in the JSON file). */
export const SLACK_TRAIL_EXPORT_NOTE =
  'Messages and files the app sent you in Slack that quote what you wrote; forget deletes them.';

export const EXPORT_FAILED_TEXT =
  'Sorry, your export could not be delivered right now, and nothing was changed. Please try `/reflect export` again in a minute.';

/** At most this many messages are sent when the file cannot be; a bigger export waits for files. */
export const EXPORT_MAX_MESSAGES = 50;

/**
 * Splits the JSON into DM-sized code blocks, each at most `maxChunk` characters *after* escaping
 * (a `&` is five characters once sent). Each part is escaped whole characters at a time, so an
 * entity or a surrogate pair is never cut, and mention syntax inside answers never pings anyone.
 */
export function exportAsMessages(json: string, maxChunk = 3000): string[] {
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
    (chunk, index) => `Your Throughline data (part ${index + 1} of ${chunks.length}):\n\`\`\`${chunk}\`\`\``,
  );
}
