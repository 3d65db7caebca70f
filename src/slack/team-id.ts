/** The parts of a Bolt payload that can name its workspace (all optional: shapes differ by kind). */
export interface PayloadTeams {
  type?: string;
  team_id?: string;
  team?: { id?: string } | null;
  user?: { team_id?: string };
  view?: { team_id?: string };
}

/**
 * The workspace (team id) a request belongs to, for every listener that needs it.
 * - Events: the workspace Bolt authorized (`context.teamId`, from the envelope's `authorizations`),
 *   else the envelope's `team_id`: in a shared channel the envelope can name another workspace.
 * - Actions, views, shortcuts: the workspace the person acted in: `team.id`, which is null in an
 *   org-wide (Enterprise Grid) install, then the person's `user.team_id`, then `view.team_id`
 *   (Bolt's own order), then a command's `team_id`, and last the workspace Bolt authorized.
 * Undefined only when nothing names one; callers then do nothing.
 */
export function teamIdOf(body: PayloadTeams, context: { teamId?: string }): string | undefined {
  if (body.type === 'event_callback') return context.teamId ?? body.team_id;
  return body.team?.id ?? body.user?.team_id ?? body.view?.team_id ?? body.team_id ?? context.teamId;
}
