import { checkStillWanted } from './check-still-wanted.ts';
import { claimNudge } from './claim-nudge.ts';
import type { NudgeJobData } from './nudge-jobs.ts';
import { type JobContext, type NudgeOutcome, type SendNudgeDeps, startNudgeRun } from './nudge-run.ts';
import { postNudge } from './post-nudge.ts';
import { refreshPerson } from './refresh-person.ts';
import { sendsOnBookedSlot } from './workspace-gate.ts';

export type { JobContext, NudgeOutcome, SendNudgeDeps } from './nudge-run.ts';

/**
 * The nudge processor: a plain async function of the job data and its dependencies, so it is
 * tested without BullMQ. It never sleeps: when it must wait (its send slot, a Slack 429, a crashed
 * attempt's post that may still be landing) it returns `delay`, and the BullMQ wrapper
 * (nudge-workers.ts) moves the job to delayed.
 *
 * Order of work, cheapest and most decisive first:
 * 1. still enrolled, job not stale, workspace not stopped (check-still-wanted.ts);
 * 2. still wanted: not paused, skipped, reflected, acted on (follow-up) or already sent (same);
 * 3. the workspace's send slot (src/nudges/workspace-gate.ts): booked when the job was armed, so
 *    on its first run it is here and the job goes on; otherwise (a retry, a Slack pause, a job
 *    without a booking) reserved now and the job delayed once to it, used when it comes back;
 * 4. users.info: still there, not a bot, still in the same time zone (refresh-person.ts);
 * 5. claim the sent-marker (claim-nudge.ts), post with metadata naming the week and kind, confirm
 *    (post-nudge.ts); a claim left unconfirmed by a crash is settled by asking Slack whether its DM
 *    landed (src/nudges/settle-claim.ts);
 * 6. weekly: arm the one follow-up and the next week's nudge (after-delivery.ts).
 * Slack failures of steps 4 and 5: nudge-slack-failure.ts.
 */
export async function sendNudge(
  data: NudgeJobData,
  context: JobContext,
  deps: SendNudgeDeps,
): Promise<NudgeOutcome> {
  const run = startNudgeRun(data, context, deps);
  const wanted = await checkStillWanted(run);
  if (wanted.done) return wanted.done;

  // 3. The workspace's send slot: the one booked when the job was armed, or reserved now (and the
  // job delayed once to it), or reached.
  const booked = sendsOnBookedSlot(
    data.slotAt,
    context.attemptsStarted,
    run.now().getTime(),
    wanted.slackPausedMs,
  );
  const wait = booked ? 0 : await deps.gate.reserveSlot(data.teamId, context.jobId);
  if (wait > 0) {
    run.count('delayed_paced');
    return { status: 'delay', ms: wait, reason: 'paced' };
  }

  const client = await deps.teamClients.forTeam(data.teamId);
  const person = await refreshPerson(run, client, wanted.record, wanted.snoozes);
  if (person.done) return person.done;

  // 5. The claim goes out with the refreshed time-zone cache, and the post follows the claim at
  // once (the message is ready), so a crash between the two is rare.
  const claim = await claimNudge(
    run,
    client,
    person.record,
    person.message,
    person.cacheTz,
    person.cacheLocale,
  );
  if (claim.done) return claim.done;
  return postNudge(run, client, person.record, person.message, claim);
}
