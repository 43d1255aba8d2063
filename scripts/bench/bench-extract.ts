// Article-extraction benchmark (Scrapinghub's 181 pages, https://github.com/scrapinghub/article-extraction-benchmark):
// sumops' extractArticle next to plain Readability+linkedom, both measured in this run, each in a fresh child process. Run: npx tsx scripts/bench/bench-extract.ts [--limit N]
// [--worst N] (list the N lowest-precision pages for sumops) [--ablate] (what each cleaning rule adds, per half)
// [--before DIR] (also run the extractArticle of another checkout, e.g. main's worktree, in the same run: speed and
// memory before and after a change, measured under the same load).
//
// The worker is bundled with esbuild and run by plain node, so peak RSS is the extractor's and not tsx's loader.
// Each extractor runs twice: with Node's default heap settings, and with the V8 flags the CLI runs with (the
// shebang of bin/sumops.js), which is what a user of `sumops extract`/`summarize` gets.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { printAblation } from './extraction-ablation';
import { halfF1 } from './extraction-halves';
import { bootstrapF1Std, scoreCorpus, scorePage } from './extraction-metric';
import type { PageScore } from './extraction-metric';
import type { ExtractorName, WorkerResult } from './extraction-worker';

const DATA_DIR = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'article-extraction-benchmark',
);
// The child's user + system CPU time (GNU time): on a shared machine wall time swings with the neighbours' load,
// CPU time much less. It covers the whole child (start-up, reading and unzipping the pages, extraction).
const GNU_TIME = '/usr/bin/time';
const WORKER = join(import.meta.dirname, 'extraction-worker.ts');
const SUMOPS: ExtractorName = 'sumops extractArticle';
const EXTRACTORS: ExtractorName[] = ['readability-linkedom (plain)', SUMOPS];

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] ?? 0;
}

