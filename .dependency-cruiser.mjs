// `npm run deps` (part of `make lint`): the layers of docs/development.md#layers, checked on every import.
// dependency-cruiser resolves imports as Node and TypeScript do (the #lib/* and #action-support/* subpath
// imports of package.json included) and follows type-only imports too, so a cycle made of types counts.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module never reaches itself through its imports: move what both sides need into a third module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'library-stays-below-entries',
      severity: 'error',
      comment:
        'actions/lib is the library: it never imports an entry (an action, the action support, the CLI), a test or a benchmark.',
      from: { path: '^actions/lib/' },
      to: { path: ['^actions/(?!lib/)[^/]+/', '^scripts/', '^test/'] },
    },
    {
      name: 'library-without-actions-core',
      severity: 'error',
      comment:
        'The library never imports @actions/core (entries pass it a logger and inputs); @actions/github only in its Octokit adapter.',
      from: { path: '^actions/lib/', pathNot: '^actions/lib/github/octokit\\.ts$' },
      to: { path: 'node_modules/@actions/' },
    },
    {
      name: 'action-entries-stay-apart',
      severity: 'error',
      comment: 'An action entry imports the library and actions/action-support, never another action.',
      from: { path: '^actions/([^/]+)/src/' },
      to: { path: '^actions/(?!lib/|action-support/)([^/]+)/', pathNot: '^actions/$1/' },
    },
    {
      name: 'action-support-serves-actions',
      severity: 'error',
      comment: 'actions/action-support is shared by the actions; it imports the library only.',
      from: { path: '^actions/action-support/' },
      to: { path: ['^actions/(?!lib/|action-support/)', '^scripts/', '^test/'] },
    },
    {
      name: 'cli-without-actions',
      severity: 'error',
      comment:
        'The CLI (scripts/cli) runs the library; it never imports an action, the action support or @actions/*.',
      from: { path: '^scripts/cli/' },
      to: { path: ['^actions/(?!lib/)', 'node_modules/@actions/', '^scripts/(?!cli/)', '^test/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '^\\.tools/', '^out/', '^space/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.d.mts', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
