import type { WebClient } from '@slack/web-api';
import { ErrorCode } from '@slack/web-api';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#src/clock.ts';
import { createMetrics } from '#src/metrics.ts';
import { nudgeMetadata } from '#src/nudges/nudge-metadata.ts';
import { createNudgeStore } from '#src/nudges/nudge-store.ts';
import { INVITATION_MARKER, sendInvitation } from '#src/nudges/send-invitation.ts';
import { createSentMarkers, IN_FLIGHT_MS } from '#src/nudges/sent-marker.ts';
import { createWorkspaceGate } from '#src/nudges/workspace-gate.ts';
import { keys } from '#src/store/keys.ts';
import { flushTestRedis, testRedisUrl } from '#test/support/redis.ts';

// Invitation DMs share the nudges' sent-marker and its settling after a crash: the processor as a
// plain function, real Redis, a scripted Slack client.

const redis = new Redis(testRedisUrl());
afterAll(() => redis.disconnect());

const NOW = Date.parse('2026-12-01T10:00:00Z');
const DATA = { teamId: 'T1', userId: 'U1', inviterId: 'UADMIN' };
const CONTEXT = { jobId: 'nudge-invite-T1-U1', attemptsMade: 0, maxAttempts: 5 };
const MARKER = keys.nudgeSent('T1', 'U1', INVITATION_MARKER.week, INVITATION_MARKER.kind);

type Call = { method: string; args: Record<string, unknown> };

function setUp(answers: Partial<Record<string, () => unknown>> = {}) {
  const calls: Call[] = [];
  const call = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    const answer = answers[method];
    return answer
      ? answer()
      : method === 'conversations.open'
        ? { ok: true, channel: { id: 'D1' } }
        : { ok: true };
  };
  const client = {
    chat: { postMessage: call('chat.postMessage') },
    conversations: { open: call('conversations.open'), history: call('conversations.history') },
  } as unknown as WebClient;
  const clock = fixedClock(new Date(NOW));
  const metrics = createMetrics();
  const deps = {
    store: createNudgeStore(redis),
    markers: createSentMarkers(redis, clock),
    // Unpaced: these tests run the same job again within milliseconds (a retry comes after a
    // backoff of seconds in production), which send slots would rightly delay; pacing has its own tests.
    gate: createWorkspaceGate(redis, { perMinute: Number.POSITIVE_INFINITY }),
    teamClients: { forTeam: async () => client },
    metrics,
    logger: pino({ level: 'silent' }),
    clock,
  };
  const posts = () => calls.filter((c) => c.method === 'chat.postMessage');
  const outcomes = async () =>
    Object.fromEntries(
      (await metrics.nudges.get()).values.filter((v) => v.value > 0).map((v) => [v.labels.outcome, v.value]),
    );
  return { deps, calls, posts, outcomes };
}

beforeEach(async () => {
  await flushTestRedis();
});

describe('sendInvitation', () => {
  it('posts the invitation once, with the marker as metadata, and confirms', async () => {
    const { deps, posts } = setUp();
    expect(await sendInvitation(DATA, CONTEXT, deps)).toEqual({ status: 'sent' });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.args.metadata).toEqual(nudgeMetadata('invite', 'i'));
    expect(await redis.get(MARKER)).toBe('sent');
    expect(await sendInvitation(DATA, CONTEXT, deps)).toEqual({ status: 'skipped', reason: 'duplicate' });
    expect(posts()).toHaveLength(1);
  });

  it('a Slack pause that began after its slot came: gives the claim back, posts nothing, waits past the pause', async () => {
    const { deps, posts } = setUp();
    const forTeam = deps.teamClients.forTeam;
    const pausedMeanwhile = {
      async forTeam() {
        // While this job gets its client, another job of the workspace gets a 429 (Retry-After 3 s).
        await redis.set(keys.slackPauseUntil('T1'), '1', 'PX', 3000);
        return forTeam();
      },
    };
    const outcome = await sendInvitation(DATA, CONTEXT, { ...deps, teamClients: pausedMeanwhile });
    expect(outcome).toMatchObject({ status: 'delay', reason: 'slack-pause' });
    expect(outcome.status === 'delay' && outcome.ms).toBeGreaterThan(2000);
    expect(posts()).toHaveLength(0);
    expect(await redis.exists(MARKER)).toBe(0);
  });

  it('after a crash: finds the invitation already in the DM and does not post it again', async () => {
    await redis.set(MARKER, `pending:${CONTEXT.jobId}:${NOW - IN_FLIGHT_MS}`);
    const landed = { type: 'message', ts: '1764583200.000100', metadata: nudgeMetadata('invite', 'i') };
    const { deps, posts, outcomes } = setUp({
      'conversations.history': () => ({ ok: true, messages: [landed], has_more: false }),
    });
    expect(await sendInvitation(DATA, CONTEXT, deps)).toEqual({ status: 'sent' });
    expect(posts()).toEqual([]);
    expect(await redis.get(MARKER)).toBe('sent');
    expect(await outcomes()).toEqual({ recovered_delivered: 1 });
  });

  it('after a crash: no invitation in the DM, so it is posted exactly once', async () => {
    await redis.set(MARKER, `pending:${CONTEXT.jobId}:${NOW - IN_FLIGHT_MS}`);
    const { deps, posts, outcomes } = setUp({
      'conversations.history': () => ({ ok: true, messages: [], has_more: false }),
    });
    expect(await sendInvitation(DATA, CONTEXT, deps)).toEqual({ status: 'sent' });
    expect(posts()).toHaveLength(1);
    expect(await redis.get(MARKER)).toBe('sent');
    expect(await outcomes()).toEqual({ recovered_resent: 1 });
  });

  it('a 503 on the post keeps the claim (Slack may have posted); missing_scope on the lookup gives up', async () => {
    const failing = setUp({
      'chat.postMessage': () => {
        throw Object.assign(new Error('HTTP 503'), { code: ErrorCode.HTTPError, statusCode: 503 });
      },
    });
    await expect(sendInvitation(DATA, CONTEXT, failing.deps)).rejects.toThrow('HTTP 503');
    const claim = await redis.get(MARKER);
    expect(claim).toMatch(/^pending:/);

    const retry = setUp({
      'conversations.history': () => {
        throw Object.assign(new Error('An API error occurred: missing_scope'), {
          code: ErrorCode.PlatformError,
          data: { ok: false, error: 'missing_scope' },
        });
      },
    });
    retry.deps.clock.advance(IN_FLIGHT_MS);
    expect(await sendInvitation(DATA, { ...CONTEXT, attemptsMade: 1 }, retry.deps)).toEqual({
      status: 'skipped',
      reason: 'uncertain',
    });
    expect(retry.posts()).toEqual([]);
    expect(await redis.get(MARKER)).toBe(claim);
  });
});
