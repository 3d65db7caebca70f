import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { CARE_RADAR_RECOGNIZE_ACTION } from '#messages/care-radar-section.ts';
import type { Translator } from '#messages/i18n.ts';
import {
  RECOGNITION_OPEN_ACTION,
  RECOGNIZE_AUTHOR_SHORTCUT,
  type RecognitionModalInput,
  recognitionModal,
} from '#messages/recognition-modal.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import { isChannelId } from '#src/recognition/channel-prompt-commands.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';

const USER_ID = /^[UW][A-Z0-9]{1,20}$/;

async function openModal(
  client: WebClient,
  triggerId: string,
  input: RecognitionModalInput,
  logger: Logger,
  tr: Translator,
) {
  try {
    await client.views.open({ trigger_id: triggerId, view: recognitionModal(input, tr) });
  } catch (error) {
    logger.warn({ err: slackErrorCode(error) }, 'recognition modal did not open');
  }
}

/** The channel a button was clicked in (a message in a channel), from Slack's signed payload. */
function channelOf(body: BlockAction): string | undefined {
  const fromContainer = (body.container as { channel_id?: string } | undefined)?.channel_id;
  const channel = body.channel?.id ?? fromContainer;
  return isChannelId(channel) ? channel : undefined;
}

/**
 * Buttons and the message shortcut that open the recognition modal:
 * - "Recognize someone" (weekly channel prompt, App Home): pre-selects the channel it was in;
 * - "Recognize" on the care radar: pre-selects that person;
 * - "Recognize the author" on any message: pre-selects its author and the channel.
 */
export function registerRecognizeActions(app: App, deps: { logger: Logger }): void {
  app.action<BlockAction<ButtonAction>>(RECOGNITION_OPEN_ACTION, async ({ ack, body, client, context }) => {
    await ack();
    await openModal(
      client,
      body.trigger_id,
      { channelId: channelOf(body) },
      deps.logger,
      translatorOf(context),
    );
  });

  app.action<BlockAction<ButtonAction>>(
    CARE_RADAR_RECOGNIZE_ACTION,
    async ({ ack, body, action, client, context }) => {
      await ack();
      const person = USER_ID.test(action.value ?? '') ? action.value : undefined;
      await openModal(
        client,
        body.trigger_id,
        { recipients: person && person !== body.user.id ? [person] : [], channelId: channelOf(body) },
        deps.logger,
        translatorOf(context),
      );
    },
  );

  app.shortcut(RECOGNIZE_AUTHOR_SHORTCUT, async ({ ack, shortcut, client, context }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const author = shortcut.message.user;
    const isPerson =
      typeof author === 'string' &&
      USER_ID.test(author) &&
      author !== shortcut.user.id &&
      author !== context.botUserId &&
      !shortcut.message.bot_id;
    const channelId = isChannelId(shortcut.channel.id) ? shortcut.channel.id : undefined;
    await openModal(
      client,
      shortcut.trigger_id,
      { recipients: isPerson ? [author] : [], channelId },
      deps.logger,
      translatorOf(context),
    );
  });
}
