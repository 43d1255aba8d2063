// Bundles the CLI (dist/cli, not committed) and every action (actions/<name>/dist/index.js plus the licence
// notices of what it bundles in licenses.txt, committed so the runner starts it with no install).
//   --cli            only the CLI; it is what `npm ci` runs through `prepare`.
//   --actions-out D  write the action bundles to D/<name>/ instead of actions/<name>/dist (the tests use a temp
//                    folder so that a test run never rewrites tracked files).
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { licenseNotices } from './build/license-notices.mjs';
import {
  builtinsWithoutFacade,
  entitiesTablesOnUse,
  linkedomWithoutCanvas,
  linkedomWithoutCss,
} from './build/plugins.mjs';

// ESM bundles of CommonJS dependencies (tunnel, via @actions/http-client) call require(); esbuild routes those
// calls through one shim that reads a `require` binding, which this banner provides. Only the output files that
// mention `require` get it: in the code-split CLI that is a few of ~60 chunks, and each banner costs a createRequire
// (a Module object, a node_modules path list) when its chunk loads. node:module is taken with getBuiltinModule, as
// every built-in is (builtinsWithoutFacade in scripts/build/plugins.mjs), not with an import that builds its namespace.
const banner = "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);\n";
const usesRequire = /(?<![\w$.])require(?![\w$])/;

/** Writes esbuild's in-memory output files (a build with `write: false`), each JavaScript file that needs it with the banner. */
function writeWithRequireBanner(outputFiles) {
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const needsBanner = file.path.endsWith('.js') && usesRequire.test(file.text);
    writeFileSync(file.path, needsBanner ? banner + file.text : file.contents);
  }
}

const common = {
  plugins: [builtinsWithoutFacade, linkedomWithoutCss, linkedomWithoutCanvas, entitiesTablesOnUse],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  write: false,
  // Licence texts go to each bundle's licenses.txt, in full; inline legal comments would repeat part of them.
  legalComments: 'none',
  logLevel: 'warning',
};

const args = process.argv.slice(2);
const cliOnly = args.includes('--cli');
const outIndex = args.indexOf('--actions-out');
const actionsOut = outIndex === -1 ? undefined : resolve(args[outIndex + 1] ?? '');

// The CLI's bundles: dist/cli/main.js (the dispatcher and --help, no library code) and one build per command in
// dist/cli/<command>/, each command's own dynamic imports (the encoding detectors, the Gradio and OpenAI clients)
// split into chunks of that build.
//
// One process runs one command, so nothing is gained by sharing chunks between commands, and a build holding all of
// them splits the code into a chunk per set of commands that use it: `sumops summarize` loaded 27 files, most of a
// few hundred bytes, and each costs Node's ES module loader a resolve, a read, a compile-cache lookup and a link
// (~0.2 ms apiece; scripts/bench/bench-cli.ts). Built apart, a command loads its entry and a few chunks.

const CLI = resolve('scripts/cli');

/**
 * Each command's entry: its `run`, and the CLI's error formatting from the same build, for main.js to phrase an
 * error the command let through (the error classes it tests for are that build's own).
 */
const commandEntry = {
  name: 'command-entry',
  setup(build) {
    build.onResolve({ filter: /^sumops-command:/ }, (args) => ({
      path: args.path.slice('sumops-command:'.length),
      namespace: 'sumops-command',
    }));
    build.onLoad({ filter: /.*/, namespace: 'sumops-command' }, (args) => ({
      contents:
        `export { run } from ${JSON.stringify(args.path)};\n` +
        `export { commandErrorLine } from ${JSON.stringify(join(CLI, 'error-hints.ts'))};\n`,
      resolveDir: CLI,
      loader: 'ts',
    }));
  },
};

/**
 * Builds the CLI into `outdir` with esbuild options `common`; returns esbuild's output files, for the caller to
 * write (with the require banner).
 */
async function buildCli(common, outdir) {
  const commands = new Map();
  // main.ts loads each command with `import('./commands/<name>')`: those become imports of the commands' own builds.
  const commandsApart = {
    name: 'commands-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\/commands\// }, (args) => {
        if (args.kind !== 'dynamic-import' || dirname(args.importer) !== CLI) return undefined;
        const name = basename(args.path);
        commands.set(name, resolve(CLI, `${args.path}.ts`));
        return { path: `./${name}/index.js`, external: true };
      });
    },
  };
  const main = await build({
    ...common,
    plugins: [...common.plugins, commandsApart],
    entryPoints: { main: join(CLI, 'main.ts') },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  const builds = await Promise.all(
    [...commands].map(([name, source]) =>
      build({
        ...common,
        plugins: [...common.plugins, commandEntry],
        entryPoints: { index: `sumops-command:${source}` },
        outdir: join(outdir, name),
        splitting: true,
        chunkNames: '[name]-[hash]',
      }),
    ),
  );
  return [main, ...builds].flatMap((result) => result.outputFiles);
}

// Chunk names carry a content hash, so every rebuild would otherwise leave the previous chunks behind.
rmSync('dist/cli', { recursive: true, force: true });
const cli = buildCli(common, 'dist/cli').then(writeWithRequireBanner);

// All actions in one esbuild run: each output is still one self-contained file (no splitting), byte for byte what
// a build of that action alone gives, but the sources they share are parsed once (2 s instead of 7.5 s for five).
async function buildActions() {
  const actions = readdirSync('actions', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join('actions', entry.name, 'src', 'index.ts')))
    .map((entry) => entry.name);
  const outdir = actionsOut ?? resolve('actions');
  const outPath = (name) => (actionsOut ? join(name, 'index') : join(name, 'dist', 'index'));
  const result = await build({
    ...common,
    entryPoints: Object.fromEntries(
      actions.map((name) => [outPath(name), join('actions', name, 'src', 'index.ts')]),
    ),
    outdir,
    metafile: true,
  });
  writeWithRequireBanner(result.outputFiles);
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const dir = dirname(resolve(output));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'licenses.txt'),
      licenseNotices({ ...result.metafile, outputs: { [output]: meta } }),
    );
  }
}

await Promise.all([cli, cliOnly ? undefined : buildActions()]);
