import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';

const PASSWORD = 'a-long-dashboard-password';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('/admin/queues', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('does not exist (404) unless a password is configured', async () => {
    t = await startTestApp();
    const response = await fetch(`${t.baseUrl}/admin/queues`, {
      headers: { authorization: basic('admin', PASSWORD) },
    });
    expect(response.status).toBe(404);
  });

  it('is 401 without the password or with a wrong one, and serves the read-only board with it', async () => {
    t = await startTestApp({ env: { ADMIN_DASHBOARD_PASSWORD: PASSWORD } });
    const anonymous = await fetch(`${t.baseUrl}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${t.baseUrl}/admin/queues`, {
      headers: { authorization: basic('admin', 'nope') },
    });
    expect(wrong.status).toBe(401);
    const api = await fetch(`${t.baseUrl}/admin/queues/api/queues`, {
      headers: { authorization: basic('x', 'nope') },
    });
    expect(api.status).toBe(401);

    const page = await fetch(`${t.baseUrl}/admin/queues`, {
      headers: { authorization: basic('admin', PASSWORD) },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const queues = await fetch(`${t.baseUrl}/admin/queues/api/queues`, {
      headers: { authorization: basic('admin', PASSWORD) },
    });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    const names = new Set(t.throughline.deps.jobs.queues().map((queue) => queue.name));
    expect(names.size).toBeGreaterThan(0);
    expect(body.queues.map((queue) => queue.name).sort()).toEqual([...names].sort());
    expect(body.queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });

  it('answers 429 with Retry-After after 10 wrong passwords from one address within a minute', async () => {
    t = await startTestApp({ env: { ADMIN_DASHBOARD_PASSWORD: PASSWORD } });
    for (let attempt = 1; attempt <= 10; attempt++) {
      const wrong = await fetch(`${t.baseUrl}/admin/queues`, {
        headers: { authorization: basic('admin', `guess-number-${attempt}`) },
      });
      expect(wrong.status).toBe(401);
    }
    const eleventh = await fetch(`${t.baseUrl}/admin/queues`, {
      headers: { authorization: basic('admin', 'guess-number-11') },
    });
    expect(eleventh.status).toBe(429);
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Until the minute is over, even the right password waits: guessing gains nothing.
    const right = await fetch(`${t.baseUrl}/admin/queues/api/queues`, {
      headers: { authorization: basic('admin', PASSWORD) },
    });
    expect(right.status).toBe(429);
  });

  it('with ADMIN_PORT, serves /admin/queues and /metrics only there; /healthz stays public', async () => {
    t = await startTestApp({ env: { ADMIN_DASHBOARD_PASSWORD: PASSWORD, ADMIN_PORT: '0' } });
    const adminUrl = t.adminUrl ?? '';
    expect(adminUrl).not.toBe('');
    expect(adminUrl).not.toBe(t.baseUrl);
    const auth = { authorization: basic('admin', PASSWORD) };
    expect((await fetch(`${t.baseUrl}/admin/queues`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/admin/queues/api/queues`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);

    expect((await fetch(`${adminUrl}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${adminUrl}/admin/queues`, { headers: auth })).status).toBe(200);
    const queues = await fetch(`${adminUrl}/admin/queues/api/queues`, { headers: auth });
    expect(queues.status).toBe(200);
    const metrics = await fetch(`${adminUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE');
  });

  it('refuses an ADMIN_PORT that is not a port, or the same as PORT, at start', async () => {
    await expect(startTestApp({ env: { ADMIN_PORT: 'eighty' } })).rejects.toThrow(
      'ADMIN_PORT must be a whole number from 1 to 65535',
    );
    await expect(startTestApp({ env: { PORT: '3456', ADMIN_PORT: '3456' } })).rejects.toThrow(
      'ADMIN_PORT must differ from PORT',
    );
  });

  it('refuses a dashboard password shorter than 12 characters at start', async () => {
    await expect(startTestApp({ env: { ADMIN_DASHBOARD_PASSWORD: 'short' } })).rejects.toThrow(
      'ADMIN_DASHBOARD_PASSWORD must be at least 12 characters',
    );
  });
});
