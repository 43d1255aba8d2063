// Article-extraction benchmark (Scrapinghub's 181 pages, https://github.com/scrapinghub/article-extraction-benchmark):
// sumops' extractArticle next to plain Readability+linkedom, both measured in this run, each in a fresh child process. Run: npx tsx scripts/bench-extract.ts [--limit N]
// [--worst N] (list the N lowest-precision pages for sumops).
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
import { bootstrapF1Std, scoreCorpus, scorePage } from './bench/extraction-metric';
import type { PageScore } from './bench/extraction-metric';
import type { ExtractorName, WorkerResult } from './bench/extraction-worker';

const DATA_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'article-extraction-benchmark');
const WORKER = join(import.meta.dirname, 'bench', 'extraction-worker.ts');
const EXTRACTORS: ExtractorName[] = ['readability-linkedom (plain)', 'sumops extractArticle'];

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] ?? 0;
}

/** The V8 flags in bin/sumops.js's `#!/usr/bin/env -S node …` line. */
function cliNodeFlags(): string[] {
  const shebang =
    readFileSync(resolve(import.meta.dirname, '..', 'bin', 'sumops.js'), 'utf8').split('\n')[0] ?? '';
  return shebang
    .replace(/^#!\/usr\/bin\/env -S node\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
}

async function bundleWorker(dir: string): Promise<string> {
  const outfile = join(dir, 'extraction-worker.mjs');
  await build({
    entryPoints: [WORKER],
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
  const { values } = parseArgs({ options: { limit: { type: 'string' }, worst: { type: 'string' } } });
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
  const worker = await bundleWorker(work);
  const flagSets: [string, string[]][] = [
    ['node defaults', []],
    [`CLI flags`, cliNodeFlags()],
  ];
  const scores = new Map<ExtractorName, PageScore[]>();
  const outputs = new Map<ExtractorName, Record<string, string>>();
  try {
    for (const [flagLabel, flags] of flagSets) {
      for (const name of EXTRACTORS) {
        const outFile = join(work, 'out.json');
        const args = [...flags, worker, name, DATA_DIR, outFile];
        if (values.limit) args.push(values.limit);
        execFileSync(process.execPath, args, { stdio: 'inherit' });
        const result = JSON.parse(readFileSync(outFile, 'utf8')) as WorkerResult;
        const pages = Object.keys(result.outputs).map((id) =>
          scorePage(truth[id]?.articleBody ?? '', result.outputs[id] ?? ''),
        );
        if (!scores.has(name)) {
          scores.set(name, pages);
          outputs.set(name, result.outputs);
        }
        const corpus = scoreCorpus(pages);
        const std = bootstrapF1Std(pages);
        rows.push(
          `| ${name} | ${flagLabel} | ${corpus.f1.toFixed(4)} ± ${std.toFixed(3)} | ${corpus.precision.toFixed(4)} | ` +
            `${corpus.recall.toFixed(4)} | ${corpus.accuracy.toFixed(4)} | ${quantile(result.ms, 0.5).toFixed(1)} | ` +
            `${quantile(result.ms, 0.9).toFixed(1)} | ${result.maxRssMb.toFixed(0)} |`,
        );
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const pageCount = scores.get(EXTRACTORS[0] as ExtractorName)?.length ?? 0;
  console.log(
    `\nArticle extraction, ${pageCount} pages (Scrapinghub article-extraction-benchmark, its evaluate.py metric)\n`,
  );
  console.log(`CLI flags: ${cliNodeFlags().join(' ')} (from bin/sumops.js)\n`);
  console.log('| extractor | node | F1 | P | R | accuracy | median ms/page | p90 ms | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);

  const worst = Number(values.worst ?? 0);
  if (worst > 0) {
    const mine = scores.get('sumops extractArticle') ?? [];
    const ids = Object.keys(outputs.get('sumops extractArticle') ?? {});
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
}

await main();
