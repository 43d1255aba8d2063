// The CLI's bundles: dist/cli/main.js (the dispatcher and --help, no library code) and one build per command in
// dist/cli/<command>/, each command's own dynamic imports (the encoding detectors, the Gradio and OpenAI clients)
// split into chunks of that build.
//
// One process runs one command, so nothing is gained by sharing chunks between commands, and a build holding all of
// them splits the code into a chunk per set of commands that use it: `sumops summarize` loaded 27 files, most of a
// few hundred bytes, and each costs Node's ES module loader a resolve, a read, a compile-cache lookup and a link
// (~0.2 ms apiece; scripts/bench-cli.ts). Built apart, a command loads its entry and a few chunks.
import { build } from 'esbuild';
import { basename, dirname, join, resolve } from 'node:path';

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
export async function buildCli(common, outdir) {
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
