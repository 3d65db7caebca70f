import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { nudgeFollowUpMessage, nudgeMessage } from '#messages/nudge-message.ts';
import type { Clock } from '#src/clock.ts';
import type { NudgeFollowUp } from '#src/config.ts';
import type { Metrics } from '#src/metrics.ts';
import { findNudgeCopies } from '#src/nudges/find-delivered-nudge.ts';
import { followUpAt } from '#src/nudges/follow-up-time.ts';
import { nudgeMetadata } from '#src/nudges/nudge-metadata.ts';
import type { NudgeRecord, NudgeStore } from '#src/nudges/nudge-store.ts';
import type { ReflectionStatus } from '#src/nudges/reflection-status.ts';
import type { SentMarkers } from '#src/nudges/sent-marker.ts';
import { afterFailedLookup, settleClaim } from '#src/nudges/settle-claim.ts';
import type { WorkspaceGate } from '#src/nudges/workspace-gate.ts';
import type { TrailItem } from '#src/privacy/slack-trail.ts';
import { choosePromptForNudge } from '#src/reflect/choose-prompts.ts';
import { startOfIsoWeekInZone } from '#src/schedule/iso-week.ts';
import { nextOccurrence } from '#src/schedule/next-occurrence.ts';
import { formatSchedule } from '#src/schedule/parse-schedule.ts';
import { isValidTimeZone } from '#src/schedule/weekly-schedule.ts';
import { classifySlackError } from '#src/slack/slack-error.ts';
import type { TeamClients } from '#src/slack-clients.ts';
import { MAX_REDELIVERIES, markerKindOf, type NudgeJobData } from './nudge-jobs.ts';
import type { NudgeScheduler } from './nudge-scheduler.ts';

/**
 * The nudge processor: a plain async function of the job data and its dependencies, so it is
 * tested without BullMQ. It never sleeps: when it must wait (its send slot, a Slack 429, a crashed
 * attempt's post that may still be landing) it returns `delay`, and the BullMQ wrapper
 * (nudge-workers.ts) moves the job to delayed.
 *
 * Order of work, cheapest and most decisive first:
 * 1. still enrolled, job not stale, workspace not stopped;
 * 2. still wanted: not paused, skipped, reflected, acted on (follow-up) or already sent;
 * 3. the workspace's send slot (src/nudges/workspace-gate.ts): reserved on the first pass and the
 *    job delayed once to it (a Slack pause moves it later), used when the job comes back;
 * 4. users.info: still there, not a bot, still in the same time zone (refreshes the cache);
 * 5. claim the sent-marker, post (with metadata naming the week and kind), confirm; a claim left
 *    unconfirmed by a crash is settled by asking Slack whether its DM landed (src/nudges/sent-marker.ts);
 * 6. weekly: arm the one follow-up and the next week's nudge.
 */
export type NudgeOutcome =
  | { status: 'sent' }
  | { status: 'skipped'; reason: string }
  | { status: 'delay'; ms: number; reason: 'paced' | 'slack-pause' | 'claim-in-flight' }
  /** Move this very job to `dueAt` with new data (its person's zone or schedule changed). */
  | { status: 'reschedule'; dueAt: number; data: NudgeJobData };

