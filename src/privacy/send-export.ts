import type { WebClient } from '@slack/web-api';
import { EXPORT_MAX_MESSAGES, exportAsMessages, exportFileComment } from '#messages/export-messages.ts';

/**
 * Sends a person their export in their DM with the app: as a JSON file when files work, otherwise
 * as messages. The DM channel id comes from posting the intro message to the user id (no
 * `im:write` scope needed). Throws when neither way works.
 */
export async function sendExport(
  client: WebClient,
  userId: string,
  json: string,
  filename: string,
  onUploadError: (error: unknown) => void,
): Promise<'file' | 'messages'> {
  const intro = await client.chat.postMessage({ channel: userId, text: exportFileComment() });
  const channel = typeof intro.channel === 'string' ? intro.channel : userId;
  try {
    await client.filesUploadV2({
      channel_id: channel,
      filename,
      title: filename,
      content: json,
    });
    return 'file';
  } catch (error) {
    onUploadError(error);
  }
  const parts = exportAsMessages(json);
  if (parts.length > EXPORT_MAX_MESSAGES) throw new Error('export too large to send as messages');
  for (const text of parts) await client.chat.postMessage({ channel, text });
  return 'messages';
}
