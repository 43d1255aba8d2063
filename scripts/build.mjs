// Bundles the CLI (dist/cli, not committed) and every action (actions/<name>/dist/index.js, committed so the
// runner starts it with no install). `--cli` builds only the CLI; it is what `npm ci` runs through `prepare`.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// ESM bundles of CommonJS dependencies (tunnel, via @actions/http-client) call require(); give them one.
const banner = {
  js: "import { createRequire as __sumopsCreateRequire } from 'node:module'; const require = __sumopsCreateRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  banner,
  legalComments: 'none',
  logLevel: 'warning',
};

const cliOnly = process.argv.includes('--cli');

await build({
  ...common,
  entryPoints: { main: 'scripts/cli/main.ts' },
  outdir: 'dist/cli',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

if (!cliOnly) {
  const actions = readdirSync('actions', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join('actions', entry.name, 'src', 'index.ts')))
    .map((entry) => entry.name);
  await Promise.all(
    actions.map((name) =>
      build({
        ...common,
        entryPoints: [join('actions', name, 'src', 'index.ts')],
        outfile: join('actions', name, 'dist', 'index.js'),
      }),
    ),
  );
}
