import { expect } from 'vitest';
import { RECOGNITION_BLOCKS, RECOGNITION_MODAL_CALLBACK } from '#messages/recognition-modal.ts';
import type { SlackResponse } from '#src/sandbox/slack-requests.ts';
import { newTriggerId } from '#src/sandbox/slack-requests.ts';
import { viewSubmissionPayload } from '#test/support/slack-payloads.ts';
import type { TestApp } from '#test/support/test-app.ts';

/** Drives the recognition feature the way Slack would: the modal's submit, `/reflect team`. */

export interface FormInput {
  giver?: string;
  users: string[];
  words: string;
  dimension?: string;
  visibility?: 'channel' | 'private';
  channel?: string;
}

/** Submits the recognition modal (signed view_submission through the real router). */
export function submitRecognitionForm(t: TestApp, input: FormInput): Promise<SlackResponse> {
  return t.interact(
    viewSubmissionPayload({
      userId: input.giver ?? 'UGIVER',
      callbackId: RECOGNITION_MODAL_CALLBACK,
      values: {
        [RECOGNITION_BLOCKS.recipients]: {
          value: { type: 'multi_users_select', selected_users: input.users },
        },
        [RECOGNITION_BLOCKS.words]: { value: { type: 'plain_text_input', value: input.words } },
        [RECOGNITION_BLOCKS.dimension]: {
          value: { type: 'static_select', selected_option: { value: input.dimension ?? 'heart' } },
        },
        [RECOGNITION_BLOCKS.visibility]: {
          value: { type: 'radio_buttons', selected_option: { value: input.visibility ?? 'channel' } },
        },
        [RECOGNITION_BLOCKS.channel]: {
          value: { type: 'conversations_select', selected_conversation: input.channel ?? null },
        },
      },
    }),
  );
}

let teamSeq = 0;

/** `/reflect team <text>` as `userId`; the ephemeral reply (the ack body or the response_url post). */
export async function reflectTeam(
  t: TestApp,
  text: string,
  userId: string,
): Promise<{ text: string; blocks?: unknown[] }> {
  teamSeq += 1;
  const id = `team${teamSeq}`;
  const response = await t.command({
    command: '/reflect',
    text: `team ${text}`.trim(),
    userId,
    responseUrl: t.slack.responseUrl(id),
  });
  expect(response.status).toBe(200);
  if (response.text !== '') {
    const body = response.json() as { text?: string; blocks?: unknown[] };
    if (body.text) return body as { text: string; blocks?: unknown[] };
  }
  const [answer] = await t.slack.waitForResponse((r) => r.id === id, 3000);
  return answer!.body as { text: string; blocks?: unknown[] };
}

/** The people a care radar asks the manager to recognise (its "Recognize" buttons). */
export function radarPeople(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { accessory?: { action_id?: string; value?: string } }) =>
    block.accessory?.action_id === 'care_radar_recognize' ? [block.accessory.value ?? ''] : [],
  );
}

/** "Recognize the author" on a message by `author` with `text`, used by UGIVER in C1. */
export function recognizeAuthorShortcut(t: TestApp, author: string, text: string): Promise<SlackResponse> {
  return t.interact({
    type: 'message_action',
    callback_id: 'recognize_author',
    trigger_id: newTriggerId(),
    token: 'deprecated-verification-token',
    action_ts: '1700000000.1',
    team: { id: 'T1', domain: 'example' },
    user: { id: 'UGIVER', name: 'giver', team_id: 'T1' },
    channel: { id: 'C1', name: 'general' },
    message_ts: '1700000000.000200',
    message: { type: 'message', user: author, ts: '1700000000.000200', text },
    response_url: t.slack.responseUrl('shortcut'),
  });
}
