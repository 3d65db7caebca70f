import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  english,
  type Language,
  resolveLanguage,
  type Translations,
  type Translator,
} from '#messages/i18n.ts';
import type { PersonProfile, UserProfileStore } from '#src/store/user-profile-store.ts';

/**
 * Which language a person reads: the one they chose with `/reflect language`, else their Slack
 * locale (`de-AT` → German), else English.
 */
export function languageOf(profile: Partial<PersonProfile>): Language {
  return resolveLanguage(profile.languageChoice ?? profile.slackLocale);
}

/** Listeners racing Slack's 3 s wait at most this long for users.info before using the cache. */
const PROFILE_BUDGET_MS = 1000;

const TRANSLATOR = 'translator';
const RECEIVED_AT = 'receivedAt';
const PROFILE = 'personProfile';

/** The person who pressed, typed or opened something, for the kinds of request a person makes. */
function actingPerson(body: AnyMiddlewareArgs['body']): { teamId?: string; userId?: string } | undefined {
  const payload = body as {
    type?: string;
    command?: string;
    user_id?: string;
    team_id?: string;
    user?: { id?: string; team_id?: string };
    team?: { id?: string } | null;
    event?: { type?: string; user?: string };
  };
  if (typeof payload.command === 'string') return { teamId: payload.team_id, userId: payload.user_id };
  if (
    payload.type === 'block_actions' ||
    payload.type === 'view_submission' ||
    payload.type === 'view_closed' ||
    payload.type === 'shortcut' ||
    payload.type === 'message_action'
  ) {
    return { teamId: payload.user?.team_id ?? payload.team?.id ?? undefined, userId: payload.user?.id };
  }
  if (payload.type === 'event_callback' && payload.event?.type === 'app_home_opened') {
    return { teamId: payload.team_id, userId: payload.event.user };
  }
  return undefined;
}

/**
 * Bolt middleware: finds the acting person's language once per request (the cached profile, or
 * users.info within a budget) and leaves their Translator on the context for the listener
 * (`translatorOf(context)`). Events about other people (user_change, uninstalls) are skipped.
 */
export function personLanguageMiddleware(deps: {
  userProfiles: UserProfileStore;
  translations: Translations;
}): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, client, next }) => {
    // Slack's 3 s count from here: a command's ack budget subtracts the time spent below.
    context[RECEIVED_AT] = Date.now();
    const person = actingPerson(body);
    const teamId = context.teamId ?? person?.teamId;
    if (person?.userId && teamId) {
      const profile = await deps.userProfiles
        .getProfile(client as WebClient, teamId, person.userId, { timeoutMs: PROFILE_BUDGET_MS })
        .catch(() => undefined);
      if (profile) {
        context[PROFILE] = profile;
        context[TRANSLATOR] = deps.translations.for(languageOf(profile));
      }
    }
    await next();
  };
}

function isTranslator(value: unknown): value is Translator {
  return typeof value === 'object' && value !== null && typeof (value as Translator).t === 'function';
}

/** The acting person's Translator (English if their language could not be found). */
export function translatorOf(context: Context): Translator {
  const value = context[TRANSLATOR];
  return isTranslator(value) ? value : english();
}

/** The acting person's profile as the middleware read it (time zone, locale, choice), if it could. */
export function profileOf(context: Context): PersonProfile | undefined {
  const value = context[PROFILE] as PersonProfile | undefined;
  return value && typeof value.timeZone === 'string' ? value : undefined;
}

/** When this process started handling the request (ms since epoch), before finding the language. */
export function receivedAtOf(context: Context): number | undefined {
  const value = context[RECEIVED_AT];
  return typeof value === 'number' ? value : undefined;
}

/** Someone else's Translator from their profile (cached, else users.info with these options). */
export async function profileTranslator(
  deps: { userProfiles: UserProfileStore; translations: Translations },
  client: WebClient,
  teamId: string,
  userId: string,
  options?: Parameters<UserProfileStore['getProfile']>[3],
): Promise<Translator> {
  const profile = await deps.userProfiles.getProfile(client, teamId, userId, options);
  return deps.translations.for(languageOf(profile));
}

/** For background work: a person's Translator from their cached profile (no Slack call). */
export async function cachedTranslator(
  deps: { userProfiles: UserProfileStore; translations: Translations },
  teamId: string,
  userId: string,
): Promise<Translator> {
  return deps.translations.for(languageOf(await deps.userProfiles.cachedProfile(teamId, userId)));
}
