import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '#messages/i18n.ts';
import { buildReflectModal } from '#messages/reflect-modal.ts';
import { weeksBetween } from '#src/schedule/iso-week.ts';
import type { PersonProfile } from '#src/store/user-profile-store.ts';
import { personWeek } from './person-week.ts';
import type { ReflectDeps } from './reflect-deps.ts';
import { weekPrompts } from './week-prompts.ts';

export interface OpenReflectModalInput {
  /** The listener's client (Bolt's, for the workspace the click or command came from). */
  client: WebClient;
  /** From the slash command or button click; valid for 3 s and once. */
  triggerId: string;
  teamId: string;
  userId: string;
  /** The person's language (from the request); without it, their profile's. */
  tr?: Translator;
  /** The person's profile as the request's middleware read it (profileOf); without it, read here. */
  profile?: PersonProfile;
  deps: Pick<
    ReflectDeps,
    'clock' | 'logger' | 'reflections' | 'reflectViews' | 'userProfiles' | 'translations'
  >;
}

/**
 * Opens this week's reflection modal for the person (pre-filled when they already reflected this
 * week), and remembers the view id so only this person's submission of this view is accepted.
 * Called by `/reflect`, App Home's "Reflect now" and the nudge DM's "Reflect now" button.
 * Throws when Slack refuses the view (e.g. `expired_trigger_id`); the caller tells the person.
 */
export async function openReflectModal(
  input: OpenReflectModalInput,
): Promise<{ viewId: string; weekKey: string }> {
  const { client, triggerId, teamId, userId, deps } = input;
  const { timeZone, weekKey, language } = await personWeek(
    deps,
    client,
    teamId,
    userId,
    input.profile ? { profile: input.profile } : {},
  );
  const tr = input.tr ?? deps.translations.for(language);
  // One round trip for the week, the last intention and the prompt history.
  const { existing, lastIntention: last, history } = await deps.reflections.forModal(teamId, userId, weekKey);
  const prompts = weekPrompts(existing, history, userId, weekKey, tr);
  const nonce = randomBytes(18).toString('base64url');
  const view = buildReflectModal(
    {
      weekKey,
      prompts,
      privateMetadata: nonce,
      ...(existing
        ? {
            existing: {
              answers: Object.fromEntries(
                existing.prompts.flatMap((p) => (p.answer !== undefined ? [[p.id, p.answer]] : [])),
              ),
              ...(existing.intention !== undefined ? { intention: existing.intention } : {}),
              ratings: existing.ratings,
            },
          }
        : {}),
      ...(last ? { lastIntention: { text: last.text, weeksAgo: weeksBetween(last.weekKey, weekKey) } } : {}),
    },
    tr,
  );
  const result = await client.views.open({ trigger_id: triggerId, view });
  const viewId = result.view?.id;
  if (!viewId) throw new Error('views.open returned no view id');
  await Promise.all([
    deps.reflectViews.remember(teamId, userId, viewId, {
      nonce,
      weekKey,
      timeZone,
      prompts: prompts.map((p) => ({ id: p.id, dimension: p.dimension, text: p.text })),
    }),
    existing
      ? Promise.resolve()
      : deps.reflections.recordPromptsShown(
          teamId,
          userId,
          weekKey,
          prompts.map((p) => p.id),
        ),
  ]);
  deps.logger.debug({ teamId, weekKey, editing: existing !== undefined }, 'reflection modal opened');
  return { viewId, weekKey };
}
