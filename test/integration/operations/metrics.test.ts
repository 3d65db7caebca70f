import { describe, expect, it } from 'vitest';
import { useTestApp } from '#test/support/test-app.ts';

/**
 * Minimal Prometheus text-format check: HELP/TYPE comments and `name{labels} value` samples. A value
 * is read as Go's ParseFloat reads it, NaN in any case: prom-client writes `Nan` for a gauge with no
 * sample yet (the event-loop lag in the first half second, src/metrics.ts).
 */
function parsePrometheus(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/i.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ''] = pair[2] ?? '';
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[4]) });
  }
  return samples;
}

describe('/metrics', () => {
  const t = useTestApp({}, async () => {
    t.slack.addUser({ id: 'U1SECRETID', tz: 'Europe/Berlin' });
    await t.command({ text: 'help', userId: 'U1SECRETID' });
    await t.command({ text: 'zebraquilt words about Bobbington', userId: 'U1SECRETID' });
    const client = await t.throughline.deps.teamClients.forTeam('T1');
    await client.chat.postMessage({ channel: 'U1SECRETID', text: 'a zebraquilt message text' });
    t.slack.failNext('users.info', 'user_not_found');
    await client.users.info({ user: 'U1SECRETID' }).catch(() => undefined);
  });

  it('parses as Prometheus text and carries the operator counters', async () => {
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    const samples = parsePrometheus(await response.text());
    const names = new Set(samples.map((sample) => sample.name));
    for (const name of [
      'throughline_commands_total',
      'throughline_slack_api_calls_total',
      'throughline_slack_api_latency_seconds_bucket',
      'throughline_queue_jobs',
    ]) {
      expect(names, name).toContain(name);
    }
    const calls = samples.filter((sample) => sample.name === 'throughline_slack_api_calls_total');
    expect(calls).toContainEqual(
      expect.objectContaining({
        labels: { method: 'chat.postMessage', client: 'background', outcome: 'ok' },
      }),
    );
    expect(calls).toContainEqual(
      expect.objectContaining({
        labels: { method: 'users.info', client: 'background', outcome: 'user_not_found' },
      }),
    );
  });

  it('contains no Slack user ids, team ids or message text', async () => {
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).not.toContain('U1SECRETID');
    expect(text).not.toContain('"T1"');
    expect(text).not.toMatch(/\b[UWT][A-Z0-9]{8,}\b/);
    expect(text).not.toContain('zebraquilt');
    expect(text).not.toContain('Bobbington');
  });
});
