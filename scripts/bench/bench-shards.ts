// Benchmark: sharded evaluation (`eval --shard K/N`, one process per shard, each with its own emulated app, as
// each matrix job starts its own space/app.py) and the exact merge.
// Targets: 200 cases on 1, 2, 4 and 8 shards against the Gradio emulator at 500 ms per call with one request in
// flight per app (the app's queue at concurrency 1): wall time within 1.15× of ideal = ceil(cases ÷ shards) ×
// latency, and the merged report identical to the unsharded one. Merging 8 shards of 10,000 cases each: < 2 s
// and < 300 MB peak RSS, measured on the library bundled as the CLI and the action bundle it, in a fresh `node`.
// Same-run baselines: the unsharded run (1 process, no shard) and, for the merge, only reading and parsing the 8
// files; the whole `sumops eval merge` command (process start, loading, printing) is shown beside it.
// Timing starts when every shard process has loaded and started its app (what a matrix job does before its first
// case) and ends when the last one has written its scores.json.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EvalCase, EvalResult } from '#lib/evaluate/index';
import {
  formatScoresJson,
  loadFixtures,
  materializeCases,
  mergeShards,
  parseShardSpec,
  renderReport,
  runEvaluation,
} from '#lib/evaluate/index';
import { silentLogger, systemClock } from '#lib/log';
import { startGradioEmulator } from '../../test/emulators/gradio';
import { writeMergeInputs } from './merge-inputs';

const LATENCY_MS = 500;
const CASES = 200;
const TARGET_RATIO = 1.15;
const SHARDS = [1, 2, 4, 8];
const MERGE = { shards: 8, casesPerShard: 10_000, maxSeconds: 2, maxMb: 300 };
/** Each shard's app has its own port; the workflow's apps all answer on this URL, so results name it. */
const APP_URL = 'http://127.0.0.1:7860';

const self = new URL(import.meta.url).pathname;
const [mode, ...args] = process.argv.slice(2);

/** One app per process, one request in flight: the app's queue at concurrency 1. */
async function evaluate(
  fixture: string,
  cwd: string,
  shard?: string,
  latencyMs = LATENCY_MS,
): Promise<EvalResult> {
  const emulator = await startGradioEmulator({ latencyMs });
  try {
    if (shard) {
      process.stdout.write('ready\n');
      await new Promise<void>((resolve) =>
        createInterface({ input: process.stdin }).once('line', () => resolve()),
      );
    }
    const result = await runEvaluation(
      {
        fixtures: [fixture],
        cwd,
        provider: { kind: 'space', space: emulator.url },
        concurrency: 1,
        gitSha: 'bench',
        ...(shard ? { shard: parseShardSpec(shard) } : {}),
      },
      { logger: silentLogger, clock: systemClock },
    );
    if (emulator.maxInFlight > 1) throw new Error(`the app saw ${emulator.maxInFlight} requests at once`);
    // The Space provider reports the app URL as its model when the app names none.
    const model = result.provider.model === emulator.url ? APP_URL : result.provider.model;
    return { ...result, provider: { ...result.provider, model, space: APP_URL } };
  } finally {
    await emulator.close();
  }
}

if (mode === 'shard') {
  // As `sumops eval --shard K/N --out` writes it.
  const [fixture = '', cwd = '', shard = '', out = ''] = args;
  await writeFile(out, formatScoresJson(await evaluate(fixture, cwd, shard)));
  process.exit(0);
}

/** Timing and the clock are the only fields two runs of the same cases may differ in. */
/** Timing and the clock are the only fields allowed to differ between two runs of the same cases. */
function normalize(result: EvalResult): EvalResult {
  const { latency, ...rest } = result;
  return {
    ...rest,
    createdAt: '',
    ...(latency ? { latency: { ...latency, p50Ms: 0, p95Ms: 0 } } : {}),
    cases: result.cases.map((c) => ({
      ...c,
      durationMs: 0,
      ...(c.latencyMs === undefined ? {} : { latencyMs: 0 }),
    })),
  };
}

