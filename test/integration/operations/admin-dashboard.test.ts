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

  it('refuses a dashboard password shorter than 12 characters at start', async () => {
    await expect(startTestApp({ env: { ADMIN_DASHBOARD_PASSWORD: 'short' } })).rejects.toThrow(
      'ADMIN_DASHBOARD_PASSWORD must be at least 12 characters',
    );
  });
});