export interface SendNudgeDeps {
  store: NudgeStore;
  markers: SentMarkers;
  gate: WorkspaceGate;
  scheduler: NudgeScheduler;
  teamClients: TeamClients;
  reflections: ReflectionStatus;
  /** Keeps the shared users.info time-zone cache fresh. */
  rememberTimeZone(teamId: string, userId: string, tz: string): Promise<void>;
  /** Remembers a DM that quotes the person's intention, so `/reflect forget` deletes it in Slack. */
  rememberInSlack?(teamId: string, userId: string, items: TrailItem[]): Promise<void>;
  /** Optional blocks from other features (e.g. the care radar). Failures are ignored. */
  extraBlocks?(teamId: string, userId: string): Promise<readonly KnownBlock[]>;
  followUp: NudgeFollowUp;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

export interface JobContext {
  jobId: string;
  /** Attempts already made before this one (BullMQ `attemptsMade`). */
  attemptsMade: number;
  maxAttempts: number;
}

/** Spreads jobs released together after a pause so they do not arrive in one burst. */
function jitter(ms: number): number {
  return ms + Math.floor(Math.random() * 250);
}

type SlackUser = { deleted?: boolean; is_bot?: boolean; tz?: string };

export async function sendNudge(
  data: NudgeJobData,
  context: JobContext,
  deps: SendNudgeDeps,
): Promise<NudgeOutcome> {
  const { teamId, userId, weekKey, kind } = data;
  const { store, markers, gate, scheduler, clock } = deps;
  const markerKind = markerKindOf(data);
  const count = (outcome: string) => deps.metrics.nudges.inc({ kind, outcome });
  const now = () => clock.now();

  /** Arms next week's nudge after handling this week's (sent or skipped), never for other kinds. */
  const armNextWeek = async (record: NudgeRecord) => {
    if (kind !== 'weekly') return;
    await scheduler.armNext(teamId, userId, record, new Date(Math.max(now().getTime(), data.dueAt)));
  };
  const skip = async (reason: string, record?: NudgeRecord): Promise<NudgeOutcome> => {
    count(`skipped_${reason}`);
    if (record) await armNextWeek(record);
    return { status: 'skipped', reason };
  };

  // Steps 1 and 2 read everything at once (ioredis writes the commands together: one round trip).
  const [current, stopped, week, reflected, pausedWeek, alreadySent] = await Promise.all([
    store.get(teamId, userId),
    gate.isStopped(teamId),
    store.week(teamId, userId, weekKey),
    deps.reflections.hasReflected(teamId, userId, weekKey),
    store.isPaused(teamId, userId, weekKey),
    markers.state(teamId, userId, weekKey, markerKind),
  ]);

  // 1. Still enrolled, still current, workspace able to send.
  let record = current;
  if (!record?.enrolled) return skip('not_enrolled');
  if (kind === 'weekly' && record.version !== data.version) {
    if (record.jobId === context.jobId && record.dueAt !== undefined) {
      // This job is the armed one but the record changed while it could not be replaced.
      return {
        status: 'reschedule',
        dueAt: record.dueAt,
        data: { ...data, version: record.version, dueAt: record.dueAt },
      };
    }
    await scheduler.ensureArmed(teamId, userId, record);
    return skip('stale');
  }
  // The chain goes on while a workspace is stopped, so nudges resume by themselves once its token
  // works again (the reconciliation pass checks with auth.test and lifts the stop).
  // A Slack pause needs no check here: it has moved the workspace's send slots past its end.
  if (stopped) return skip('workspace_stopped', record);

  // 2. Still wanted?
  if (pausedWeek) return skip('paused', record);
  if (week.skipped) return skip('skip_this_week', record);
  if (reflected) return skip('reflected', record);
  if (kind === 'follow-up' && week.acted) return skip('acted');
  // A pending claim goes on to the claim below, which tells "in flight elsewhere" from "ours, lost".
  if (alreadySent === 'sent') return skip('duplicate', record);

  // 3. The workspace's send slot: reserved now (and the job delayed once to it), or reached.
  const wait = await gate.reserveSlot(teamId, context.jobId);
  if (wait > 0) {
    count('delayed_paced');
    return { status: 'delay', ms: wait, reason: 'paced' };
  }

  const client = await deps.teamClients.forTeam(teamId);
  const failed = async (error: unknown, method: string): Promise<NudgeOutcome> => {
    const failure = classifySlackError(error);
    switch (failure.kind) {
      case 'rate-limited':
        deps.metrics.slackRateLimited.inc({ method });
        await gate.pauseFor(teamId, failure.retryAfterMs);
        count('delayed_rate_limited');
        // A new slot, after the pause and the reservations it moved (they keep their order).
        return {
          status: 'delay',
          ms: Math.max(await gate.reserveSlot(teamId, context.jobId), failure.retryAfterMs),
          reason: 'slack-pause',
        };
      case 'workspace-gone':
        return stopWorkspace(failure.code);
      case 'token-suspect': {
        // account_inactive: is it the bot token (the workspace) or this person?
        const tokenWorks = await client.auth.test().then(
          () => true,
          () => false,
        );
        if (!tokenWorks) return stopWorkspace(failure.code);
        return personGone(failure.code);
      }
      case 'person-gone':
        return personGone(failure.code);
      case 'channel-gone':
      case 'not-in-channel':
      case 'permanent':
        count(`failed_${failure.code}`);
        if (record) await armNextWeek(record);
        throw new UnrecoverableError(`slack refused the nudge: ${failure.code}`);
      case 'transient': {
        const last = context.attemptsMade + 1 >= context.maxAttempts;
        count(last ? 'failed_transient' : 'retried_transient');
        // After the last attempt the chain must go on: next week is armed now.
        if (last && record) await armNextWeek(record);
        throw error instanceof Error ? error : new Error(`slack call failed: ${failure.code}`);
      }
    }
  };
  const stopWorkspace = async (code: string): Promise<NudgeOutcome> => {
    if (await gate.stop(teamId, code)) {
      deps.logger.error(
        { teamId, code },
        'the bot token for this workspace no longer works; background sends stopped until it is reinstalled',
      );
    }
    return skip('workspace_stopped', record);
  };
  const personGone = async (code: string): Promise<never> => {
    await store.unenrol(teamId, userId);
    count(`unenrolled_${code}`);
    throw new UnrecoverableError(`person can no longer get DMs (${code}); unenrolled`);
  };
  /** The lookup of an earlier attempt's DM failed: wait, retry, or give up without resending. */
  const lookupFailed = async (error: unknown, current: NudgeRecord): Promise<NudgeOutcome> => {
    const then = afterFailedLookup(error, context);
    if (then.next === 'delay') {
      count('delayed_recovery_rate_limited');
      return { status: 'delay', ms: jitter(then.ms), reason: 'slack-pause' };
    }
    if (then.next === 'retry') {
      count('retried_transient');
      throw then.error;
    }
    deps.logger.warn(
      { teamId, kind, weekKey, code: then.code },
      'an earlier attempt of this nudge stopped between claiming and confirming, and Slack could not say whether its DM landed; not resending (at most once)',
    );
    return skip('uncertain', current);
  };
  /** The DM is in the person's DM (posted now, or found there): confirm, remember the prompt, arm what comes next. */
  const afterDelivery = async (sent: NudgeRecord, promptId: string): Promise<void> => {
    const followUp =
      kind === 'weekly'
        ? followUpAt(deps.followUp, new Date(Math.max(now().getTime(), data.dueAt)), sent.tz)
        : undefined;
    await Promise.all([
      markers.confirm(teamId, userId, weekKey, markerKind),
      deps.reflections.recordNudgePrompt(teamId, userId, weekKey, promptId).catch((error: unknown) => {
        deps.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'could not record the nudge prompt',
        );
      }),
      followUp
        ? scheduler.addFollowUp({ teamId, userId, weekKey, version: sent.version, dueAt: followUp.getTime() })
        : undefined,
      armNextWeek(sent),
    ]);
  };