function runChildren(argsList: string[][]): Promise<number> {
  return new Promise((resolve, reject) => {
    let ready = 0;
    let exited = 0;
    let started = 0;
    const children = argsList.map((childArgs) => {
      const child = spawn(process.execPath, ['--import', 'tsx', self, ...childArgs], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      child.stdout.on('data', (chunk: Buffer) => {
        if (!chunk.toString().includes('ready')) return;
        if (++ready === argsList.length) {
          started = performance.now();
          for (const c of children) c.stdin.write('go\n');
        }
      });
      child.on('exit', (code) => {
        if (code !== 0) reject(new Error(`a shard process exited with ${code}`));
        else if (++exited === argsList.length) resolve((performance.now() - started) / 1000);
      });
      return child;
    });
  });
}

const dir = await mkdtemp(join(tmpdir(), 'sumops-bench-shards-'));
try {
  const { cases: fixtures } = await loadFixtures(['test/eval/*.{jsonl,yaml,yml}'], { cwd: process.cwd() });
  const templates = fixtures.filter((c) => c.input.kind === 'text');
  const lines = Array.from({ length: CASES }, (_, i) => {
    const t = templates[i % templates.length] as EvalCase;
    const text = t.input.kind === 'text' ? t.input.text : '';
    return JSON.stringify({ id: `${t.id}-${String(i).padStart(3, '0')}`, text, references: t.references });
  });
  const fixture = join(dir, 'cases.jsonl');
  await writeFile(fixture, `${lines.join('\n')}\n`);

  const rows: string[] = [];
  let failed = false;
  const wholeStarted = performance.now();
  const whole = normalize(await evaluate(fixture, dir, undefined, mode === 'merge-only' ? 0 : LATENCY_MS));
  const wholeSeconds = (performance.now() - wholeStarted) / 1000;
  const wholeReport = renderReport(whole);
  const ideal1 = CASES * (LATENCY_MS / 1000);
  rows.push(
    `| baseline: unsharded, in process | 1 | ${ideal1.toFixed(1)} | ${wholeSeconds.toFixed(2)} | ${(wholeSeconds / ideal1).toFixed(3)} | — | |`,
  );
  // `merge-only`: just the merge measurement (the sharded runs take minutes).
  for (const n of mode === 'merge-only' ? [] : SHARDS) {
    const outs = Array.from({ length: n }, (_, k) => join(dir, `n${n}-shard-${k + 1}.json`));
    const seconds = await runChildren(outs.map((out, k) => ['shard', fixture, dir, `${k + 1}/${n}`, out]));
    const table = await mergeShards(
      [...outs].reverse(),
      { tolerance: 0.01 },
      { readFile: (p) => readFile(p) },
    );
    const merged = normalize({ ...table, cases: materializeCases(table.cases) });
    const identical =
      JSON.stringify(merged) === JSON.stringify(whole) && renderReport(merged) === wholeReport;
    const ideal = Math.ceil(CASES / n) * (LATENCY_MS / 1000);
    const ratio = seconds / ideal;
    const ok = ratio <= TARGET_RATIO && identical;
    if (!ok) failed = true;
    process.stderr.write(`${n} shard(s): ${seconds.toFixed(2)} s, merged = unsharded: ${identical}\n`);
    rows.push(
      `| ${n} shard process${n === 1 ? '' : 'es'} | ${n} | ${ideal.toFixed(1)} | ${seconds.toFixed(2)} | ${ratio.toFixed(3)} | ${identical ? 'yes' : 'NO'} | ${ok ? `✅ ≤ ${TARGET_RATIO}×` : '❌'} |`,
    );
  }

  // 8 synthetic shard files of 10,000 scored cases each, as `eval --shard` writes them, and main's scores.json.
  const total = MERGE.shards * MERGE.casesPerShard;
  const mergeDir = await writeMergeInputs(join(dir, 'merge'), whole, MERGE);
  // The merge runs as shipped: the library bundled by esbuild with the CLI's settings, in a fresh `node`.
  const child = join(dir, 'merge-child.mjs');
  await build({
    entryPoints: [new URL('./merge-child.ts', import.meta.url).pathname],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const median = (values: number[]) =>
    [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  /** Three fresh processes; the median of each figure (the machine's other load moves single runs). */
  const measure = async (run: () => Promise<{ seconds: number; maxRssMb: number }>) => {
    const samples = [await run(), await run(), await run()];
    return {
      seconds: median(samples.map((x) => x.seconds)),
      maxRssMb: median(samples.map((x) => x.maxRssMb)),
    };
  };
  const inChild = (variant: string) => () =>
    new Promise<{ seconds: number; maxRssMb: number }>((resolve, reject) => {
      const proc = spawn(
        process.execPath,
        [child, mergeDir, variant, join(dir, `out-${variant}`), String(MERGE.shards)],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.on('error', reject);
      proc.on('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(out) as { seconds: number; maxRssMb: number })
          : reject(new Error(`merge child exited with ${code}`)),
      );
    });
  // The whole command as a merge job runs it: process start, loading, merging, printing the summary.
  const rssFile = join(dir, 'cli-rss.json');
  const cli = new URL('../../bin/sumops.js', import.meta.url).pathname;
  const preload = new URL('./rss-preload.mjs', import.meta.url).href;
  const shardFiles = Array.from({ length: MERGE.shards }, (_, k) =>
    join(mergeDir, `shard-${k + 1}`, 'scores.json'),
  );
  const cliMerge = () =>
    new Promise<{ seconds: number; maxRssMb: number }>((resolve, reject) => {
      const started = performance.now();
      const proc = spawn(process.execPath, ['--import', preload, cli, 'eval', 'merge', ...shardFiles], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, SUMOPS_BENCH_RSS_FILE: rssFile },
      });
      proc.on('error', reject);
      proc.on('exit', () => {
        const seconds = (performance.now() - started) / 1000;
        readFile(rssFile, 'utf8').then(
          (text) =>
            resolve({ seconds, maxRssMb: (JSON.parse(text) as { maxRssKb: number }).maxRssKb / 1024 }),
          reject,
        );
      });
    });
  const parseOnly = await measure(inChild('read-only'));
  const merge = await measure(inChild('merge'));
  const mergeOut = await measure(inChild('merge-out'));
  const withBaseline = await measure(inChild('baseline'));
  const command = await measure(cliMerge);
  const mergeOk = merge.seconds < MERGE.maxSeconds && merge.maxRssMb < MERGE.maxMb;
  if (!mergeOk) failed = true;
  const row = (label: string, m: { seconds: number; maxRssMb: number }, target = '') =>
    `| ${label} | ${m.seconds.toFixed(2)} | ${(m.seconds / parseOnly.seconds).toFixed(1)}× | ${m.maxRssMb.toFixed(0)} | ${target} |`;

  process.stdout.write(
    [
      `${CASES} cases, Gradio emulator at ${LATENCY_MS} ms per call, one request in flight per app; ideal = ceil(cases ÷ shards) × latency`,
      '',
      '| run | shards | ideal s | measured s | ratio | merged = unsharded | target |',
      '|---|---:|---:|---:|---:|---|---|',
      ...rows,
      '',
      `Merging ${MERGE.shards} shard files of ${MERGE.casesPerShard} cases (${total} cases, 1000 bootstrap samples); each figure the median of 3 fresh processes`,
      '',
      '| run | seconds | × baseline | peak RSS MB | target |',
      '|---|---:|---:|---:|---|',
      row('baseline: read + JSON.parse the 8 files', parseOnly),
      row('mergeShards', merge, mergeOk ? `✅ < ${MERGE.maxSeconds} s, < ${MERGE.maxMb} MB` : '❌'),
      row('mergeShards + write scores.json and report.md', mergeOut),
      row("a PR's merge job: + main's 80,000-case scores.json as the baseline, paired deltas", withBaseline),
      row('`sumops eval merge` (the whole command: start, load, merge, print)', command),
      '',
    ].join('\n'),
  );
  if (failed) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
