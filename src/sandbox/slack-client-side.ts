import { randomUUID } from 'node:crypto';
import type { SandboxPerson } from './sandbox-workspace.ts';
import type { DoubleTeam, Params, SlackDouble } from './slack-double.ts';
import {
  eventEnvelope,
  interactionBody,
  postSigned,
  type SlackResponse,
  slashCommandBody,
} from './slack-requests.ts';

/**
 * What Slack's own client and servers do when a person acts in the sandbox page: build the
 * payload Slack would send (slash command, block action, view submission, shortcut, event), sign
 * it and POST it to the app's real `/slack/events`, then apply the app's HTTP answer the way Slack
 * does (a command's ephemeral reply, a modal's `response_action`).
 */
export interface SlackCommandInfo {
  command: string;
  description: string;
  usageHint: string;
}

export interface ActionContainer {
  type: 'message' | 'view';
  channel?: string;
  ts?: string;
  is_ephemeral?: boolean;
  view_id?: string;
}

export type SubmitResult =
  | { result: 'closed' | 'updated' | 'pushed' | 'cleared' }
  | { result: 'errors'; errors: Record<string, string> };

/** A refusal the page shows to the person (Slack's own wording where Slack has one). */
export class ClientSideError extends Error {}

export interface SlackClientSide {
  compose(as: SandboxPerson, channel: string, text: string): Promise<'command' | 'message'>;
  action(as: SandboxPerson, action: Params, container: ActionContainer, values?: Params): Promise<void>;
  submit(as: SandboxPerson, viewId: string, values: Params): Promise<SubmitResult>;
  close(as: SandboxPerson, viewId: string): Promise<void>;
  shortcut(as: SandboxPerson, callbackId: string, channel: string, ts: string): Promise<void>;
  openHome(as: SandboxPerson): Promise<void>;
}

