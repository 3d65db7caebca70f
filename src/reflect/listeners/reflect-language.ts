import {
  languageAutoMessage,
  languageCurrentMessage,
  languageSetMessage,
  languageUnknownMessage,
} from '#messages/reflect-language-messages.ts';
import { languageOf, profileOf, translatorOf } from '#src/i18n/person-language.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';
import { slackErrorCode } from '#src/slack/slack-error.ts';
import { publishHome } from '../app-home.ts';
import { parseLanguageRequest } from '../language-choice.ts';
import type { ReflectDeps } from '../reflect-deps.ts';

/**
 * `/reflect language <de|fr|es|pt-BR|ja|en|auto>`: stores the person's choice (`auto` clears it,
 * so Slack's locale decides again) and answers in the language they now read; bare, it shows the
 * current one and the choices. After a change their App Home is redrawn in it (best effort).
 */
export function reflectLanguageSubcommand(deps: ReflectDeps): ReflectSubcommand {
  return async ({ ack, args, command, client, context }) => {
    const teamId = command.team_id;
    const userId = command.user_id;
    const request = parseLanguageRequest(args);
    if (request.kind === 'show') {
      const profile = profileOf(context) ?? (await deps.userProfiles.cachedProfile(teamId, userId));
      await ack(languageCurrentMessage(profile.languageChoice !== undefined, translatorOf(context)));
      return;
    }
    if (request.kind === 'unknown') {
      await ack(languageUnknownMessage(request.text, translatorOf(context)));
      return;
    }
    await deps.userProfiles.setLanguageChoice(
      teamId,
      userId,
      request.kind === 'set' ? request.language : undefined,
    );
    let tr: ReturnType<typeof translatorOf>;
    if (request.kind === 'set') {
      tr = deps.translations.for(request.language);
      await ack(languageSetMessage(tr));
    } else {
      const profile = profileOf(context) ?? (await deps.userProfiles.cachedProfile(teamId, userId));
      tr = deps.translations.for(languageOf({ slackLocale: profile.slackLocale }));
      await ack(languageAutoMessage(tr));
    }
    await publishHome(deps, client, teamId, userId, { tr }).catch((error: unknown) =>
      deps.logger.warn(
        { teamId, code: slackErrorCode(error) },
        'Home refresh after a language change failed',
      ),
    );
  };
}
