import type { KnownBlock } from '@slack/types';
import type { Logger } from 'pino';

/**
 * A section another feature adds to a person's App Home (schedule controls, care radar). It gets
 * the team and the person whose Home is being drawn (always the viewer: a Home is never drawn for
 * someone else) and returns its blocks, or [] to show nothing. Keep it small (≤ 20 blocks) and
 * fast: every section runs on each `app_home_opened`. A section that throws or takes longer than
 * `HOME_SECTION_TIMEOUT_MS` is left out (and logged); the rest of the Home still renders.
 */
export type HomeSection = (teamId: string, userId: string) => Promise<KnownBlock[]>;

export const HOME_SECTION_TIMEOUT_MS = 1500;

export async function renderHomeSections(
  sections: readonly HomeSection[],
  teamId: string,
  userId: string,
  logger: Logger,
): Promise<KnownBlock[][]> {
  return Promise.all(
    sections.map(async (section, index) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), HOME_SECTION_TIMEOUT_MS);
        });
        const blocks = await Promise.race([section(teamId, userId), timeout]);
        return Array.isArray(blocks) ? blocks : [];
      } catch (error) {
        logger.warn(
          { section: section.name || index, err: error instanceof Error ? error.message : String(error) },
          'App Home section left out',
        );
        return [];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
