import { HISTORY_LIMIT, reflectHistoryMessage } from '#messages/reflect-history.ts';
import type { AppDeps } from '#src/deps.ts';
import type { ReflectSubcommand } from '../../slack/reflect-command.ts';

/** `/reflect history`: the caller's own recent reflections, newest first, only to them (ephemeral). */
export function reflectHistorySubcommand(deps: AppDeps): ReflectSubcommand {
  return async ({ ack, command }) => {
    const [recent, weeks] = await Promise.all([
      deps.reflections.listRecent(command.team_id, command.user_id, HISTORY_LIMIT),
      deps.reflections.reflectedWeeks(command.team_id, command.user_id),
    ]);
    await ack(reflectHistoryMessage(recent, weeks.length));
  };
}
