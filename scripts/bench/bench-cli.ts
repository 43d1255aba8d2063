// CLI start-up: `sumops --help` and `sumops summarize` on a 4 KB and a 93 KB local HTML page, process start to
// exit, against bare Node start-up (`node -e 0`) measured in the same run; the small page also with an empty compile
// cache, as a first run after install or upgrade goes. Targets: summarize on the small page ≤ 2.5× Node start-up with
// a peak RSS ≤ 80 MB (with the compile cache in place), --help ≤ 1.5×.
//
// The commands take turns (one run of each per round, in a rotating order), so load from other processes on a
// shared machine falls on all of them alike. Wall time is the median of the rounds; CPU time (user + system) is
// the children's total from /proc/self/stat divided by the runs; peak RSS is read by each child from its own
// VmHWM (scripts/bench/peak-rss.mjs) in separate runs, so that the preload it takes is not in the timings.
// Run: npx tsx scripts/bench/bench-cli.ts [--before DIR] (BENCH_RUNS=N rounds, default 20). --before DIR also runs another
// checkout's CLI (e.g. main's worktree; built there if need be) in the same rounds, for before/after under the same
// load. --floor adds the library code `summarize` runs on the small page without the CLI, stopped after loading the
// extraction code, after extracting, and after summarizing (scripts/bench/cli-floor.ts). BENCH_PROFILE_DIR=D writes
// one CPU profile per command to D/<row>/, from runs apart from the timed ones.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { articlePage } from './article-page';
import {
  builtinsWithoutFacade,
  entitiesTablesOnUse,
  linkedomWithoutCanvas,
  linkedomWithoutCss,
} from '../build/plugins.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const rssRuns = 3;
const root = resolve(import.meta.dirname, '..', '..');
const beforeAt = process.argv.indexOf('--before');
const before = beforeAt === -1 ? undefined : resolve(process.argv[beforeAt + 1] ?? '.');
const profileDir = process.env.BENCH_PROFILE_DIR;
const preload = join(root, 'scripts', 'bench', 'rss-preload.mjs');
const longPage = join(root, 'examples', 'long-article.html');

for (const checkout of before ? [root, before] : [root]) {
  if (!existsSync(join(checkout, 'dist', 'cli', 'main.js')))
    spawnSync(process.execPath, ['scripts/build.mjs', '--cli'], { cwd: checkout, stdio: 'inherit' });
}
const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
const smallPage = join(dir, 'small-article.html');
writeFileSync(smallPage, articlePage(3000, 2));