  // 4. The person, now; the message is prepared meanwhile (it only reads reflections).
  const enrolled = record;
  const prepared = buildMessage(data, enrolled, week.snoozes, deps);
  prepared.catch(() => undefined); // awaited below; never an unhandled rejection
  let user: SlackUser | undefined;
  try {
    user = (await client.users.info({ user: userId })).user as SlackUser | undefined;
  } catch (error) {
    return failed(error, 'users.info');
  }
  if (!user || user.deleted) return personGone('user_disabled');
  if (user.is_bot) return personGone('user_is_bot');
  const tzNow = typeof user.tz === 'string' && isValidTimeZone(user.tz) ? user.tz : undefined;
  let message = await prepared;
  if (tzNow !== undefined && tzNow !== record.tz) {
    // No user_change reached us (or it raced this job): follow the person's new zone.
    await deps.rememberTimeZone(teamId, userId, tzNow);
    record = await store.save(teamId, userId, { schedule: record.schedule, tz: tzNow, enrolled: true });
    if (kind !== 'weekly') {
      await scheduler.rearm(teamId, userId, record);
    } else {
      const weekStart = startOfIsoWeekInZone(new Date(data.dueAt), tzNow);
      const dueAt = nextOccurrence(record.schedule, tzNow, new Date(weekStart.getTime() - 1)).getTime();
      if (dueAt > now().getTime() + 60_000) {
        await store.setArmed(teamId, userId, record.version, context.jobId, dueAt);
        count('rescheduled_time_zone');
        return { status: 'reschedule', dueAt, data: { ...data, version: record.version, dueAt } };
      }
    }
    message = await buildMessage(data, record, week.snoozes, deps);
  }

