import { afterAll, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '#test/support/global-redis.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

async function waitForStatus(url: string, status: number, timeoutMs = 15_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last: Response | undefined;
  while (Date.now() < deadline) {
    last = await fetch(url);
    if (last.status === status) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${status} from ${url}, last was ${last?.status}`);
}

describe('/healthz follows Redis without a restart', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('is 200 with Redis up, 503 with Redis stopped, and 200 again after Redis returns', async () => {
    const redis = await startPrivateRedis();
    cleanups.push(redis.stop);
    const t: TestApp = await startTestApp({ env: { REDIS_URL: redis.url }, keepRedis: true });
    cleanups.push(t.stop);

    const up = await waitForStatus(`${t.baseUrl}/healthz`, 200);
    expect(await up.json()).toMatchObject({ status: 'ok', redis: 'up' });

    await redis.stop();
    const down = await waitForStatus(`${t.baseUrl}/healthz`, 503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', redis: 'down' });

    // Same port again, so the app's connections find it by themselves.
    const again = await startPrivateRedis([], redis.port);
    cleanups.push(again.stop);
    const back = await waitForStatus(`${t.baseUrl}/healthz`, 200);
    expect(await back.json()).toMatchObject({ status: 'ok' });

    // The app still answers Slack after the outage.
    const help = await t.command({ text: 'help' });
    expect(help.status).toBe(200);
  });

  it('/metrics answers Prometheus text', async () => {
    const t = await startTestApp();
    cleanups.push(t.stop);
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('# TYPE throughline_commands_total counter');
  });
});
