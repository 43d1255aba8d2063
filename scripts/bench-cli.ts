// CLI latency: `sumops summarize` on a ~100 KB local HTML page, process start to exit, against bare Node start-up
// and `sumops --help` measured in the same run. Target: median ≤ 400 ms.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const page = 'examples/long-article.html';
const runs = Number(process.env.BENCH_RUNS ?? 15);

if (!existsSync('dist/cli/main.js')) {
  spawnSync(process.execPath, ['scripts/build.mjs', '--cli'], { stdio: 'inherit' });
}
if (!existsSync(page)) {
  console.log(`bench-cli: ${page} is missing; nothing to measure.`);
  process.exit(0);
}

// The sumops rows run bin/sumops.js through its shebang, as `npx sumops` does, so its V8 flags apply.
function time(command: string, args: string[]): { median: number; p90: number; ok: boolean } {
  const samples: number[] = [];
  let ok = true;
  spawnSync(command, args); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, { encoding: 'utf8' });
    samples.push(performance.now() - start);
    if (result.status !== 0) ok = false;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { median: at(0.5), p90: at(0.9), ok };
}

const rows: [string, ReturnType<typeof time>][] = [
  ['node -e "" (baseline: Node start-up)', time(process.execPath, ['-e', ''])],
  ['sumops --help', time('bin/sumops.js', ['--help'])],
  [
    `sumops summarize ${page} (${Math.round(statSync(page).size / 1024)} KB)`,
    time('bin/sumops.js', ['summarize', page]),
  ],
];
console.log(`CLI latency, ${runs} runs each, Node ${process.version}\n`);
console.log('| command | median ms | p90 ms | exit 0 |');
console.log('|---|---|---|---|');
for (const [name, r] of rows)
  console.log(`| ${name} | ${r.median.toFixed(0)} | ${r.p90.toFixed(0)} | ${r.ok ? 'yes' : 'NO'} |`);
const target = rows[2]?.[1];
if (target)
  console.log(
    `\nsummarize median ${target.median.toFixed(0)} ms: ${target.median <= 400 ? 'within' : 'OVER'} the 400 ms target`,
  );
