import { english, type Translator } from '#messages/i18n.ts';
import { answerBlockId, readReflectSubmission, reflectFormErrorText } from '#messages/reflect-modal.ts';
import type { Reflection } from '#src/reflect/reflection-store.ts';
import type { ReflectDeps } from './reflect-deps.ts';

export type SubmitOutcome =
  | { kind: 'saved'; reflection: Reflection; created: boolean }
  | {
      kind: 'refused';
      /** Inline errors for `response_action: 'errors'`, keyed by block id. */
      errors: Record<string, string>;
      reason: 'unknown_view' | 'expired' | 'metadata_mismatch' | 'invalid_input';
    };

export interface ReflectSubmissionInput {
  teamId: string;
  userId: string;
  viewId: string;
  privateMetadata: string;
  /** `view.state.values` as received: not trusted. */
  values: unknown;
}

/**
 * Saves a reflection modal submission, or says why not. The week, the prompts and the time zone
 * come from the server's record of the view it opened for this person; the payload only supplies
 * the text. Nothing is stored unless everything is valid.
 */
export async function submitReflection(
  input: ReflectSubmissionInput,
  deps: Pick<ReflectDeps, 'reflections' | 'reflectViews' | 'metrics' | 'logger'>,
  tr: Translator = english(),
): Promise<SubmitOutcome> {
  const { teamId, userId } = input;
  const check = await deps.reflectViews.check(teamId, userId, input.viewId, input.privateMetadata);
  if (!check.ok) {
    deps.logger.warn({ teamId, reason: check.reason }, 'refused a reflection submission');
    return {
      kind: 'refused',
      reason: check.reason,
      errors: { [answerBlockId(0)]: reflectFormErrorText('forged', tr) },
    };
  }
  const { opened } = check;
  const read = readReflectSubmission(input.values, opened.prompts.length, tr);
  if (!read.ok) return { kind: 'refused', reason: 'invalid_input', errors: read.errors };

  const { answers, intention, ratings } = read.value;
  const { reflection, created } = await deps.reflections.save(teamId, userId, {
    weekKey: opened.weekKey,
    timeZone: opened.timeZone,
    prompts: opened.prompts.map((prompt, index) => {
      const answer = answers[index];
      return { ...prompt, ...(answer !== undefined ? { answer } : {}) };
    }),
    ...(intention !== undefined ? { intention } : {}),
    ratings,
  });
  await deps.reflectViews.consume(teamId, userId, input.viewId);
  deps.metrics.reflectionsSaved.inc({ kind: created ? 'new' : 'edit' });
  return { kind: 'saved', reflection, created };
}
