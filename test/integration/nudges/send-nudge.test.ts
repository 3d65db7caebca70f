import type { WebClient } from '@slack/web-api';
import { ErrorCode } from '@slack/web-api';
import { UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#src/clock.ts';
import { createMetrics } from '#src/metrics.ts';
import type { NudgeJobData } from '#src/nudges/nudge-jobs.ts';
import type { NudgeScheduler } from '#src/nudges/nudge-scheduler.ts';
import { createNudgeStore } from '#src/nudges/nudge-store.ts';
import { noReflections } from '#src/nudges/reflection-status.ts';
import { type SendNudgeDeps, sendNudge } from '#src/nudges/send-nudge.ts';
import { createSentMarkers, IN_FLIGHT_MS, STALE_CLAIM_MS } from '#src/nudges/sent-marker.ts';
import { createWorkspaceGate } from '#src/nudges/workspace-gate.ts';
import { keys } from '#src/store/keys.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

// The processor as a plain function: real Redis for its stores, a scripted Slack client and a
// recording scheduler; no BullMQ worker involved.

const redis = new Redis(testRedisUrl());
afterAll(() => redis.disconnect());

const DUE = Date.parse('2026-12-04T15:00:00Z');
const DATA: NudgeJobData = {
  teamId: 'T1',
  userId: 'U1',
  weekKey: '2026-W49',
  kind: 'weekly',
  seq: 0,
  version: 1,
  dueAt: DUE,
};
const CONTEXT = { jobId: 'nudge-T1-U1-2026W49', attemptsMade: 0, maxAttempts: 5 };

type Call = { method: string; args: unknown };

function platformError(code: string) {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error: code },
  });
}

/** A Web API client whose answers the test scripts, recording every call. */
function scriptedClient(answers: Partial<Record<string, () => unknown>>, calls: Call[]): WebClient {
  const call = (method: string) => async (args: unknown) => {
    calls.push({ method, args });
    const answer = answers[method];
    return answer ? answer() : { ok: true };
  };
  return {
    users: { info: call('users.info') },
    chat: { postMessage: call('chat.postMessage') },
    auth: { test: call('auth.test') },
    conversations: { open: call('conversations.open'), history: call('conversations.history') },
  } as unknown as WebClient;
}

function setUp(answers: Partial<Record<string, () => unknown>> = {}) {
  const calls: Call[] = [];
  const armed: string[] = [];
  const store = createNudgeStore(redis);
  const scheduler = {
    async armNext(_team: string, _user: string, _record: unknown, after: Date) {
      armed.push(after.toISOString());
      return undefined;
    },
    async ensureArmed() {
      return 'ok' as const;
    },
    async rearm() {
      return undefined;
    },
    async addFollowUp() {},
  } as unknown as NudgeScheduler;
  const clock = fixedClock(new Date(DUE));
  const deps: SendNudgeDeps = {
    store,
    markers: createSentMarkers(redis, clock),
    // Unpaced: these tests run the same job again within milliseconds (a retry comes after a
    // backoff of seconds in production), which send slots would rightly delay; pacing has its own tests.
    gate: createWorkspaceGate(redis, { perMinute: Number.POSITIVE_INFINITY }),
    scheduler,
    teamClients: {
      forTeam: async () =>
        scriptedClient(
          {
            'users.info': () => ({ ok: true, user: { id: 'U1', tz: 'Europe/Berlin' } }),
            'conversations.open': () => ({ ok: true, channel: { id: 'D1' } }),
            ...answers,
          },
          calls,
        ),
    },
    reflections: noReflections,
    rememberTimeZone: async () => undefined,
    followUp: { kind: 'off' },
    clock,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
  };
  return { deps, calls, armed, store, clock };
}

beforeEach(async () => {
  await flushTestRedis();
  const store = createNudgeStore(redis);
  await store.save('T1', 'U1', {
    schedule: { weekday: 5, hour: 16, minute: 0 },
    tz: 'Europe/Berlin',
    enrolled: true,
  });
});

