import { exportDoneText, exportNoteText, exportPartsMissingText } from '#messages/export-messages.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { collectPersonalData } from '../collect-personal-data.ts';
import type { PrivacyDeps } from '../privacy-deps.ts';
import { sendExport } from '../send-export.ts';

/** `/reflect export`: all of the caller's data, from every feature, as a JSON file in their DM. */
export function reflectExportSubcommand(deps: PrivacyDeps): ReflectSubcommand {
  return async ({ ack, command, context, respond }) => {
    const tr = translatorOf(context);
    await ack({ response_type: 'ephemeral', text: exportNoteText('started', tr) });
    const teamId = command.team_id;
    const userId = command.user_id;
    try {
      const document = await collectPersonalData(deps.personalData, teamId, userId, deps.clock.now());
      const day = document.exportedAt.slice(0, 10);
      const client = await deps.teamClients.forTeam(teamId);
      const how = await sendExport(
        client,
        userId,
        JSON.stringify(document, null, 2),
        `throughline-export-${day}.json`,
        (error) =>
          deps.logger.warn(
            { teamId, code: slackErrorCode(error) },
            'export file upload failed; sending messages',
          ),
        (items) =>
          deps.slackTrail.remember(teamId, userId, items).catch((error: unknown) => {
            deps.logger.warn(
              { teamId, code: slackErrorCode(error) },
              'could not remember an export message for forget',
            );
          }),
        tr,
      );
      await respond({
        response_type: 'ephemeral',
        text: `${exportDoneText(how, tr)}${exportPartsMissingText(document.unavailable, tr)}`,
      });
    } catch (error) {
      deps.logger.error({ teamId, code: slackErrorCode(error) }, 'export failed');
      await respond({ response_type: 'ephemeral', text: exportNoteText('failed', tr) });
    }
  };
}