/** The V8 flags in bin/sumops.js's `#!/usr/bin/env -S node …` line. */
function cliNodeFlags(): string[] {
  const shebang =
    readFileSync(resolve(import.meta.dirname, '..', '..', 'bin', 'sumops.js'), 'utf8').split('\n')[0] ?? '';
  return shebang
    .replace(/^#!\/usr\/bin\/env -S node\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
}

async function bundleWorker(dir: string, entry: string, name: string): Promise<string> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    // The worker's CommonJS dependencies call require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return outfile;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string' },
      worst: { type: 'string' },
      ablate: { type: 'boolean' },
      before: { type: 'string' },
    },
  });
  if (!existsSync(join(DATA_DIR, 'ground-truth.json'))) {
    console.log(`bench-extract: skipped, benchmark data not found at ${DATA_DIR}`);
    return;
  }
  const truth = JSON.parse(readFileSync(join(DATA_DIR, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string; url: string }
  >;
  const work = mkdtempSync(join(tmpdir(), 'bench-extract-'));
  const rows: string[] = [];
  const worker = await bundleWorker(work, WORKER, 'extraction-worker');
  const runs: { label: string; name: ExtractorName; worker: string }[] = EXTRACTORS.map((name) => ({
    label: name,
    name,
    worker,
  }));
  if (values.before) {
    const entry = join(resolve(values.before), 'scripts', 'bench', 'extraction-worker.ts');
    const before = await bundleWorker(work, entry, 'extraction-worker-before');
    runs.splice(1, 0, {
      label: `sumops extractArticle (before: ${values.before})`,
      name: SUMOPS,
      worker: before,
    });
  }
  const flagSets: [string, string[]][] = [
    ['node defaults', []],
    [`CLI flags`, cliNodeFlags()],
  ];
  const scores = new Map<string, PageScore[]>();
  const byId = new Map<string, Map<string, PageScore>>();
  const outputs = new Map<string, Record<string, string>>();
  try {
    for (const [flagLabel, flags] of flagSets) {
      for (const { label, name, worker: script } of runs) {
        const outFile = join(work, 'out.json');
        const args = [...flags, script, name, DATA_DIR, outFile];
        if (values.limit) args.push(values.limit);
        const cpuFile = join(work, 'cpu.txt');
        if (existsSync(GNU_TIME))
          execFileSync(GNU_TIME, ['-f', '%U %S', '-o', cpuFile, process.execPath, ...args], {
            stdio: 'inherit',
          });
        else execFileSync(process.execPath, args, { stdio: 'inherit' });
        const cpu = existsSync(GNU_TIME)
          ? readFileSync(cpuFile, 'utf8')
              .trim()
              .split(/\s+/)
              .reduce((sum, part) => sum + Number(part), 0)
              .toFixed(1)
          : '–';
        const result = JSON.parse(readFileSync(outFile, 'utf8')) as WorkerResult;
        const ids = Object.keys(result.outputs);
        const pages = ids.map((id) => scorePage(truth[id]?.articleBody ?? '', result.outputs[id] ?? ''));
        if (!scores.has(label)) {
          scores.set(label, pages);
          outputs.set(label, result.outputs);
          byId.set(label, new Map(ids.map((id, i) => [id, pages[i] as PageScore])));
        }
        const pagesPerSecond = result.ms.length / (result.ms.reduce((a, b) => a + b, 0) / 1000);
        const corpus = scoreCorpus(pages);
        const std = bootstrapF1Std(pages);
        rows.push(
          `| ${label} | ${flagLabel} | ${corpus.f1.toFixed(4)} ± ${std.toFixed(3)} | ${corpus.precision.toFixed(4)} | ` +
            `${corpus.recall.toFixed(4)} | ${corpus.accuracy.toFixed(4)} | ${quantile(result.ms, 0.5).toFixed(1)} | ` +
            `${quantile(result.ms, 0.9).toFixed(1)} | ${pagesPerSecond.toFixed(1)} | ${cpu} | ${result.maxRssMb.toFixed(0)} |`,
        );
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const pageCount = scores.get(EXTRACTORS[0] as string)?.length ?? 0;
  console.log(
    `\nArticle extraction, ${pageCount} pages (Scrapinghub article-extraction-benchmark, its evaluate.py metric)\n`,
  );
  console.log(`CLI flags: ${cliNodeFlags().join(' ')} (from bin/sumops.js)\n`);
  console.log(
    '| extractor | node | F1 | P | R | accuracy | median ms/page | p90 ms | pages/s | process CPU s | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('\nSplit halves (every other page id in sorted order):\n');
  console.log('| extractor | F1 all | F1 even half | F1 odd half |');
  console.log('|---|---|---|---|');
  for (const { label } of runs) {
    const halves = halfF1(byId.get(label) ?? new Map());
    console.log(
      `| ${label} | ${halves.all.toFixed(4)} | ${halves.even.toFixed(4)} | ${halves.odd.toFixed(4)} |`,
    );
  }

  if (values.before) {
    // F1 can hold while text moves; say how many pages come out exactly as before, and which do not.
    const now = outputs.get(SUMOPS) ?? {};
    const then = outputs.get(runs[1]?.label ?? '') ?? {};
    const changed = Object.keys(now).filter((id) => now[id] !== then[id]);
    console.log(
      `\nText identical to the before run on ${pageCount - changed.length} of ${pageCount} pages` +
        (changed.length > 0 ? `; changed: ${changed.map((id) => id.slice(0, 12)).join(', ')}` : ''),
    );
  }

  const worst = Number(values.worst ?? 0);
  if (worst > 0) {
    const mine = scores.get(SUMOPS) ?? [];
    const ids = Object.keys(outputs.get(SUMOPS) ?? {});
    const ranked = ids
      .map((id, i) => ({ id, score: mine[i] as PageScore }))
      .sort((a, b) => a.score.precision - b.score.precision || a.score.recall - b.score.recall)
      .slice(0, worst);
    console.log('\nLowest-precision pages (sumops):');
    for (const { id, score } of ranked)
      console.log(
        `${id.slice(0, 12)} P ${score.precision.toFixed(3)} R ${score.recall.toFixed(3)} ${truth[id]?.url ?? ''}`,
      );
  }
  if (values.ablate) printAblation(DATA_DIR, truth, Object.keys(outputs.get(SUMOPS) ?? {}));
}

await main();
