import type { App } from '@slack/bolt';
import { recognitionModal } from '#messages/recognition-modal.ts';
import { formDidNotOpenText, formOpenedHint, undeliveredMessage } from '#messages/recognition-replies.ts';
import { recognizeHelpMessage } from '#messages/recognize-help.ts';
import type { SharedDeps } from '#src/core-deps.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import { digestCommand, isChannelId, scheduleCommand } from '#src/recognition/channel-prompt-commands.ts';
import { refusalForPeople } from '#src/recognition/check-people.ts';
import {
  type GiveRecognitionDeps,
  giveRecognition,
  giveRecognitionDeps,
} from '#src/recognition/give-recognition.ts';
import { mrkdwnToPlain } from '#src/recognition/mrkdwn-to-plain.ts';
import { parseRecognition } from '#src/recognition/parse-recognition.ts';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import { type CommandArgs, runSafely, splitSubcommand } from '#src/slack/reflect-command.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';

export interface RecognizeCommandDeps extends Pick<SharedDeps, 'logger' | 'metrics' | 'clock'> {
  config: { adminUserIds: string[] };
  limits?: GiveRecognitionDeps['limits'];
}

function ephemeral(text: string) {
  return { response_type: 'ephemeral' as const, text };
}

/**
 * `/recognize @someone what they did #mind` posts a recognition in the channel;
 * `/recognize schedule …`, `/recognize digest …` and `/recognize help` are the other words.
 * Anything the text cannot say (nobody named, no words) opens the modal pre-filled instead.
 */
export function registerRecognizeCommand(
  app: App,
  deps: RecognizeCommandDeps,
  recognition: RecognitionServices,
): void {
  const channelDeps = {
    store: recognition.prompts,
    scheduler: recognition.scheduler,
    clock: deps.clock,
    adminUserIds: deps.config.adminUserIds,
    languages: recognition.channelLanguages,
  };

  app.command('/recognize', async (args) => {
    const { word, args: rest } = splitSubcommand(args.command.text);
    const tr = translatorOf(args.context);
    const input = {
      teamId: args.command.team_id,
      channelId: args.command.channel_id,
      userId: args.command.user_id,
      args: rest,
    };
    if (word === 'schedule' || word === 'digest') {
      deps.metrics.commands.inc({ command: 'recognize', subcommand: word });
      await runSafely(
        args,
        async () => {
          await args.ack();
          const reply =
            word === 'schedule'
              ? await scheduleCommand(channelDeps, args.client, input, tr)
              : await digestCommand(channelDeps, args.client, input, tr);
          await args.respond(ephemeral(reply));
        },
        deps.logger,
      );
      return;
    }
    if (word === 'help') {
      deps.metrics.commands.inc({ command: 'recognize', subcommand: 'help' });
      await args.ack(recognizeHelpMessage(tr));
      return;
    }
    deps.metrics.commands.inc({ command: 'recognize', subcommand: 'give' });
    await runSafely(args, () => recognize(args, deps, recognition), deps.logger);
  });
}

async function recognize(args: CommandArgs, deps: RecognizeCommandDeps, recognition: RecognitionServices) {
  const { command, context, client } = args;
  const giverId = command.user_id;
  const tr = translatorOf(context);
  const channelId = isChannelId(command.channel_id) ? command.channel_id : undefined;
  const parsed = parseRecognition(command.text, { giverId, botUserId: context.botUserId, tr });

  if (parsed.kind === 'refused') {
    await args.ack(ephemeral(parsed.message));
    return;
  }

  if (parsed.kind === 'form' || !channelId) {
    const hint = formOpenedHint(
      parsed.kind === 'post' ? 'no-channel' : parsed.reason === 'no-words' ? 'no-words' : 'no-one',
      tr,
    );
    await args.ack(ephemeral(hint));
    try {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: recognitionModal(
          {
            recipients: parsed.recipients,
            words: mrkdwnToPlain(parsed.words),
            dimension: parsed.dimension,
            channelId,
          },
          tr,
        ),
      });
    } catch (error) {
      deps.logger.warn({ err: slackErrorCode(error) }, 'recognition modal did not open');
      await args.respond(ephemeral(formDidNotOpenText(tr)));
    }
    return;
  }

  await args.ack();
  const refusal = await refusalForPeople(
    client,
    parsed.recipients,
    {
      giverId,
      botUserId: context.botUserId,
    },
    tr,
  );
  if (refusal) {
    await args.respond(ephemeral(refusal));
    return;
  }
  const outcome = await giveRecognition(
    giveRecognitionDeps({ ...deps, languages: recognition.languages }, recognition.recognitions),
    client,
    {
      teamId: command.team_id,
      giverId,
      recipientIds: parsed.recipients,
      words: parsed.words,
      dimension: parsed.dimension,
      visibility: 'channel',
      channelId,
      tr,
    },
  );
  if (!outcome.ok) {
    await args.respond(ephemeral(outcome.message));
  } else if (outcome.undelivered.length > 0) {
    await args.respond(ephemeral(undeliveredMessage(outcome.undelivered, tr)));
  }
}
