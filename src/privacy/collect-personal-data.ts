import type { PersonalDataSource } from '../store/personal-data.ts';

export const EXPORT_FORMAT = 'throughline-personal-data/1';

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  teamId: string;
  userId: string;
  /** One entry per feature, by source name. */
  sections: Record<string, unknown>;
  /** Sections that could not be read right now (the person is told). */
  unavailable: string[];
}

/** Everything every feature holds about one person, for `/reflect export`. */
export async function collectPersonalData(
  sources: readonly PersonalDataSource[],
  teamId: string,
  userId: string,
  now: Date,
): Promise<PersonalDataExport> {
  const results = await Promise.allSettled(sources.map((source) => source.export(teamId, userId)));
  const sections: Record<string, unknown> = {};
  const unavailable: string[] = [];
  results.forEach((result, index) => {
    const name = sources[index]?.name ?? `section-${index}`;
    if (result.status === 'fulfilled') sections[name] = result.value ?? null;
    else unavailable.push(name);
  });
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), teamId, userId, sections, unavailable };
}
