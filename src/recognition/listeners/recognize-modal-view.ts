import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Translator } from '#messages/i18n.ts';
import {
  RECOGNITION_BLOCKS,
  RECOGNITION_MODAL_CALLBACK,
  readRecognitionModal,
  recognitionNotSentText,
  recognitionProblemView,
  recognitionSentView,
} from '#messages/recognition-modal.ts';
import { recognitionNoteText } from '#messages/recognition-replies.ts';
import type { Clock } from '#src/clock.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import type { Metrics } from '#src/metrics.ts';
import { channelRefusal } from '#src/recognition/channel-membership.ts';
import { refusalForPeople } from '#src/recognition/check-people.ts';
import {
  type GiveRecognitionDeps,
  giveRecognition,
  giveRecognitionDeps,
} from '#src/recognition/give-recognition.ts';
import { checkRecognitionForm } from '#src/recognition/recognition-form.ts';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';

/** How long the submit waits for Slack's answers (users.info, the channel's members). */
const CHECK_BUDGET_MS = 1800;

const TIMED_OUT = Symbol('timed out');

/** `work`'s answer, or TIMED_OUT once `ms` have passed. */
async function within<T>(ms: number, work: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, budget]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Inline errors from what Slack says, in parallel within Slack's 3 s: the recipients (if
 * users.info is slow, go ahead unchecked: a DM to a bot or a gone account then simply fails and is
 * logged) and the channel (the giver must be in it; if Slack is slow, refuse: posting where the
 * giver is not is exactly what must never happen).
 */
async function checkWithSlack(
  client: WebClient,
  logger: Logger,
  input: { giverId: string; botUserId?: string; recipients: string[]; channelId?: string },
  tr: Translator,
): Promise<Record<string, string> | undefined> {
  const people = within(
    CHECK_BUDGET_MS,
    refusalForPeople(client, input.recipients, { giverId: input.giverId, botUserId: input.botUserId }, tr),
  ).catch((error: unknown) => {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'recipient check failed');
    return recognitionNoteText('peopleUnchecked', tr);
  });
  const channel = input.channelId
    ? within(CHECK_BUDGET_MS, channelRefusal(client, input.channelId, input.giverId, tr)).catch(
        (error: unknown) => {
          logger.warn({ err: slackErrorCode(error) }, 'channel check failed');
          return recognitionNoteText('unchecked', tr);
        },
      )
    : undefined;
  const [person, place] = await Promise.all([people, channel]);
  const errors: Record<string, string> = {};
  if (typeof person === 'string') errors[RECOGNITION_BLOCKS.recipients] = person;
  if (place === TIMED_OUT) errors[RECOGNITION_BLOCKS.channel] = recognitionNoteText('unchecked', tr);
  else if (typeof place === 'string') errors[RECOGNITION_BLOCKS.channel] = place;
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * The recognition modal's submit: inline errors for anything wrong; otherwise the modal turns
 * into a "Thank you" and the recognition goes out. If the channel cannot take the post, the
 * modal says why (nothing was posted) instead of failing silently.
 */
export function registerRecognitionModal(
  app: App,
  deps: {
    logger: Logger;
    metrics: Metrics;
    clock: Clock;
    limits?: GiveRecognitionDeps['limits'];
  },
  recognition: RecognitionServices,
): void {
  app.view(RECOGNITION_MODAL_CALLBACK, async ({ ack, body, view, client, context }) => {
    const giverId = body.user.id;
    const teamId = teamIdOf(body, context);
    const tr = translatorOf(context);
    if (!teamId) {
      // Bolt authorized the request, so a workspace is always named; keep the words in the modal.
      await ack({
        response_action: 'errors',
        errors: { [RECOGNITION_BLOCKS.words]: recognitionNotSentText(tr) },
      });
      return;
    }
    const form = readRecognitionModal(view.state.values);
    const check = checkRecognitionForm(form, { giverId, botUserId: context.botUserId, tr });
    if (!check.ok) {
      await ack({ response_action: 'errors', errors: check.errors });
      return;
    }
    const errors = await checkWithSlack(
      client,
      deps.logger,
      {
        giverId,
        botUserId: context.botUserId,
        recipients: form.recipients,
        channelId: form.visibility === 'channel' ? form.channelId : undefined,
      },
      tr,
    );
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({
      response_action: 'update',
      view: recognitionSentView(
        {
          visibility: form.visibility,
          recipients: form.recipients,
          channelId: form.channelId,
        },
        tr,
      ),
    });

    let problem: string | undefined;
    try {
      const outcome = await giveRecognition(
        giveRecognitionDeps({ ...deps, languages: recognition.languages }, recognition.recognitions),
        client,
        {
          teamId,
          giverId,
          recipientIds: form.recipients,
          words: check.words,
          dimension: form.dimension,
          visibility: form.visibility,
          channelId: form.visibility === 'channel' ? form.channelId : undefined,
          tr,
        },
      );
      if (!outcome.ok) problem = outcome.message;
    } catch (error) {
      deps.logger.error({ err: slackErrorCode(error) }, 'recognition from the modal failed');
      problem = recognitionNotSentText(tr);
    }
    if (problem) {
      const text = problem;
      // The modal may be closed already: then the giver hears it by DM.
      await client.views
        .update({ view_id: view.id, view: recognitionProblemView(text, tr) })
        .catch(() => client.chat.postMessage({ channel: giverId, text }))
        .catch((error: unknown) =>
          deps.logger.warn({ err: slackErrorCode(error) }, 'could not tell the giver'),
        );
    }
  });
}
