/**
 * Each feature that stores something about a person contributes one source here, so
 * `/reflect export` returns all of it and `/reflect forget` erases all of it, jobs included,
 * without the export/forget code knowing every feature.
 */
export interface PersonalDataSource {
  /** The section name in the export, e.g. "reflections". */
  name: string;
  /** Everything this feature holds about the person, as plain JSON (decrypted, readable). */
  export(teamId: string, userId: string): Promise<unknown>;
  /** Deletes everything this feature holds about the person, including pending jobs. */
  erase(teamId: string, userId: string): Promise<void>;
}
