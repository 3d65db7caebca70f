import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Every environment variable `src/config.ts` reads: the schema's keys and direct `env.X` reads. */
function variablesReadByConfig(): string[] {
  const source = read('src/config.ts');
  const schema = source.slice(
    source.indexOf('const envSchema'),
    source.indexOf('\n});', source.indexOf('const envSchema')),
  );
  const keys = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1] ?? '');
  const direct = [...source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((match) => match[1] ?? '');
  return [...new Set([...keys, ...direct])].sort();
}

describe('.env.example and the configuration table', () => {
  const example = read('.env.example');
  const operations = read('docs/operations.md');

  it('finds the variables config.ts reads (the scan itself works)', () => {
    const variables = variablesReadByConfig();
    expect(variables).toContain('SLACK_BOT_TOKEN');
    expect(variables).toContain('WORKER_STALLED_INTERVAL_MS');
    expect(variables).toContain('NODE_ENV');
    expect(variables.length).toBeGreaterThanOrEqual(28);
  });

  it('lists every variable, each with a one-line comment above it', () => {
    const lines = example.split('\n');
    for (const variable of variablesReadByConfig()) {
      const at = lines.findIndex((line) => new RegExp(`^(# )?${variable}=`).test(line));
      expect(at, `${variable} is missing from .env.example`).toBeGreaterThan(0);
      expect(lines[at - 1], `${variable} has no comment`).toMatch(/^# \S/);
      expect(lines[at - 1], `${variable} has no comment`).not.toMatch(/^# [A-Z_]+=/);
    }
  });

  it('puts the required credentials first, uncommented', () => {
    const firstSettings = example
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(firstSettings.slice(0, 3)).toEqual(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET']);
  });

  it('is a valid configuration once the credentials are filled in', () => {
    const env: Record<string, string> = {};
    for (const line of example.split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line);
      if (match?.[1]) env[match[1]] = match[2] ?? '';
    }
    expect(loadConfig(env)).toMatchObject({ ok: false });
    const filled = loadConfig({
      ...env,
      SLACK_BOT_TOKEN: 'xoxb-1-example',
      SLACK_APP_TOKEN: 'xapp-1-example',
      SLACK_SIGNING_SECRET: 'example-secret',
    });
    expect(filled).toMatchObject({ ok: true, config: { slack: { socketMode: true } } });
  });

  it('has a row for every variable in docs/operations.md', () => {
    for (const variable of variablesReadByConfig()) {
      expect(operations, `${variable} has no row in docs/operations.md`).toContain(`\`${variable}\``);
    }
  });
});