/** The V8 flags of bin/sumops.js's `#!/usr/bin/env -S node …` line, for the floor rows to run as the CLI does. */
const cliFlags = (readFileSync(join(root, 'bin', 'sumops.js'), 'utf8').split('\n')[0] ?? '')
  .replace(/^#!\/usr\/bin\/env -S node\s*/, '')
  .split(/\s+/)
  .filter(Boolean);
const floor = process.argv.includes('--floor') ? join(dir, 'floor', 'cli-floor.mjs') : undefined;
if (floor) {
  await build({
    entryPoints: { 'cli-floor': join(root, 'scripts', 'bench', 'cli-floor.ts') },
    outdir: join(dir, 'floor'),
    // .mjs: no package.json in the temporary folder says "type": "module", so Node would tell a .js file's format by
    // compiling it as CommonJS first (~10 ms for the extraction chunk); the CLI's files, under sumops' package.json,
    // never pay that.
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    plugins: [builtinsWithoutFacade, linkedomWithoutCss, linkedomWithoutCanvas, entitiesTablesOnUse],
    banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
const floorRow = (name: string, stage: string) => ({
  name: `floor: ${name}`,
  command: process.execPath,
  args: [...cliFlags, floor as string, stage, smallPage],
});

interface Row {
  name: string;
  command: string;
  args: string[];
  /** Each run gets an empty compile cache folder (NODE_COMPILE_CACHE): a first run after install or an upgrade. */
  freshCompileCache?: boolean;
  samples: number[];
  cpuTicks: number;
  rssKb: number[];
  failed: number;
}

const kb = (path: string): string => `${Math.round(statSync(path).size / 1024)} KB`;
// The sumops rows run bin/sumops.js through its shebang, as `npx sumops` does, so its V8 flags apply.
const commandRows = (checkout: string, label: string) => {
  const launcher = join(checkout, 'bin', 'sumops.js');
  return [
    { name: `sumops --help${label}`, command: launcher, args: ['--help'] },
    {
      name: `sumops summarize (${kb(smallPage)} page)${label}`,
      command: launcher,
      args: ['summarize', smallPage],
    },
    {
      name: `sumops summarize (${kb(longPage)} page)${label}`,
      command: launcher,
      args: ['summarize', longPage],
    },
    {
      name: `sumops summarize (${kb(smallPage)} page), empty compile cache${label}`,
      command: launcher,
      args: ['summarize', smallPage],
      freshCompileCache: true,
    },
  ];
};
const rows: Row[] = [
  { name: 'node -e 0 (baseline: Node start-up)', command: process.execPath, args: ['-e', '0'] },
  ...commandRows(root, ''),
  ...(before ? commandRows(before, ` (before: ${before})`) : []),
  ...(floor
    ? [
        floorRow('load the extraction code', 'load'),
        floorRow(`and extract the ${kb(smallPage)} page`, 'extract'),
        floorRow('and summarize it (the library, no CLI)', 'summarize'),
      ]
    : []),
].map((row) => ({ ...row, samples: [], cpuTicks: 0, rssKb: [], failed: 0 }));

/** User + system clock ticks of this process's waited-for children (fields 16 and 17 of /proc/self/stat). */
function childTicks(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return Number(fields[13]) + Number(fields[14]);
}

/** The environment of one run of `row`: its own empty compile cache folder if it asks for one. */
function runEnv(row: Row, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (!row.freshCompileCache) return env;
  const cache = join(dir, 'compile-cache');
  rmSync(cache, { recursive: true, force: true });
  return { ...env, NODE_COMPILE_CACHE: cache };
}

function runOnce(row: Row): void {
  const env = runEnv(row);
  const ticks = childTicks();
  const start = performance.now();
  const result = spawnSync(row.command, row.args, { encoding: 'utf8', env });
  row.samples.push(performance.now() - start);
  row.cpuTicks += childTicks() - ticks;
  if (result.status !== 0) row.failed++;
}

for (const row of rows) spawnSync(row.command, row.args); // warm the file cache (and the compile cache)
for (let round = 0; round < runs; round++) {
  for (let i = 0; i < rows.length; i++) runOnce(rows[(round + i) % rows.length] as Row);
}
for (const row of rows) {
  row.samples.sort((a, b) => a - b);
  for (let i = 0; i < rssRuns; i++) {
    const file = join(dir, 'rss.json');
    const env = runEnv(row, {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`,
      SUMOPS_BENCH_RSS_FILE: file,
    });
    spawnSync(row.command, row.args, { env });
    if (existsSync(file)) {
      row.rssKb.push((JSON.parse(readFileSync(file, 'utf8')) as { maxRssKb: number }).maxRssKb);
      rmSync(file);
    }
  }
}
if (profileDir) {
  rows.forEach((row, i) => {
    const out = join(resolve(profileDir), `${i}-${row.name.replace(/[^\w.-]+/g, '-')}`);
    const env = runEnv(row, {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${out}`,
    });
    spawnSync(row.command, row.args, { env });
  });
}
rmSync(dir, { recursive: true, force: true });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const at = (samples: number[], q: number): number =>
  samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
const ticksPerSecond = 100; // USER_HZ, 100 on every Linux ABI Node supports
const base = rows[0] as Row;
const baseMedian = median(base.samples);

console.log(`CLI start-up, ${runs} rounds, Node ${process.version}\n`);
console.log('| command | median ms | p90 ms | × node -e 0 | CPU ms/run | peak RSS MB | exit 0 |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) {
  const m = median(row.samples);
  const cpuMs = (row.cpuTicks * 1000) / ticksPerSecond / row.samples.length;
  console.log(
    `| ${row.name} | ${m.toFixed(0)} | ${at(row.samples, 0.9).toFixed(0)} | ${(m / baseMedian).toFixed(2)} | ${cpuMs.toFixed(0)} | ${(median(row.rssKb) / 1024).toFixed(0)} | ${row.failed === 0 ? 'yes' : `NO (${row.failed})`} |`,
  );
}

const verdict = (ok: boolean): string => (ok ? 'within' : 'OVER');
const help = rows[1] as Row;
const small = rows[2] as Row;
const helpRatio = median(help.samples) / baseMedian;
const smallRatio = median(small.samples) / baseMedian;
const smallRss = median(small.rssKb) / 1024;
console.log(`\n--help: ${helpRatio.toFixed(2)}× Node start-up, ${verdict(helpRatio <= 1.5)} the 1.5× target`);
console.log(
  `summarize (small page): ${smallRatio.toFixed(2)}× Node start-up, ${verdict(smallRatio <= 2.5)} the 2.5× target; peak RSS ${smallRss.toFixed(0)} MB, ${verdict(smallRss <= 80)} the 80 MB target`,
);
