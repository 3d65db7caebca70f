/**
 * The shape of the code (docs/architecture.md), checked by `npm run lint`:
 * arrows point one way, and the composition root is the only place that knows everything.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module may depend on itself through others, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-jobs',
      comment:
        'jobs/ is the BullMQ adapter and imports src/; only the composition root (src/main.ts, src/app.ts) wires it in.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main|app)[.]ts$' },
      to: { path: '^jobs/' },
    },
    {
      name: 'features-meet-at-their-index',
      comment:
        'A feature (src/reflect, nudges, recognition, privacy, workspaces) uses another only through its index.ts; shared modules (src/slack, src/schedule, src/store, src/limits, messages/, …) are not features.',
      severity: 'error',
      from: { path: '^src/(reflect|nudges|recognition|privacy|workspaces)/' },
      to: {
        path: '^src/(reflect|nudges|recognition|privacy|workspaces)/',
        pathNot: ['^src/$1/', '^src/(reflect|nudges|recognition|privacy|workspaces)/index[.]ts$'],
      },
    },
    {
      name: 'product-not-to-test',
      comment: 'Product code never imports tests or their support.',
      severity: 'error',
      from: { path: '^(src|jobs|messages)/' },
      to: { path: '^test/' },
    },
    {
      name: 'nothing-imports-the-app',
      comment: 'src/app.ts composes everything; only the process entry (src/main.ts) imports it.',
      severity: 'error',
      from: { path: '^(src|jobs|messages)/', pathNot: '^src/main[.]ts$' },
      to: { path: '^src/app[.]ts$' },
    },
    {
      name: 'messages-are-pure',
      comment:
        'messages/ builds what people read from data: types and constants only, never a store or a client.',
      severity: 'error',
      from: { path: '^messages/' },
      to: {
        path: '^(jobs/|src/(store/(?!keys[.]ts)|slack/|slack-clients|redis-connections|app|deps|main|sandbox/|listeners/)|src/[^/]+/[^/]*-store[.]ts$)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'messages-not-to-stores-or-clients-even-as-types',
      severity: 'error',
      from: { path: '^messages/' },
      to: { path: '^(jobs/|src/(app|deps|main|listeners/|slack-clients|redis-connections))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|jobs|messages|test)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