describe('sendNudge (the processor, without BullMQ)', () => {
  it('posts the DM to the user id, confirms the sent-marker and arms next week', async () => {
    const { deps, calls, armed } = setUp();
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'sent' });
    expect(calls.map((c) => c.method)).toEqual(['users.info', 'chat.postMessage']);
    // The metadata names the week and kind only, so a retry can find this DM in the history.
    expect(calls[1]?.args).toMatchObject({
      channel: 'U1',
      metadata: { event_type: 'throughline_nudge', event_payload: { week: '2026-W49', kind: 'w' } },
    });
    expect(await redis.get(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toBe('sent');
    expect(armed).toEqual([new Date(DUE).toISOString()]);
    // Run again (a retry, a second process): no second DM.
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'skipped', reason: 'duplicate' });
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('a Slack pause that began after its slot came (a 429 to another job): gives the claim back, posts nothing, waits past the pause', async () => {
    const { deps, calls } = setUp({
      'users.info': () => {
        // While this job asks users.info, another job of the workspace gets a 429 (Retry-After 3 s).
        void redis.set(keys.slackPauseUntil('T1'), '1', 'PX', 3000);
        return { ok: true, user: { id: 'U1', tz: 'Europe/Berlin' } };
      },
    });
    const outcome = await sendNudge(DATA, CONTEXT, deps);
    expect(outcome).toMatchObject({ status: 'delay', reason: 'slack-pause' });
    expect(outcome.status === 'delay' && outcome.ms).toBeGreaterThan(2000);
    expect(calls.map((c) => c.method)).toEqual(['users.info']);
    expect(await redis.exists(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toBe(0);
  });

  it('a 429 pauses the workspace for Retry-After, releases the claim and asks to be delayed', async () => {
    const { deps } = setUp({
      'chat.postMessage': () => {
        throw Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: 2 });
      },
    });
    const outcome = await sendNudge(DATA, CONTEXT, deps);
    expect(outcome.status).toBe('delay');
    expect(outcome.status === 'delay' && outcome.ms).toBeGreaterThanOrEqual(2000);
    expect(await redis.pttl(keys.slackPauseUntil('T1'))).toBeGreaterThan(1500);
    expect(await redis.exists(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toBe(0);
    // The next job of the workspace waits without calling Slack.
    const next = setUp();
    const waiting = await sendNudge({ ...DATA, userId: 'U1' }, CONTEXT, next.deps);
    expect(waiting.status).toBe('delay');
    expect(next.calls).toEqual([]);
  });

  for (const code of ['user_not_found', 'user_is_bot', 'cannot_dm_bot', 'user_disabled']) {
    it(`${code} unenrols the person and stops retries`, async () => {
      const { deps, store } = setUp({
        'chat.postMessage': () => {
          throw platformError(code);
        },
      });
      await expect(sendNudge(DATA, CONTEXT, deps)).rejects.toBeInstanceOf(UnrecoverableError);
      expect((await store.get('T1', 'U1'))?.enrolled).toBe(false);
    });
  }

  it('a deactivated person (users.info deleted: true) is unenrolled before anything is posted', async () => {
    const { deps, calls, store } = setUp({
      'users.info': () => ({ ok: true, user: { id: 'U1', deleted: true } }),
    });
    await expect(sendNudge(DATA, CONTEXT, deps)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(calls.map((c) => c.method)).toEqual(['users.info']);
    expect((await store.get('T1', 'U1'))?.enrolled).toBe(false);
  });

  it('token_revoked stops every send of the workspace, once; account_inactive asks auth.test who it is about', async () => {
    const { deps } = setUp({
      'chat.postMessage': () => {
        throw platformError('token_revoked');
      },
    });
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'skipped', reason: 'workspace_stopped' });
    expect(await redis.get(keys.sendsStopped('T1'))).toBe('token_revoked');
    const after = setUp();
    expect(await sendNudge(DATA, CONTEXT, after.deps)).toEqual({
      status: 'skipped',
      reason: 'workspace_stopped',
    });
    expect(after.calls).toEqual([]);

    await redis.del(keys.sendsStopped('T1'));
    const person = setUp({
      'chat.postMessage': () => {
        throw platformError('account_inactive');
      },
    });
    await expect(sendNudge(DATA, CONTEXT, person.deps)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(person.calls.map((c) => c.method)).toContain('auth.test');
    expect((await person.store.get('T1', 'U1'))?.enrolled).toBe(false);
  });

  it('5xx and network errors are thrown for a retry with the claim kept (Slack may have posted); the last attempt still arms next week', async () => {
    const failing = () => {
      throw Object.assign(new Error('HTTP 503'), { code: ErrorCode.HTTPError, statusCode: 503 });
    };
    const first = setUp({ 'chat.postMessage': failing });
    await expect(sendNudge(DATA, CONTEXT, first.deps)).rejects.toThrow('HTTP 503');
    expect(await redis.get(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toMatch(/^pending:/);
    expect(first.armed).toEqual([]);
    await redis.del(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'));
    const last = setUp({
      'chat.postMessage': () => {
        throw Object.assign(new Error('socket hang up'), { code: ErrorCode.RequestError });
      },
    });
    await expect(sendNudge(DATA, { ...CONTEXT, attemptsMade: 4 }, last.deps)).rejects.toThrow(
      'socket hang up',
    );
    expect(last.armed).toHaveLength(1);
  });

  it('an error answer proves nothing was posted: the claim is released for a retry', async () => {
    const { deps } = setUp({
      'chat.postMessage': () => {
        throw platformError('invalid_blocks');
      },
    });
    await expect(sendNudge(DATA, CONTEXT, deps)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await redis.exists(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toBe(0);
  });

  it('a 500 from a post that Slack did make: the retry finds the DM and does not post again', async () => {
    const landed = {
      type: 'message',
      ts: '1764860000.000100',
      metadata: { event_type: 'throughline_nudge', event_payload: { week: '2026-W49', kind: 'w' } },
    };
    const first = setUp({
      'chat.postMessage': () => {
        throw Object.assign(new Error('HTTP 500'), { code: ErrorCode.HTTPError, statusCode: 500 });
      },
    });
    await expect(sendNudge(DATA, CONTEXT, first.deps)).rejects.toThrow('HTTP 500');
    const retry = setUp({
      'conversations.history': () => ({ ok: true, messages: [landed], has_more: false }),
    });
    retry.clock.advance(IN_FLIGHT_MS);
    expect(await sendNudge(DATA, { ...CONTEXT, attemptsMade: 1 }, retry.deps)).toEqual({ status: 'sent' });
    expect(retry.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(await redis.get(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toBe('sent');
  });

  it("a zone change seen at send time moves this week's nudge to the new local time", async () => {
    const { deps, calls, store } = setUp({
      'users.info': () => ({ ok: true, user: { id: 'U1', tz: 'America/New_York' } }),
    });
    const outcome = await sendNudge(DATA, CONTEXT, deps);
    expect(outcome).toMatchObject({ status: 'reschedule', dueAt: Date.parse('2026-12-04T21:00:00Z') });
    expect(calls.map((c) => c.method)).toEqual(['users.info']);
    expect((await store.get('T1', 'U1'))?.tz).toBe('America/New_York');
  });
});

// A worker that dies after claiming the sent-marker leaves it unconfirmed; BullMQ runs the job
// again (same id) and the processor asks Slack whether the DM landed (src/nudges/sent-marker.ts).
describe('sendNudge after an attempt stopped between claiming and confirming', () => {
  const MARKER = keys.nudgeSent('T1', 'U1', '2026-W49', 'w');
  const nudgeOf = (week: string, kind: string, ts: string) => ({
    type: 'message',
    ts,
    metadata: { event_type: 'throughline_nudge', event_payload: { week, kind } },
  });
  const history = (...messages: unknown[]) => ({
    'conversations.history': () => ({ ok: true, messages, has_more: false }),
  });
  const posts = (calls: Call[]) => calls.filter((c) => c.method === 'chat.postMessage');

  async function outcomes(deps: SendNudgeDeps): Promise<Record<string, number>> {
    const { values } = await deps.metrics.nudges.get();
    return Object.fromEntries(
      values.filter((v) => v.value > 0).map((v) => [String(v.labels.outcome), v.value]),
    );
  }

  it('finds the DM the dead attempt posted: confirms, arms next week and posts nothing', async () => {
    await redis.set(MARKER, `pending:${CONTEXT.jobId}:${DUE - 40_000}`);
    const { deps, calls, armed } = setUp(
      history(
        { type: 'message', ts: '1764860000.000400', text: 'no metadata' },
        nudgeOf('2026-W49', 'f', '1764860000.000300'),
        nudgeOf('2026-W48', 'w', '1764860000.000200'),
        nudgeOf('2026-W49', 'w', '1764860000.000100'),
      ),
    );
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'sent' });
    expect(calls.map((c) => c.method)).toEqual(['users.info', 'conversations.open', 'conversations.history']);
    expect(calls[1]?.args).toEqual({ users: 'U1' });
    expect(calls[2]?.args).toMatchObject({ channel: 'D1', include_all_metadata: true });
    expect(await redis.get(MARKER)).toBe('sent');
    expect(armed).toEqual([new Date(DUE).toISOString()]);
    expect(await outcomes(deps)).toEqual({ recovered_delivered: 1 });
  });

  it('finds no DM of this week and kind: takes the claim over and posts exactly once', async () => {
    await redis.set(MARKER, `pending:${CONTEXT.jobId}:${DUE - 40_000}`);
    const { deps, calls, armed } = setUp(
      history(nudgeOf('2026-W49', 'f', '1764860000.000300'), nudgeOf('2026-W48', 'w', '1764860000.000200')),
    );
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'sent' });
    expect(posts(calls)).toHaveLength(1);
    expect(await redis.get(MARKER)).toBe('sent');
    expect(armed).toHaveLength(1);
    expect(await outcomes(deps)).toEqual({ recovered_resent: 1 });
    // And again (a retry, another process): the marker says sent.
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'skipped', reason: 'duplicate' });
    expect(posts(calls)).toHaveLength(1);
  });

  it('waits until a post sent just before the crash has had time to land before looking', async () => {
    await redis.set(MARKER, `pending:${CONTEXT.jobId}:${DUE - 5000}`);
    const { deps, calls } = setUp(history());
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({
      status: 'delay',
      ms: IN_FLIGHT_MS - 5000,
      reason: 'claim-in-flight',
    });
    expect(calls.map((c) => c.method)).toEqual(['users.info']);
  });

  it('when Slack cannot answer (missing_scope on an older install) it posts nothing: at most once', async () => {
    const claim = `pending:${CONTEXT.jobId}:${DUE - 40_000}`;
    await redis.set(MARKER, claim);
    const { deps, calls, armed } = setUp({
      'conversations.open': () => {
        throw platformError('missing_scope');
      },
    });
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'skipped', reason: 'uncertain' });
    expect(posts(calls)).toEqual([]);
    expect(await redis.get(MARKER)).toBe(claim);
    expect(armed).toHaveLength(1); // the chain goes on
    expect(await outcomes(deps)).toEqual({ skipped_uncertain: 1 });
  });

  it('a 429 on the lookup delays only this job; a 5xx is retried while attempts remain, then given up', async () => {
    await redis.set(MARKER, `pending:${CONTEXT.jobId}:${DUE - 40_000}`);
    const limited = setUp({
      'conversations.history': () => {
        throw Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: 3 });
      },
    });
    const outcome = await sendNudge(DATA, CONTEXT, limited.deps);
    expect(outcome).toMatchObject({ status: 'delay', reason: 'slack-pause' });
    expect(outcome.status === 'delay' && outcome.ms).toBeGreaterThanOrEqual(3000);
    // Not the workspace's pause: other people's DMs go on.
    expect(await redis.exists(keys.slackPauseUntil('T1'))).toBe(0);

    const failing = () => {
      throw Object.assign(new Error('HTTP 503'), { code: ErrorCode.HTTPError, statusCode: 503 });
    };
    const first = setUp({ 'conversations.history': failing });
    await expect(sendNudge(DATA, CONTEXT, first.deps)).rejects.toThrow('HTTP 503');
    const last = setUp({ 'conversations.history': failing });
    expect(await sendNudge(DATA, { ...CONTEXT, attemptsMade: 4 }, last.deps)).toEqual({
      status: 'skipped',
      reason: 'uncertain',
    });
    expect([...posts(limited.calls), ...posts(first.calls), ...posts(last.calls)]).toEqual([]);
    expect(last.armed).toHaveLength(1);
  });

  it("another job's claim is left alone while young (in flight) and checked once stale", async () => {
    await redis.set(MARKER, `pending:nudge-T1-U1-2026W49-copy:${DUE - 60_000}`);
    const young = setUp(history());
    expect(await sendNudge(DATA, CONTEXT, young.deps)).toEqual({ status: 'skipped', reason: 'duplicate' });
    expect(young.calls.map((c) => c.method)).toEqual(['users.info']);

    const stale = setUp(history());
    stale.clock.advance(STALE_CLAIM_MS);
    expect(await sendNudge(DATA, CONTEXT, stale.deps)).toEqual({ status: 'sent' });
    expect(stale.calls.map((c) => c.method)).toEqual([
      'users.info',
      'conversations.open',
      'conversations.history',
      'chat.postMessage',
    ]);
    expect(await redis.get(MARKER)).toBe('sent');
  });

  it('a claim written before claims recorded their time counts as stale', async () => {
    await redis.set(MARKER, 'pending:nudge-T1-U1-2026W49-copy');
    const { deps, calls } = setUp(history(nudgeOf('2026-W49', 'w', '1764860000.000100')));
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'sent' });
    expect(posts(calls)).toEqual([]);
    expect(await outcomes(deps)).toEqual({ recovered_delivered: 1 });
  });
});

describe('sent-marker take-over', () => {
  it('of two processes taking over the same dead claim, only one gets it', async () => {
    const markers = createSentMarkers(redis, fixedClock(new Date(DUE)));
    const dead = await markers.claim('T1', 'U1', '2026-W49', 'w', 'job-a');
    expect(dead.result).toBe('claimed');
    const seen = await markers.claim('T1', 'U1', '2026-W49', 'w', 'job-b');
    if (seen.result !== 'pending-other') throw new Error(`unexpected ${seen.result}`);
    expect(seen.claimedAt).toBe(DUE);
    const taken = await Promise.all([
      markers.takeOver('T1', 'U1', '2026-W49', 'w', seen.value, 'job-b'),
      markers.takeOver('T1', 'U1', '2026-W49', 'w', seen.value, 'job-c'),
    ]);
    expect(taken.filter((value) => value !== undefined)).toHaveLength(1);
    // The loser's release does not touch the winner's claim.
    await markers.release('T1', 'U1', '2026-W49', 'w', seen.value);
    expect(await markers.state('T1', 'U1', '2026-W49', 'w')).toBe('pending');
  });
});
