import type { App } from '@slack/bolt';
import { reflectionSavedMessage } from '#messages/reflect-confirmation.ts';
import { answerBlockId, REFLECT_MODAL_CALLBACK_ID, reflectFormErrorText } from '#messages/reflect-modal.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { teamIdOf } from '#src/slack/team-id.ts';
import { publishHome } from '../app-home.ts';
import type { ReflectDeps } from '../reflect-deps.ts';
import { reflectionStreak } from '../streak.ts';
import { submitReflection } from '../submit-reflection.ts';

/**
 * The reflection modal's submit: validate and save (inline errors keep the modal open with the
 * person's text), then confirm privately in a DM and redraw their App Home.
 */
export function registerReflectSubmission(app: App, deps: ReflectDeps): void {
  app.view(REFLECT_MODAL_CALLBACK_ID, async ({ ack, body, view, client, context }) => {
    const teamId = teamIdOf(body, context);
    const userId = body.user.id;
    const tr = translatorOf(context);
    if (!teamId) {
      await ack({
        response_action: 'errors',
        errors: { [answerBlockId(0)]: reflectFormErrorText('saveFailed', tr) },
      });
      return;
    }
    let outcome: Awaited<ReturnType<typeof submitReflection>>;
    try {
      outcome = await submitReflection(
        {
          teamId,
          userId,
          viewId: view.id,
          privateMetadata: view.private_metadata ?? '',
          values: view.state?.values,
        },
        deps,
        tr,
      );
    } catch (error) {
      deps.logger.error(
        { teamId, err: error instanceof Error ? error.message : String(error) },
        'saving a reflection failed',
      );
      await ack({
        response_action: 'errors',
        errors: { [answerBlockId(0)]: reflectFormErrorText('saveFailed', tr) },
      });
      return;
    }
    if (outcome.kind === 'refused') {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    await ack();

    const { reflection, created } = outcome;
    try {
      const [enrolled, weeks, paused] = await Promise.all([
        deps.isNudgeEnrolled(teamId, userId).catch(() => false),
        deps.reflections.reflectedWeeks(teamId, userId),
        deps.pausedWeeks(teamId, userId).catch(() => []),
      ]);
      const message = reflectionSavedMessage(
        {
          weekKey: reflection.weekKey,
          created,
          offerNudge: !enrolled,
          streak: reflectionStreak({
            reflectedWeeks: weeks,
            pausedWeeks: paused,
            currentWeekKey: reflection.weekKey,
          }),
        },
        tr,
      );
      await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
    } catch (error) {
      deps.logger.warn(
        { teamId, code: slackErrorCode(error) },
        'reflection saved, but the confirmation failed',
      );
    }
    await publishHome(deps, client, teamId, userId, { tr }).catch((error: unknown) =>
      deps.logger.warn({ teamId, code: slackErrorCode(error) }, 'Home refresh after saving failed'),
    );
  });
}
