import { describe, expect, it } from 'vitest';
import { runMainProcess } from '#test/support/run-process.ts';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-123-456-abc',
  SLACK_SIGNING_SECRET: 'secret',
  REDIS_URL: 'redis://127.0.0.1:1',
  PORT: '3000',
};

function without(name: keyof typeof valid): Record<string, string> {
  const env: Record<string, string> = { ...valid };
  delete env[name];
  return env;
}

describe('configuration errors (real process)', () => {
  it.each([
    ['missing SLACK_BOT_TOKEN', without('SLACK_BOT_TOKEN'), 'SLACK_BOT_TOKEN is required'],
    [
      'missing SLACK_SIGNING_SECRET in HTTP mode',
      without('SLACK_SIGNING_SECRET'),
      'SLACK_SIGNING_SECRET is required in HTTP mode',
    ],
    [
      'malformed SLACK_BOT_TOKEN',
      { ...valid, SLACK_BOT_TOKEN: 'xoxp-user-token' },
      'SLACK_BOT_TOKEN must start with xoxb-',
    ],
    [
      'malformed SLACK_APP_TOKEN',
      { ...valid, SLACK_APP_TOKEN: 'abc' },
      'SLACK_APP_TOKEN must start with xapp-',
    ],
    [
      'malformed REDIS_URL',
      { ...valid, REDIS_URL: 'localhost:6379' },
      'REDIS_URL must be a URL starting with redis://',
    ],
    ['malformed PORT (text)', { ...valid, PORT: 'eighty' }, 'PORT must be a whole number from 1 to 65535'],
    ['malformed PORT (too big)', { ...valid, PORT: '70000' }, 'PORT must be from 1 to 65535'],
    ['malformed SLACK_API_URL', { ...valid, SLACK_API_URL: 'ftp://slack' }, 'SLACK_API_URL must be a URL'],
    [
      'malformed ADMIN_USER_IDS',
      { ...valid, ADMIN_USER_IDS: 'U123ABC,bob' },
      'ADMIN_USER_IDS must be a comma list',
    ],
  ])('%s: exit 1 with one named line and no stack trace', async (_name, env, expected) => {
    const result = await runMainProcess(env);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Configuration error: ${expected}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(lines.every((line) => line.startsWith('Configuration error: '))).toBe(true);
  });

  it('reports every problem at once, one line each', async () => {
    const result = await runMainProcess({ SLACK_BOT_TOKEN: 'nope', PORT: 'x', REDIS_URL: 'mysql://db' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'Configuration error: SLACK_BOT_TOKEN must start with xoxb-',
      'Configuration error: REDIS_URL must be a URL starting with redis:// or rediss://',
      'Configuration error: PORT must be a whole number from 1 to 65535',
      'Configuration error: SLACK_SIGNING_SECRET is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
  });
});
