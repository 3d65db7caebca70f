import { createHmac, randomUUID } from 'node:crypto';

/**
 * Builds requests the way Slack sends them to `/slack/events`: slash commands and interactivity
 * form-encoded (interactivity as a `payload` JSON field), events as JSON, each signed with
 * `v0=HMAC-SHA256(secret, "v0:<ts>:<raw body>")`.
 */
export interface SignedRequestOptions {
  signingSecret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Override the signature (to test refusals). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SlackResponse {
  status: number;
  text: string;
  json(): unknown;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  baseUrl: string,
  body: string,
  contentType: string,
  options: SignedRequestOptions,
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(options.signingSecret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

export interface CommandFields {
  appId?: string;
  teamDomain?: string;
  command?: string;
  text?: string;
  teamId?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
  /** The Enterprise Grid org of the workspace, if any. */
  enterpriseId?: string;
  /** Sent to an org-wide install of the app (Enterprise Grid). */
  isEnterpriseInstall?: boolean;
}

export function slashCommandBody(fields: CommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId ?? 'T1',
    team_domain: fields.teamDomain ?? 'example',
    channel_id: fields.channelId ?? 'C1',
    channel_name: fields.channelName ?? 'general',
    user_id: fields.userId ?? 'U1',
    user_name: fields.userName ?? 'ann',
    command: fields.command ?? '/reflect',
    text: fields.text ?? '',
    api_app_id: fields.appId ?? 'A1',
    is_enterprise_install: String(fields.isEnterpriseInstall ?? false),
    ...(fields.enterpriseId ? { enterprise_id: fields.enterpriseId } : {}),
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? newTriggerId(),
  }).toString();
}

export function newTriggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().replaceAll('-', '')}`;
}

export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface EnvelopeFields {
  teamId?: string;
  eventId?: string;
  /** The Enterprise Grid org, if any. */
  enterpriseId?: string;
  /** Sent to an org-wide install: the authorization names the org, not a workspace. */
  isEnterpriseInstall?: boolean;
  botUserId?: string;
  appId?: string;
}

/** An Events API envelope around `event`. */
export function eventEnvelope(event: object, fields: EnvelopeFields = {}): object {
  const teamId = fields.teamId ?? 'T1';
  const enterpriseId = fields.enterpriseId ?? null;
  const botUserId = fields.botUserId ?? 'UBOT1';
  return {
    token: 'deprecated-verification-token',
    team_id: teamId,
    ...(fields.enterpriseId ? { enterprise_id: fields.enterpriseId } : {}),
    api_app_id: fields.appId ?? 'A1',
    event,
    type: 'event_callback',
    event_id: fields.eventId ?? `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      fields.isEnterpriseInstall
        ? {
            enterprise_id: enterpriseId,
            team_id: null,
            user_id: botUserId,
            is_bot: true,
            is_enterprise_install: true,
          }
        : {
            enterprise_id: enterpriseId,
            team_id: teamId,
            user_id: botUserId,
            is_bot: true,
            is_enterprise_install: false,
          },
    ],
    is_ext_shared_channel: false,
  };
}
