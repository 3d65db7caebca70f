import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { ReflectSubcommand } from './slack/reflect-command.ts';

/**
 * What a feature's `listeners()` returns (each feature's `index.ts`): the words it adds to
 * `/reflect` and the registration of its own commands, buttons, views and events. The
 * composition root (src/app.ts) collects the words into one `/reflect` router.
 */
export interface FeatureListeners {
  /** `/reflect <word>` handlers; '' is bare `/reflect`. */
  subcommands: Record<string, ReflectSubcommand>;
  register(app: App): void;
}

/**
 * A section another feature adds to a person's App Home (schedule controls, care radar). It gets
 * the team and the person whose Home is being drawn (always the viewer: a Home is never drawn for
 * someone else) and returns its blocks, or [] to show nothing. Keep it small (≤ 20 blocks) and
 * fast: every section runs on each `app_home_opened`. A section that throws or takes longer than
 * `HOME_SECTION_TIMEOUT_MS` (src/reflect/home-sections.ts) is left out (and logged); the rest of
 * the Home still renders.
 */
export type HomeSection = (teamId: string, userId: string) => Promise<KnownBlock[]>;
