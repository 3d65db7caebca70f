import type { KnownBlock } from '@slack/types';
import type { Logger } from 'pino';
import type { HomeSection } from '#src/feature.ts';

/** Longer than this, a section is left out of the Home (see `HomeSection` in src/feature.ts). */
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
