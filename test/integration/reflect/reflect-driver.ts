import { expect } from 'vitest';
import { ANSWER_ACTION, answerBlockId, REFLECT_MODAL_CALLBACK_ID } from '#messages/reflect-modal.ts';
import type { RecordedCall } from '#src/sandbox/slack-double.ts';
import { keys } from '#src/store/keys.ts';
import { viewSubmissionPayload } from '#test/support/slack-payloads.ts';
import type { TestApp } from '#test/support/test-app.ts';

/** Drives the reflection feature the way Slack would: `/reflect`, then the modal's submit. */

export interface OpenedModal {
  viewId: string;
  privateMetadata: string;
  call: RecordedCall;
  view: {
    blocks: {
      type: string;
      block_id?: string;
      element?: { initial_value?: string };
      hint?: { text: string };
    }[];
  };
}

export async function openReflect(
  t: TestApp,
  who: { userId?: string; teamId?: string; triggerId?: string } = {},
): Promise<OpenedModal> {
  const before = t.slack.callsTo('views.open').length;
  const response = await t.command({
    text: '',
    userId: who.userId ?? 'U1',
    teamId: who.teamId ?? 'T1',
    triggerId: who.triggerId,
  });
  expect(response.status).toBe(200);
  const calls = await t.slack.waitFor('views.open', { count: before + 1, timeoutMs: 5000 });
  const call = calls[before];
  if (!call) throw new Error('views.open was not called');
  expect(call.ok).toBe(true);
  const returned = call.response.view as { id: string; private_metadata: string };
  // The app records the view right after views.open answers; a person cannot submit faster than
  // that, but a test can, so wait for the record.
  const redis = t.throughline.deps.redis.interactive;
  const recordKey = keys.reflectViews(who.teamId ?? 'T1', who.userId ?? 'U1');
  for (let i = 0; i < 200 && !(await redis.hexists(recordKey, returned.id)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    viewId: returned.id,
    privateMetadata: returned.private_metadata,
    call,
    view: call.params.view as OpenedModal['view'],
  };
}

export function answerValues(
  answers: (string | undefined)[],
  extra: Record<string, Record<string, object>> = {},
): Record<string, Record<string, object>> {
  const values: Record<string, Record<string, object>> = {};
  answers.forEach((value, index) => {
    values[answerBlockId(index)] = { [ANSWER_ACTION]: { type: 'plain_text_input', value: value ?? null } };
  });
  return { ...values, ...extra };
}

export async function submitReflect(
  t: TestApp,
  input: {
    viewId: string;
    privateMetadata: string;
    values: Record<string, Record<string, object>>;
    userId?: string;
    teamId?: string;
  },
) {
  const response = await t.interact(
    viewSubmissionPayload({
      callbackId: REFLECT_MODAL_CALLBACK_ID,
      viewId: input.viewId,
      privateMetadata: input.privateMetadata,
      values: input.values,
      userId: input.userId ?? 'U1',
      teamId: input.teamId ?? 'T1',
    }),
  );
  expect(response.status).toBe(200);
  return {
    response,
    /** The ack body: empty (modal closes) or `{ response_action: 'errors', errors }`. */
    body:
      response.text === ''
        ? undefined
        : (response.json() as { response_action?: string; errors?: Record<string, string> }),
  };
}

/** Every key under a person's root (tl:<team>:user:<user> and tl:<team>:user:<user>:*). */
export async function keysOf(t: TestApp, teamId: string, userId: string): Promise<string[]> {
  const redis = t.throughline.deps.redis.interactive;
  const root = keys.userRoot(teamId, userId);
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${root}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...batch.filter((key) => key === root || key.startsWith(`${root}:`)));
  } while (cursor !== '0');
  return found.sort();
}
