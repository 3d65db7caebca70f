import { newTriggerId } from '#src/sandbox/slack-requests.ts';

/**
 * Interaction payloads as Slack shapes them, with test defaults (team T1, person U1): the sandbox
 * builds its own from real people and views (src/sandbox/slack-client-side.ts).
 */
export interface ActorFields {
  teamId?: string;
  userId?: string;
}

/** A `block_actions` payload for one clicked button. */
export function blockActionPayload(
  fields: ActorFields & {
    actionId: string;
    value?: string;
    blockId?: string;
    responseUrl?: string;
    channelId?: string;
    container?: object;
    view?: object;
    triggerId?: string;
  },
): object {
  const teamId = fields.teamId ?? 'T1';
  const userId = fields.userId ?? 'U1';
  return {
    type: 'block_actions',
    team: { id: teamId, domain: 'example' },
    user: { id: userId, username: 'ann', name: 'ann', team_id: teamId },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    trigger_id: fields.triggerId ?? newTriggerId(),
    container: fields.container ?? {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: fields.channelId ?? 'D1',
    },
    channel: fields.channelId ? { id: fields.channelId, name: 'directmessage' } : undefined,
    response_url: fields.responseUrl,
    view: fields.view,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: fields.blockId ?? 'actions',
        value: fields.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

/** A `view_submission` payload. `values` is `state.values` as Slack shapes it. */
export function viewSubmissionPayload(
  fields: ActorFields & {
    callbackId: string;
    viewId?: string;
    privateMetadata?: string;
    values: Record<string, Record<string, object>>;
    hash?: string;
  },
): object {
  const teamId = fields.teamId ?? 'T1';
  const userId = fields.userId ?? 'U1';
  return {
    type: 'view_submission',
    team: { id: teamId, domain: 'example' },
    user: { id: userId, username: 'ann', name: 'ann', team_id: teamId },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    trigger_id: newTriggerId(),
    view: {
      id: fields.viewId ?? 'V0000000001',
      team_id: teamId,
      type: 'modal',
      callback_id: fields.callbackId,
      private_metadata: fields.privateMetadata ?? '',
      hash: fields.hash ?? '1700000000.abcdef',
      state: { values: fields.values },
      title: { type: 'plain_text', text: 'Reflect' },
      blocks: [],
      app_id: 'A1',
      bot_id: 'BBOT1',
    },
    response_urls: [],
  };
}
