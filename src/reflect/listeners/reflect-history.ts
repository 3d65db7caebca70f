import { HISTORY_LIMIT, reflectHistoryMessage } from '#messages/reflect-history.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';
import type { ReflectDeps } from '../reflect-deps.ts';

/** `/reflect history`: the caller's own recent reflections, newest first, only to them (ephemeral). */
export function reflectHistorySubcommand(deps: ReflectDeps): ReflectSubcommand {
  return async ({ ack, command, context }) => {
    const [recent, weeks] = await Promise.all([
      deps.reflections.listRecent(command.team_id, command.user_id, HISTORY_LIMIT),
      deps.reflections.reflectedWeeks(command.team_id, command.user_id),
    ]);
    await ack(reflectHistoryMessage(recent, weeks.length, translatorOf(context)));
  };
}
