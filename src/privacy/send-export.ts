import type { WebClient } from '@slack/web-api';
import { EXPORT_MAX_MESSAGES, exportAsMessages, exportFileComment } from '#messages/export-messages.ts';
import { english, type Translator } from '#messages/i18n.ts';
import type { TrailItem } from './slack-trail.ts';

/**
 * Sends a person their export in their DM with the app: as a JSON file when files work, otherwise
 * as messages. The DM channel id comes from posting the intro message to the user id (no
 * `im:write` scope needed). Throws when neither way works. Everything posted is reported to
 * `remember` as it lands, so `/reflect forget` can delete it later.
 */
export async function sendExport(
  client: WebClient,
  userId: string,
  json: string,
  filename: string,
  onUploadError: (error: unknown) => void,
  remember: (items: TrailItem[]) => Promise<void> = async () => undefined,
  tr: Translator = english(),
): Promise<'file' | 'messages'> {
  const intro = await client.chat.postMessage({ channel: userId, text: exportFileComment(tr) });
  const channel = typeof intro.channel === 'string' ? intro.channel : userId;
  if (intro.ts) await remember([{ kind: 'message', channel, ts: intro.ts }]);
  try {
    const uploaded = await client.filesUploadV2({
      channel_id: channel,
      filename,
      title: filename,
      content: json,
    });
    await remember(uploadedFileIds(uploaded).map((id) => ({ kind: 'file', id })));
    return 'file';
  } catch (error) {
    onUploadError(error);
  }
  const parts = exportAsMessages(json, undefined, tr);
  if (parts.length > EXPORT_MAX_MESSAGES) throw new Error('export too large to send as messages');
  for (const text of parts) {
    const posted = await client.chat.postMessage({ channel, text });
    if (posted.ts) await remember([{ kind: 'message', channel, ts: posted.ts }]);
  }
  return 'messages';
}

/** filesUploadV2 answers one files.completeUploadExternal result per file: `{ files: [{ files: [{ id }] }] }`. */
function uploadedFileIds(result: unknown): string[] {
  const completions = (result as { files?: unknown }).files;
  if (!Array.isArray(completions)) return [];
  return completions.flatMap((completion) => {
    const files = (completion as { files?: unknown } | null)?.files;
    if (!Array.isArray(files)) return [];
    return files
      .map((file) => (file as { id?: unknown } | null)?.id)
      .filter((id): id is string => typeof id === 'string');
  });
}