  // 5. Claim, post, confirm. The claim goes out with the refreshed time-zone cache, and the post
  // follows the claim at once (the message is ready), so a crash between the two is rare; when one
  // happens, the next attempt asks Slack whether the DM landed (src/nudges/sent-marker.ts).
  const [claim, , pausedMs] = await Promise.all([
    markers.claim(teamId, userId, weekKey, markerKind, context.jobId),
    tzNow !== undefined && tzNow === enrolled.tz ? deps.rememberTimeZone(teamId, userId, tzNow) : undefined,
    gate.pausedForMs(teamId),
  ]);
  if (claim.result === 'sent') return skip('duplicate', record);
  const settled = await settleClaim({
    claim,
    nowMs: now().getTime(),
    client,
    markers,
    marker: { teamId, userId, weekKey, kind: markerKind },
    owner: context.jobId,
  });
  switch (settled.action) {
    case 'leave':
      return skip('duplicate', record);
    case 'wait':
      count('delayed_claim_in_flight');
      return { status: 'delay', ms: settled.ms, reason: 'claim-in-flight' };
    case 'unknown':
      return lookupFailed(settled.error, record);
    case 'delivered': {
      count('recovered_delivered');
      const [first] = settled.copies.ts;
      await Promise.all([
        afterDelivery(record, message.promptId),
        message.quotesReflection && first
          ? rememberInSlack(deps, teamId, userId, [
              { kind: 'message', channel: settled.copies.channel, ts: first },
            ])
          : undefined,
      ]);
      return { status: 'sent' };
    }
  }
  // Only 'post' is left: this attempt holds the claim.
  const held = settled.value;
  if (pausedMs > 0) {
    // Slack paused the workspace (a 429 to another job) after this job's slot came: give the claim
    // back and wait for a slot after the pause, rather than post inside it.
    await markers.release(teamId, userId, weekKey, markerKind, held);
    count('delayed_slack_pause');
    const slot = await gate.reserveSlot(teamId, context.jobId);
    return { status: 'delay', ms: Math.max(slot, pausedMs), reason: 'slack-pause' };
  }
  const sentOutcome = settled.recovered ? 'recovered_resent' : 'sent';
  let posted: { channel?: string; ts?: string };
  try {
    posted = await client.chat.postMessage({
      channel: userId,
      text: message.text,
      blocks: message.blocks,
      metadata: nudgeMetadata(weekKey, markerKind),
    });
  } catch (error) {
    // An answer that refuses the post (an error code, a 429) proves nothing was posted: release,
    // so a retry can post. A 5xx, `internal_error`, a timeout or a broken connection proves nothing
    // either way (Slack may have posted before failing): keep the claim, and the retry, finding its
    // own unconfirmed claim, asks Slack whether the DM landed before posting again.
    if (classifySlackError(error).kind !== 'transient') {
      await markers.release(teamId, userId, weekKey, markerKind, held);
    } else if ((error as { code?: unknown }).code === ErrorCode.RequestError) {
      // No answer at all (the client's timeout, a dropped connection): Slack may still post it, so
      // nobody looks for it before UNANSWERED_WAIT_MS (sent-marker.ts).
      await markers.markUnanswered(teamId, userId, weekKey, markerKind, held);
    }
    return failed(error, 'chat.postMessage');
  }
  count(sentOutcome);
  // The earlier post went unanswered and was not found: if it lands after all, keep one copy.
  const kept = settled.unanswered
    ? await deleteNewerCopies(client, data, markerKind, deps, count)
    : undefined;
  const channel = kept?.channel ?? posted.channel;
  const ts = kept?.ts ?? posted.ts;
  await Promise.all([
    afterDelivery(record, message.promptId),
    message.quotesReflection && channel && ts
      ? rememberInSlack(deps, teamId, userId, [{ kind: 'message', channel, ts }])
      : undefined,
  ]);
  return { status: 'sent' };
}

