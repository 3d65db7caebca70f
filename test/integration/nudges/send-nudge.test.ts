import type { WebClient } from '@slack/web-api';
import { ErrorCode } from '@slack/web-api';
import { UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { NudgeJobData } from '#jobs/nudge-jobs.ts';
import type { NudgeScheduler } from '#jobs/nudge-scheduler.ts';
import { type SendNudgeDeps, sendNudge } from '#jobs/send-nudge.ts';
import { fixedClock } from '#src/clock.ts';
import { createMetrics } from '#src/metrics.ts';
import { createNudgeStore } from '#src/nudges/nudge-store.ts';
import { noReflections } from '#src/nudges/reflection-status.ts';
import { createSentMarkers } from '#src/nudges/sent-marker.ts';
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
  const deps: SendNudgeDeps = {
    store,
    markers: createSentMarkers(redis),
    gate: createWorkspaceGate(redis, { perMinute: 6000 }),
    scheduler,
    teamClients: {
      forTeam: async () =>
        scriptedClient(
          { 'users.info': () => ({ ok: true, user: { id: 'U1', tz: 'Europe/Berlin' } }), ...answers },
          calls,
        ),
    },
    reflections: noReflections,
    rememberTimeZone: async () => undefined,
    followUp: { kind: 'off' },
    clock: fixedClock(new Date(DUE)),
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
  };
  return { deps, calls, armed, store };
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
    expect(calls[1]?.args).toMatchObject({ channel: 'U1' });
    expect(await redis.get(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toBe('sent');
    expect(armed).toEqual([new Date(DUE).toISOString()]);
    // Run again (a retry, a second process): no second DM.
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'skipped', reason: 'duplicate' });
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
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

  it('5xx and network errors are thrown for a retry with the claim released; the last attempt still arms next week', async () => {
    const failing = () => {
      throw Object.assign(new Error('HTTP 503'), { code: ErrorCode.HTTPError, statusCode: 503 });
    };
    const first = setUp({ 'chat.postMessage': failing });
    await expect(sendNudge(DATA, CONTEXT, first.deps)).rejects.toThrow('HTTP 503');
    expect(await redis.exists(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'))).toBe(0);
    expect(first.armed).toEqual([]);
    const last = setUp({ 'chat.postMessage': failing });
    await expect(sendNudge(DATA, { ...CONTEXT, attemptsMade: 4 }, last.deps)).rejects.toThrow('HTTP 503');
    expect(last.armed).toHaveLength(1);
  });

  it('a claim left by a crashed attempt of the same job is not resent (at most once)', async () => {
    await redis.set(keys.nudgeSent('T1', 'U1', '2026-W49', 'w'), `pending:${CONTEXT.jobId}`);
    const { deps, calls } = setUp();
    expect(await sendNudge(DATA, CONTEXT, deps)).toEqual({ status: 'skipped', reason: 'uncertain' });
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
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
