import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** docs/architecture.md is a map: every file or folder it names must exist. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = join(root, 'docs', 'architecture.md');
const text = readFileSync(doc, 'utf8');

/** Code spans that look like a repository path (`src/app.ts`, `messages/`), not a URL or package. */
function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? '');
  return spans.filter(
    (span) =>
      /^[\w.-]+(\/[\w.-]*)*$/.test(span) &&
      (span.includes('/') || /\.(ts|cjs|md|yml|json)$/.test(span)) &&
      !span.startsWith('@'),
  );
}

/** Relative Markdown links to other docs (`[x](operations.md#scaling-out)`). */
function linkedDocs(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)#:\s]+)(#[^)]*)?\)/g)].map((match) => match[1] ?? '');
}

describe('docs/architecture.md', () => {
  it('names files, and each one exists', () => {
    const paths = namedPaths(text);
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('links docs that exist', () => {
    const links = linkedDocs(text);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !existsSync(join(dirname(doc), link)))).toEqual([]);
  });

  it('would notice a file that is not there', () => {
    expect(namedPaths('see `src/nudges/no-such-step.ts` and `@slack/bolt`')).toEqual([
      'src/nudges/no-such-step.ts',
    ]);
  });
});
