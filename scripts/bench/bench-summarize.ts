// Summarization quality and speed: ROUGE-1/2/Lsum F1 of the embedded extractive summarizer beside Lead-k, on the
// FRANK CNN/DailyMail and XSum test articles in ../shared/data/frank-cnndm-xsum/, plus the embedded summarizer's
// documents per second (one core, in-process). Targets: on the held-out CNN/DM half, ROUGE-1 and ROUGE-Lsum at or
// above Lead-3 measured here; ≥ 200 articles/s.
//
// The weights were tuned on the CNN/DM tuning half (lines 1–125) only; lines 126–250 and all of XSum are held out.
//
// Usage: npx tsx scripts/bench/bench-summarize.ts [--split tuning|heldout|all]   (default all)
// While developing, run `--split tuning` only: it scores just CNN/DM lines 1–125, so held-out results are never seen
// before the final run.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEmbeddedSummarizer } from '#lib/summarize/embedded';
import { splitSentences } from '#lib/summarize/sentences';
import { scoreRouge } from '#lib/rouge/index';

const dataDir = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'frank-cnndm-xsum');
const ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeLsum'] as const;
const speedRounds = Number(process.env.BENCH_ROUNDS ?? 3);
const SPLITS = ['tuning', 'heldout', 'all'] as const;
type Split = (typeof SPLITS)[number];

function parseSplit(argv: readonly string[]): Split {
  const at = argv.findIndex((arg) => arg === '--split' || arg.startsWith('--split='));
  if (at === -1) return 'all';
  const arg = argv[at] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  if (!SPLITS.includes(value as Split)) {
    console.error(`bench-summarize: --split must be one of ${SPLITS.join(', ')}, got ${String(value)}.`);
    process.exit(2);
  }
  return value as Split;
}

interface Article {
  id: string;
  article: string;
  article_sentences: string[];
  reference: string;
}

function load(file: string): Article[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Article);
}

interface Row {
  set: string;
  system: string;
  n: number;
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
}

const summarizer = createEmbeddedSummarizer();

async function embedded(article: Article, k: number): Promise<string> {
  return (await summarizer.summarize({ text: article.article, sentences: k })).text;
}

function lead(article: Article, k: number): string {
  return article.article_sentences.slice(0, k).join('\n');
}

async function score(set: string, articles: Article[], k: number): Promise<Row[]> {
  const systems: [string, (a: Article) => Promise<string> | string][] = [
    [`Lead-${k}`, (a) => lead(a, k)],
    [`embedded-${k}`, (a) => embedded(a, k)],
  ];
  const rows: Row[] = [];
  for (const [system, predict] of systems) {
    const sums = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
    for (const article of articles) {
      const scores = scoreRouge(await predict(article), article.reference, {
        types: ROUGE_TYPES,
        stemmer: true,
      });
      for (const type of ROUGE_TYPES) sums[type] += scores[type]?.fmeasure ?? 0;
    }
    const mean = (sum: number): number => (100 * sum) / articles.length;
    rows.push({
      set,
      system,
      n: articles.length,
      rouge1: mean(sums.rouge1),
      rouge2: mean(sums.rouge2),
      rougeLsum: mean(sums.rougeLsum),
    });
  }
  return rows;
}

async function articlesPerSecond(articles: Article[], run: (a: Article) => unknown): Promise<number> {
  for (const article of articles.slice(0, 50)) await run(article); // JIT warm-up
  let best = 0;
  for (let round = 0; round < speedRounds; round++) {
    const start = performance.now();
    for (const article of articles) await run(article);
    best = Math.max(best, articles.length / ((performance.now() - start) / 1000));
  }
  return best;
}

async function main(): Promise<void> {
  if (
    !existsSync(join(dataDir, 'cnndm_test_250.jsonl')) ||
    !existsSync(join(dataDir, 'xsum_test_250.jsonl'))
  ) {
    console.log(`bench-summarize: ${dataDir} is absent; skipping the summarization benchmark.`);
    return;
  }
  const split = parseSplit(process.argv.slice(2));
  const cnndm = load('cnndm_test_250.jsonl');
  const tuning = cnndm.slice(0, 125);
  const xsum = split === 'tuning' ? [] : load('xsum_test_250.jsonl');
  const rows: Row[] = [];
  if (split !== 'heldout') rows.push(...(await score('CNN/DM tuning (1–125)', tuning, 3)));
  if (split !== 'tuning') {
    rows.push(...(await score('CNN/DM held-out (126–250)', cnndm.slice(125), 3)));
    rows.push(...(await score('XSum held-out (all 250)', xsum, 1)));
  }
  console.log(`Split: ${split}\n`);
  console.log(
    `Summarization quality: mean F1 × 100, rouge-score port (actions/lib/rouge), stemmed, one sentence per line (Node ${process.version})\n`,
  );
  console.log('| set | system | n | ROUGE-1 | ROUGE-2 | ROUGE-Lsum |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.set} | ${r.system} | ${r.n} | ${r.rouge1.toFixed(2)} | ${r.rouge2.toFixed(2)} | ${r.rougeLsum.toFixed(2)} |`,
    );
  }

  // Speed is measured on the articles of the chosen split only (no scores are computed here).
  const all =
    split === 'tuning' ? tuning : split === 'heldout' ? [...cnndm.slice(125), ...xsum] : [...cnndm, ...xsum];
  const segmentation = await articlesPerSecond(all, (a) => splitSentences(a.article));
  const summarize = await articlesPerSecond(all, (a) => embedded(a, a.id.startsWith('xsum') ? 1 : 3));
  console.log(`\nSpeed: ${all.length} articles, best of ${speedRounds} rounds, one core, in-process\n`);
  console.log('| system | articles/s |');
  console.log('|---|---|');
  console.log(`| sentence segmentation only (baseline) | ${segmentation.toFixed(0)} |`);
  console.log(`| embedded summarizer | ${summarize.toFixed(0)} |`);

  const heldOut = rows.filter((r) => r.set.startsWith('CNN/DM held-out'));
  const leadRow = heldOut.find((r) => r.system === 'Lead-3');
  const ours = heldOut.find((r) => r.system === 'embedded-3');
  if (leadRow && ours) {
    const quality = ours.rouge1 >= leadRow.rouge1 && ours.rougeLsum >= leadRow.rougeLsum;
    console.log(
      `\nTargets: held-out CNN/DM ROUGE-1 and ROUGE-Lsum ≥ Lead-3: ${quality ? 'met' : 'NOT met'} ` +
        `(ΔR1 ${(ours.rouge1 - leadRow.rouge1).toFixed(2)}, ΔRLsum ${(ours.rougeLsum - leadRow.rougeLsum).toFixed(2)}); ` +
        `speed ≥ 200 articles/s: ${summarize >= 200 ? 'met' : 'NOT met'} (${summarize.toFixed(0)}/s)`,
    );
  }
}

await main();
