import type { Logger } from 'pino';
import type { Clock } from '#src/clock.ts';
import type { NudgeStore } from '#src/nudges/nudge-store.ts';
import type { WorkspaceGate } from '#src/nudges/workspace-gate.ts';
import type { TeamClients } from '#src/workspaces/index.ts';
import type { NudgeScheduler } from './nudge-scheduler.ts';

/**
 * The periodic repair pass (every 15 minutes, one global BullMQ job scheduler). For each workspace
 * with anyone enrolled it checks a bounded number of people, never everyone at once:
 * - up to `chunk` people whose weekly nudge was due more than `overdueGraceMs` ago (their job should
 *   have run and re-armed them by now), and
 * - the next `chunk` people of a walk through the enrolled set that resumes where the last pass
 *   stopped, so every enrolled person is looked at within (enrolled / chunk) passes.
 * Anyone enrolled without a pending weekly job gets one (a lost nudge less than 6 h late still goes
 * out). Work per pass is O(chunk) per workspace; starting a worker scans nothing.
 */
export interface ReconcileResult {
  checked: number;
  repaired: number;
}

export async function reconcileNudges(
  deps: {
    store: NudgeStore;
    scheduler: NudgeScheduler;
    gate: WorkspaceGate;
    clock: Clock;
    logger: Logger;
    /** To check whether a stopped workspace's token works again (then its sends resume). */
    teamClients?: TeamClients;
  },
  options: { chunk?: number; overdueGraceMs?: number } = {},
): Promise<ReconcileResult> {
  const chunk = options.chunk ?? 500;
  const grace = options.overdueGraceMs ?? 5 * 60_000;
  const { store, scheduler, gate, clock } = deps;
  let checked = 0;
  let repaired = 0;
  for (const teamId of await store.teams()) {
    if ((await gate.isStopped(teamId)) && !(await tokenWorksAgain(deps, teamId))) continue;
    const overdue = await store.overdue(teamId, clock.now().getTime() - grace, chunk);
    const offset = await store.reconcileCursor(teamId);
    const page = await store.enrolledPage(teamId, offset, chunk);
    await store.setReconcileCursor(teamId, page.length < chunk ? 0 : offset + chunk);
    const people = [...new Set([...overdue, ...page])];
    const results = await Promise.all(
      people.map(async (userId) => {
        const record = await store.get(teamId, userId);
        if (!record?.enrolled) {
          await store.dropFromIndex(teamId, userId);
          return 'dropped';
        }
        return scheduler.ensureArmed(teamId, userId, record);
      }),
    );
    checked += people.length;
    repaired += results.filter((result) => result === 'repaired').length;
  }
  if (repaired > 0)
    deps.logger.warn({ checked, repaired }, 'nudge reconciliation re-armed people without a pending nudge');
  return { checked, repaired };
}

/** A stopped workspace (revoked or invalid token) whose token answers auth.test again is resumed. */
async function tokenWorksAgain(
  deps: { gate: WorkspaceGate; logger: Logger; teamClients?: TeamClients },
  teamId: string,
): Promise<boolean> {
  if (!deps.teamClients) return false;
  try {
    await (await deps.teamClients.forTeam(teamId)).auth.test();
  } catch {
    return false;
  }
  await deps.gate.clearStop(teamId);
  deps.logger.info({ teamId }, 'the bot token works again; background sends resumed');
  return true;
}
