import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import {
  RECOGNITION_BLOCKS,
  RECOGNITION_MODAL_CALLBACK,
  readRecognitionModal,
  recognitionProblemView,
  recognitionSentView,
} from '#messages/recognition-modal.ts';
import type { Clock } from '#src/clock.ts';
import type { Metrics } from '#src/metrics.ts';
import { refusalForPeople } from '#src/recognition/check-people.ts';
import {
  type GiveRecognitionDeps,
  giveRecognition,
  giveRecognitionDeps,
} from '#src/recognition/give-recognition.ts';
import { checkRecognitionForm } from '#src/recognition/recognition-form.ts';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import { slackErrorCode } from '#src/recognition/slack-error-code.ts';

/**
 * The recognition modal's submit: inline errors for anything wrong; otherwise the modal turns
 * into a "Thank you" and the recognition goes out. If the channel cannot take the post, the
 * modal says why (nothing was posted) instead of failing silently.
 */
/** How long the submit waits for users.info before going ahead unchecked. */
const CHECK_BUDGET_MS = 1800;

export function registerRecognitionModal(
  app: App,
  deps: { logger: Logger; metrics: Metrics; clock: Clock; limits?: GiveRecognitionDeps['limits'] },
  recognition: RecognitionServices,
): void {
  app.view(RECOGNITION_MODAL_CALLBACK, async ({ ack, body, view, client, context }) => {
    const giverId = body.user.id;
    const teamId = body.team?.id ?? view.team_id;
    const form = readRecognitionModal(view.state.values);
    const check = checkRecognitionForm(form, { giverId, botUserId: context.botUserId });
    if (!check.ok) {
      await ack({ response_action: 'errors', errors: check.errors });
      return;
    }
    let refusal: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      // Slack wants the answer within 3 s: if users.info is slow, go ahead unchecked (a DM to a
      // bot or a gone account then simply fails and is logged).
      const budget = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), CHECK_BUDGET_MS);
      });
      refusal = await Promise.race([
        refusalForPeople(client, form.recipients, { giverId, botUserId: context.botUserId }),
        budget,
      ]);
    } catch (error) {
      deps.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'recipient check failed',
      );
      refusal = 'Sorry, I could not check these people with Slack just now. Please try again in a minute.';
    } finally {
      clearTimeout(timer);
    }
    if (refusal) {
      await ack({ response_action: 'errors', errors: { [RECOGNITION_BLOCKS.recipients]: refusal } });
      return;
    }
    await ack({
      response_action: 'update',
      view: recognitionSentView({
        visibility: form.visibility,
        recipients: form.recipients,
        channelId: form.channelId,
      }),
    });

    let problem: string | undefined;
    try {
      const outcome = await giveRecognition(giveRecognitionDeps(deps, recognition.recognitions), client, {
        teamId,
        giverId,
        recipientIds: form.recipients,
        words: check.words,
        dimension: form.dimension,
        visibility: form.visibility,
        channelId: form.visibility === 'channel' ? form.channelId : undefined,
      });
      if (!outcome.ok) problem = outcome.message;
    } catch (error) {
      deps.logger.error({ err: slackErrorCode(error) }, 'recognition from the modal failed');
      problem =
        'Sorry, something went wrong on our side and your recognition was not sent. Please try again in a minute.';
    }
    if (problem) {
      const text = problem;
      // The modal may be closed already: then the giver hears it by DM.
      await client.views
        .update({ view_id: view.id, view: recognitionProblemView(text) })
        .catch(() => client.chat.postMessage({ channel: giverId, text }))
        .catch((error: unknown) =>
          deps.logger.warn({ err: slackErrorCode(error) }, 'could not tell the giver'),
        );
    }
  });
}
