import { afterAll, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { freePort } from '#test/support/global-redis.ts';
import { testRedisUrl } from '#test/support/redis.ts';
import { startMainProcess, waitForHttp } from '#test/support/run-process.ts';

describe('the real process', () => {
  let slack: SlackDouble | undefined;
  afterAll(async () => {
    await slack?.close();
  });

  it('starts with npm start semantics, serves /healthz, and exits 0 on SIGTERM within a few seconds', async () => {
    slack = await startSlackDouble({
      teams: [{ teamId: 'T1', botToken: 'xoxb-life', botUserId: 'UBOT1', botId: 'BBOT1' }],
    });
    const port = await freePort();
    const child = startMainProcess({
      SLACK_BOT_TOKEN: 'xoxb-life',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: testRedisUrl(),
      PORT: String(port),
    });
    try {
      const health = await waitForHttp(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const started = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(child.output()).toContain('throughline stopped');
      expect(child.output()).not.toContain('xoxb-life');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
