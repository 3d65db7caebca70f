import {
  isLanguage,
  LANGUAGES,
  type Language,
  resolveLanguage,
  type Translations,
  type Translator,
} from '#messages/i18n.ts';
import type { UserProfileStore } from '#src/store/user-profile-store.ts';

/**
 * The language a channel's posts (recognitions, weekly prompts, the digest) are written in: the one
 * an admin set with `/recognize schedule … language de`, else the most common language among the
 * workspace's people Throughline knows (ties and an empty workspace: English).
 */
export function channelLanguage(
  setting: Language | undefined,
  workspaceLocales: readonly string[],
): Language {
  if (setting) return setting;
  const counts = new Map<Language, number>();
  for (const locale of workspaceLocales) {
    const language = resolveLanguage(locale);
    counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  let best: Language = 'en';
  let bestCount = 0;
  let tied = false;
  for (const [language, count] of counts) {
    if (count > bestCount) {
      best = language;
      bestCount = count;
      tied = false;
    } else if (count === bestCount) {
      tied = true;
    }
  }
  return tied ? 'en' : best;
}

/** `de`, `pt-BR`, `pt-br` → the language; `auto` → 'auto'; anything else → undefined. */
export function parseLanguageSetting(word: string): Language | 'auto' | undefined {
  const value = word.trim();
  if (value.toLowerCase() === 'auto') return 'auto';
  return LANGUAGES.find((language) => language.toLowerCase() === value.toLowerCase());
}

export interface ChannelLanguageDeps {
  userProfiles: UserProfileStore;
  translations: Translations;
}

/** The Translator for a channel's posts, given the language stored with its schedule (if any). */
export async function channelTranslator(
  deps: ChannelLanguageDeps,
  teamId: string,
  setting: string | undefined,
): Promise<Translator> {
  if (isLanguage(setting)) return deps.translations.for(setting);
  const common = await deps.userProfiles
    .commonLanguage(teamId, (locales) => channelLanguage(undefined, locales))
    .catch(() => undefined);
  return deps.translations.for(isLanguage(common) ? common : channelLanguage(undefined, []));
}