export function createSlackClientSide(deps: {
  double: SlackDouble;
  team: DoubleTeam;
  /** Where the app listens (changes when the sandbox is reset). */
  appUrl: () => string;
  signingSecret: string;
  commands: SlackCommandInfo[];
  channelName: (channel: string) => string;
}): SlackClientSide {
  const { double, team } = deps;
  const appId = team.appId ?? 'A0THROUGHLINE';

  const userField = (as: SandboxPerson) => ({
    id: as.id,
    username: as.name,
    name: as.name,
    team_id: team.teamId,
  });
  const teamField = { id: team.teamId, domain: team.domain ?? 'sandbox' };

  async function send(body: string, contentType: string): Promise<SlackResponse> {
    const response = await postSigned(deps.appUrl(), body, contentType, {
      signingSecret: deps.signingSecret,
    });
    if (response.status >= 400) {
      throw new ClientSideError(`Throughline answered HTTP ${response.status}. Its log says why.`);
    }
    return response;
  }

  const interact = (payload: object) => send(interactionBody(payload), 'application/x-www-form-urlencoded');

  /** The app's reply body, when it sent one (an empty body is a plain acknowledgement). */
  function answerOf(response: SlackResponse): Params | undefined {
    if (response.text.trim() === '') return undefined;
    try {
      const parsed: unknown = JSON.parse(response.text);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Params) : { text: response.text };
    } catch {
      return { text: response.text };
    }
  }

  function messageFor(channel: string, ts: string): Params | undefined {
    const stored = double.messages(channel).find((message) => message.ts === ts);
    if (!stored) return undefined;
    return {
      type: 'message',
      ts: stored.ts,
      text: stored.text,
      ...(stored.user ? { user: stored.user } : { user: team.botUserId, bot_id: team.botId, app_id: appId }),
      ...(stored.blocks ? { blocks: stored.blocks } : {}),
    };
  }

  function viewWithValues(viewId: string, as: SandboxPerson, values: Params | undefined): Params {
    const view =
      double.view(viewId) ?? double.homeView(as.id, team.teamId) ?? fail(`That view is no longer open.`);
    return { ...view, state: { values: values ?? {} } };
  }

  return {
    async compose(as, channel, text) {
      const trimmed = text.trim();
      if (!trimmed.startsWith('/')) {
        if (trimmed === '') throw new ClientSideError('Type a message first.');
        double.postUserMessage(as.id, channel, text, team.teamId);
        return 'message';
      }
      const [command = ''] = trimmed.split(/\s+/);
      if (!deps.commands.some((known) => known.command === command)) {
        throw new ClientSideError(
          `${command} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
        );
      }
      const argumentText = trimmed.slice(command.length).trim();
      const context = { teamId: team.teamId, channel, userId: as.id };
      const response = await send(
        slashCommandBody({
          appId,
          teamDomain: team.domain,
          teamId: team.teamId,
          channelId: channel,
          channelName: deps.channelName(channel),
          userId: as.id,
          userName: as.name,
          command,
          text: argumentText,
          responseUrl: double.responseUrl(`R${randomUUID().replaceAll('-', '')}`, context),
          triggerId: double.issueTriggerId(3000, as.id),
        }),
        'application/x-www-form-urlencoded',
      );
      const answer = answerOf(response);
      if (answer) double.showCommandAnswer(context, answer);
      return 'command';
    },

    async action(as, action, container, values) {
      const triggerId = double.issueTriggerId(3000, as.id);
      const performed = { ...action, action_ts: String(Date.now() / 1000) };
      if (container.type === 'view') {
        const view = viewWithValues(container.view_id ?? '', as, values);
        await interact({
          type: 'block_actions',
          user: userField(as),
          api_app_id: appId,
          token: 'deprecated-verification-token',
          container: { type: 'view', view_id: view.id },
          trigger_id: triggerId,
          team: teamField,
          enterprise: null,
          is_enterprise_install: false,
          view,
          actions: [performed],
        });
        return;
      }
      const channel = container.channel ?? fail('A message action needs its channel.');
      const ts = container.ts ?? fail('A message action needs its message.');
      const ephemeral = container.is_ephemeral === true;
      const responseUrl = double.responseUrl(`R${randomUUID().replaceAll('-', '')}`, {
        teamId: team.teamId,
        channel,
        userId: as.id,
        messageTs: ts,
        ephemeral,
      });
      await interact({
        type: 'block_actions',
        user: userField(as),
        api_app_id: appId,
        token: 'deprecated-verification-token',
        container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: ephemeral },
        trigger_id: triggerId,
        team: teamField,
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: channel, name: deps.channelName(channel) },
        // Slack sends the message itself only when it is not an ephemeral one.
        ...(ephemeral ? {} : { message: messageFor(channel, ts) }),
        state: { values: values ?? {} },
        response_url: responseUrl,
        actions: [performed],
      });
    },

    async submit(as, viewId, values) {
      const view = viewWithValues(viewId, as, values);
      const response = await interact({
        type: 'view_submission',
        team: teamField,
        user: userField(as),
        api_app_id: appId,
        token: 'deprecated-verification-token',
        trigger_id: double.issueTriggerId(3000, as.id),
        view,
        response_urls: [],
        enterprise: null,
        is_enterprise_install: false,
      });
      const answer = answerOf(response);
      const result = double.applyViewResponse(as.id, viewId, answer, team.teamId);
      if (result === 'errors') {
        const errors = answer?.errors;
        return {
          result,
          errors: typeof errors === 'object' && errors !== null ? (errors as Record<string, string>) : {},
        };
      }
      return { result };
    },

    async close(as, viewId) {
      const view = double.view(viewId);
      double.closeModal(as.id, viewId, team.teamId);
      if (view?.notify_on_close === true) {
        await interact({
          type: 'view_closed',
          team: teamField,
          user: userField(as),
          api_app_id: appId,
          token: 'deprecated-verification-token',
          view,
          is_cleared: false,
          is_enterprise_install: false,
        });
      }
    },

    async shortcut(as, callbackId, channel, ts) {
      const message = messageFor(channel, ts) ?? fail('That message is gone.');
      await interact({
        type: 'message_action',
        token: 'deprecated-verification-token',
        action_ts: String(Date.now() / 1000),
        team: teamField,
        user: userField(as),
        channel: { id: channel, name: deps.channelName(channel) },
        is_enterprise_install: false,
        enterprise: null,
        callback_id: callbackId,
        trigger_id: double.issueTriggerId(3000, as.id),
        response_url: double.responseUrl(`R${randomUUID().replaceAll('-', '')}`, {
          teamId: team.teamId,
          channel,
          userId: as.id,
        }),
        message_ts: ts,
        message,
      });
    },

    async openHome(as) {
      const home = double.homeView(as.id, team.teamId);
      await send(
        JSON.stringify(
          eventEnvelope(
            {
              type: 'app_home_opened',
              user: as.id,
              channel: double.dmChannelId(as.id),
              tab: 'home',
              event_ts: String(Date.now() / 1000),
              ...(home ? { view: home } : {}),
            },
            { teamId: team.teamId, botUserId: team.botUserId, appId },
          ),
        ),
        'application/json',
      );
    },
  };
}

function fail(message: string): never {
  throw new ClientSideError(message);
}
