import type { CoreDeps } from '#src/core-deps.ts';
import type { ReflectHome } from '#src/reflect/index.ts';
import type { PersonalDataSource } from '#src/store/personal-data.ts';
import type { SlackTrail } from './slack-trail.ts';

/** What `/reflect export` and `/reflect forget` run with. */
export interface PrivacyDeps extends CoreDeps {
  slackTrail: SlackTrail;
  /** Every feature's personal data (read at each export or forget). */
  personalData: readonly PersonalDataSource[];
  /** To redraw the person's Home after a forget. */
  home: Pick<ReflectHome, 'publishHome'>;
}