/**
 * After a resend (the earlier attempt's DM was not found), look once more: if the earlier DM landed
 * after all, the person has two copies; the newer ones are deleted so one stays. Best effort;
 * answers the copy kept (undefined when the look failed).
 */
async function deleteNewerCopies(
  client: WebClient,
  data: NudgeJobData,
  markerKind: string,
  deps: SendNudgeDeps,
  count: (outcome: string) => void,
): Promise<{ channel: string; ts: string } | undefined> {
  try {
    const copies = await findNudgeCopies(client, data.userId, data.weekKey, markerKind);
    for (const ts of copies.ts.slice(1)) {
      await client.chat.delete({ channel: copies.channel, ts });
      count('deleted_duplicate');
    }
    const [oldest] = copies.ts;
    return oldest ? { channel: copies.channel, ts: oldest } : undefined;
  } catch (error) {
    deps.logger.warn(
      { teamId: data.teamId, code: classifySlackError(error).kind },
      'could not check for a second copy of a resent nudge',
    );
    return undefined;
  }
}

/** Best effort: the DM is delivered either way; a miss only means forget cannot delete it. */
async function rememberInSlack(
  deps: SendNudgeDeps,
  teamId: string,
  userId: string,
  items: TrailItem[],
): Promise<void> {
  await deps.rememberInSlack?.(teamId, userId, items).catch((error: unknown) => {
    deps.logger.warn(
      { teamId, err: error instanceof Error ? error.message : String(error) },
      'could not remember a nudge DM for forget',
    );
  });
}

async function buildMessage(
  data: NudgeJobData,
  record: NudgeRecord,
  snoozes: number,
  deps: SendNudgeDeps,
): Promise<{ text: string; blocks: KnownBlock[]; promptId: string; quotesReflection: boolean }> {
  const { teamId, userId, weekKey } = data;
  const weekly = data.kind !== 'follow-up';
  const [history, lastIntention, extraBlocks] = await Promise.all([
    deps.reflections.promptHistory(teamId, userId, weekKey),
    weekly ? deps.reflections.lastIntention(teamId, userId, weekKey) : undefined,
    weekly && deps.extraBlocks
      ? deps.extraBlocks(teamId, userId).catch((error: unknown) => {
          deps.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'extra nudge blocks failed',
          );
          return [];
        })
      : Promise.resolve([]),
  ]);
  const prompt = choosePromptForNudge(history, weekKey, userId);
  if (data.kind === 'follow-up') {
    return { ...nudgeFollowUpMessage({ weekKey, prompt }), promptId: prompt.id, quotesReflection: false };
  }
  const message = nudgeMessage({
    weekKey,
    prompt,
    lastIntention,
    scheduleText: `${formatSchedule(record.schedule)} (${record.tz})`,
    canSnooze: snoozes < MAX_REDELIVERIES,
    again: data.kind === 'redelivery',
    extraBlocks,
  });
  // The DM quotes last week's intention (nudge-message.ts), so forget must delete it in Slack.
  const quotesReflection = lastIntention !== undefined && lastIntention.trim() !== '';
  return { ...message, promptId: prompt.id, quotesReflection };
}
