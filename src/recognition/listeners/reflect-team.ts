import type { Logger } from 'pino';
import {
  careRadarTeamMessage,
  teamReplyText,
  teamSavedIntro,
  teamUsage,
  userGroupUnreadableText,
} from '#messages/care-radar-section.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import { isGuest } from '#src/recognition/guests.ts';
import { parseTeam } from '#src/recognition/parse-team.ts';
import type { RecognitionServices } from '#src/recognition/recognition-services.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';

/**
 * `/reflect team @a @b …` (or a user group) names the manager's people for their private care
 * radar, replacing the list; `/reflect team` shows the list and the radar; `clear` empties it.
 * Everything is ephemeral and only ever about the person asking. Guests (restricted and
 * single-channel users) cannot use it.
 */
export function teamSubcommand(
  deps: { logger: Logger },
  recognition: RecognitionServices,
): ReflectSubcommand {
  return async ({ ack, respond, args, command, client, context }) => {
    const teamId = command.team_id;
    const managerId = command.user_id;
    const tr = translatorOf(context);
    const parsed = parseTeam(args, tr);
    const reply = async (intro?: string) =>
      careRadarTeamMessage(
        await recognition.careRadar.radar(teamId, managerId),
        { intro, usage: teamUsage(tr) },
        tr,
      );

    const guest = await isGuest(client, managerId).catch((error: unknown) => {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'guest check failed');
      return undefined;
    });
    if (guest !== false) {
      await ack({
        response_type: 'ephemeral',
        text: teamReplyText(guest ? 'guestTeam' : 'guestCheckFailed', tr),
      });
      return;
    }

    if (parsed.kind === 'invalid') {
      await ack({ response_type: 'ephemeral', text: parsed.message });
      return;
    }
    if (parsed.kind === 'show') {
      await ack(await reply());
      return;
    }
    if (parsed.kind === 'clear') {
      await recognition.radarStore.clearTeam(teamId, managerId);
      await ack({ response_type: 'ephemeral', text: teamReplyText('teamCleared', tr) });
      return;
    }

    await ack();
    const people = [...parsed.users];
    for (const group of parsed.groups) {
      try {
        const answer = await client.usergroups.users.list({ usergroup: group });
        people.push(...(answer.users ?? []));
      } catch (error) {
        deps.logger.info({ err: slackErrorCode(error) }, 'user group not expanded');
        await respond({
          response_type: 'ephemeral',
          text: userGroupUnreadableText(slackErrorCode(error), tr),
        });
        return;
      }
    }
    const named = people.filter((id) => id !== context.botUserId && id !== 'USLACKBOT');
    const saved = await recognition.radarStore.setTeam(teamId, managerId, named);
    await respond(await reply(teamSavedIntro(saved.length, named.includes(managerId), tr)));
  };
}
