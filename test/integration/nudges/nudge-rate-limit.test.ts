import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import type { TeamClients } from '#src/workspaces/slack-clients.ts';
import { BOT_TOKEN, startTestApp, type TestApp } from '#test/support/test-app.ts';
import { nudgesOf } from './nudge-helpers.ts';

const TEAM_B_TOKEN = 'xoxb-test-team-2';
// Friday 4 December 2026, one second before 16:00 in Berlin.
const NOW = new Date('2026-12-04T14:59:59.000Z');
const FRIDAY_1600 = { weekday: 5, hour: 16, minute: 0 };

let t: TestApp | undefined;
let slack: SlackDouble | undefined;
afterEach(async () => {
  await t?.stop();
  await slack?.close();
  t = undefined;
  slack = undefined;
});

/** Background clients like the app's (no retries, 429 rejected), one per workspace token. */
function teamClientsFor(double: SlackDouble): TeamClients {
  const make = (token: string) =>
    new WebClient(token, {
      slackApiUrl: double.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  const clients: Record<string, WebClient> = { T1: make(BOT_TOKEN), T2: make(TEAM_B_TOKEN) };
  return {
    async forTeam(teamId) {
      const client = clients[teamId];
      if (!client) throw new Error(`no client for ${teamId}`);
      return client;
    },
  };
}

describe('Slack 429 on nudge DMs', () => {
  it("Retry-After: 2 delays that workspace's sends by at least 2 s, loses nothing, and the other workspace goes on", async () => {
    slack = await startSlackDouble({
      teams: [
        { teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT1', botId: 'BBOT1' },
        { teamId: 'T2', botToken: TEAM_B_TOKEN, botUserId: 'UBOT2', botId: 'BBOT2' },
      ],
    });
    const a = ['UA1', 'UA2', 'UA3', 'UA4', 'UA5'];
    const b = ['UB1', 'UB2', 'UB3', 'UB4', 'UB5'];
    for (const id of a) slack.addUser({ id, teamId: 'T1', tz: 'Europe/Berlin' });
    for (const id of b) slack.addUser({ id, teamId: 'T2', tz: 'Europe/Berlin' });
    // One job at a time, so "after the 429" is exact: nothing of A was already on its way.
    t = await startTestApp({
      now: NOW,
      slack,
      teamClients: teamClientsFor(slack),
      env: { NUDGE_WORKER_CONCURRENCY: '1', NUDGES_PER_MINUTE: '6000', NUDGE_FOLLOW_UP: 'off' },
    });
    const { service } = nudgesOf(t);
    for (const id of a) await service.enrol('T1', id, 'Europe/Berlin', FRIDAY_1600);
    for (const id of b) await service.enrol('T2', id, 'Europe/Berlin', FRIDAY_1600);
    slack.rateLimit('chat.postMessage', 2, { teamId: 'T1', times: 1 });

    const posted = (teamId: string) =>
      slack?.callsTo('chat.postMessage').filter((call) => call.teamId === teamId && call.ok) ?? [];
    await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok && call.teamId === 'T1', {
      count: 5,
      timeoutMs: 10_000,
    });
    await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok && call.teamId === 'T2', {
      count: 5,
      timeoutMs: 1000,
    });
    // A moment more: nothing arrives twice.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const [limited, ...moreLimited] = slack.callsTo('chat.postMessage').filter((call) => call.status === 429);
    expect(limited?.teamId).toBe('T1');
    expect(moreLimited).toHaveLength(0);
    const limitedAt = limited?.at ?? 0;

    // Team A: nothing at all reached Slack for 2 s after the 429, then every DM, once each.
    const aCallsAfter = slack
      .callsTo('chat.postMessage')
      .filter((call) => call.teamId === 'T1' && call.at > limitedAt);
    for (const call of aCallsAfter) expect(call.at - limitedAt).toBeGreaterThanOrEqual(2000);
    expect(
      posted('T1')
        .map((call) => call.params.channel)
        .sort(),
    ).toEqual(a);

    // Team B: all sent while A was still paused: B never waited for A's pause.
    expect(
      posted('T2')
        .map((call) => call.params.channel)
        .sort(),
    ).toEqual(b);
    const firstOfAAfter = Math.min(...posted('T1').map((call) => call.at));
    for (const call of posted('T2')) {
      expect(call.at - limitedAt).toBeLessThan(2000);
      expect(call.at).toBeLessThan(firstOfAAfter);
    }

    const metrics = await t.throughline.deps.metrics.registry.getSingleMetricAsString(
      'throughline_slack_rate_limited_total',
    );
    expect(metrics).toContain('method="chat.postMessage"} 1');
  });
});
