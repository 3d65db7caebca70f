import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The dependency rules of `npm run lint` (.dependency-cruiser.cjs) catch what they are for: a small
 * tree with one violation each is cruised with the project's own configuration.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'throughline-deps-'));
  dirs.push(dir);
  cpSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      type: 'module',
      imports: { '#src/*': './src/*', '#jobs/*': './jobs/*', '#messages/*': './messages/*' },
    }),
  );
  for (const folder of ['src', 'jobs', 'messages']) mkdirSync(join(dir, folder), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const result = spawnSync(
    depcruise,
    ['src', 'jobs', 'messages', '--config', join(root, '.dependency-cruiser.cjs')],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the dependency rules', () => {
  it('pass on a tree that keeps them', () => {
    const result = cruise({
      'jobs/worker.ts': "import { rule } from '#src/reflect/rule.ts';\nexport const run = rule;\n",
      'src/reflect/rule.ts': 'export const rule = 1;\n',
      'messages/copy.ts': 'export const text = "hi";\n',
    });
    expect(result.output).toContain('no dependency violations');
    expect(result.status).toBe(0);
  });

  it('fail on an import of jobs/ from src/', () => {
    const result = cruise({
      'jobs/queue.ts': 'export const QUEUE = "q";\n',
      'src/reflect/rule.ts': "import { QUEUE } from '#jobs/queue.ts';\nexport const rule = QUEUE;\n",
    });
    expect(result.output).toMatch(/src-not-to-jobs: src\/reflect\/rule\.ts → jobs\/queue\.ts/);
    expect(result.status).not.toBe(0);
  });

  it('fail on a cycle, even one made of type-only imports', () => {
    const result = cruise({
      'src/a.ts': "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
      'src/b.ts': "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
    });
    expect(result.output).toContain('no-cycles');
    expect(result.status).not.toBe(0);
  });

  it('fail when messages/ reaches for a store', () => {
    const result = cruise({
      'src/reflect/reflection-store.ts': 'export const store = {};\n',
      'messages/copy.ts':
        "import { store } from '#src/reflect/reflection-store.ts';\nexport const text = String(store);\n",
    });
    expect(result.output).toContain('messages-are-pure');
    expect(result.status).not.toBe(0);
  });

  it('fail on a deep import into another feature, but not through its index', () => {
    const nudges = {
      'src/reflect/app-home.ts': 'export const publishHome = 1;\n',
      'src/reflect/index.ts':
        "export { publishHome } from './app-home.ts';\nexport type Home = { n: number };\n",
    };
    const deep = cruise({
      ...nudges,
      'src/nudges/home-actions.ts':
        "import { publishHome } from '#src/reflect/app-home.ts';\nexport const redraw = publishHome;\n",
    });
    expect(deep.output).toMatch(
      /features-meet-at-their-index: src\/nudges\/home-actions\.ts → src\/reflect\/app-home\.ts/,
    );
    expect(deep.status).not.toBe(0);

    const throughIndex = cruise({
      ...nudges,
      'src/nudges/home-actions.ts':
        "import { publishHome } from '#src/reflect/index.ts';\nimport type { Home } from '#src/reflect/index.ts';\nexport const redraw = publishHome;\nexport type H = Home;\n",
      // Inside a feature, and into shared modules, any file is fine.
      'src/nudges/rule.ts':
        "import { redraw } from './home-actions.ts';\nimport { QUEUE } from '#src/store/keys.ts';\nexport const r = [redraw, QUEUE];\n",
      'src/store/keys.ts': 'export const QUEUE = "q";\n',
    });
    expect(throughIndex.output).toContain('no dependency violations');
    expect(throughIndex.status).toBe(0);
  });
});
