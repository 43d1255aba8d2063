// ROUGE conformance and speed. Conformance: every golden file in ../shared/data/rouge-golden/ (produced by Google's
// rouge-score + NLTK 3.8), reporting the count and max |Δ| per file (target ≤ 1e-9; 5 decimals for the ROUGE-1.5.5
// ground truth). Speed: all 2,250 stored FRANK system summaries vs their references, 4 types, stemmed, in-process,
// against rouge-score's measured 7.9 s (target ≤ 0.4 s) and a naive JS transliteration measured in this run; then
// long (~800-word) pairs where the LCS tables dominate.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { porterStem, scoreRouge, tokenize, summaryLines } from '#lib/rouge/index';
import type { RougeScores, RougeType } from '#lib/rouge/index';
import { naiveScore } from './rouge-naive';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = resolve(root, '../shared/data');
const golden = resolve(data, 'rouge-golden');
const frank = resolve(data, 'frank-cnndm-xsum');
if (!existsSync(golden) || !existsSync(frank)) {
  console.log(`bench-rouge: ${golden} or ${frank} is absent; skipping (the benchmark needs ../shared/data).`);
  process.exit(0);
}

const TYPES: RougeType[] = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];
const PYTHON_SECONDS = 7.9;
const TARGET_SECONDS = 0.4;
const TOLERANCE = 1e-9;

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);

type Prf = { precision: number; recall: number; fmeasure: number };
type OracleScores = { id: string } & Record<RougeType, Prf>;
type Pair = { id: string; prediction: string; reference?: string; references?: string[] };
type Fixture = {
  id: string;
  reference: string;
  article_sentences: string[];
  system_summaries: Record<string, string>;
};

/** Largest |Δ| between our scores and the oracle's, over every type and P/R/F. */
function maxDelta(ours: RougeScores, oracle: Partial<Record<RougeType, Prf | number[]>>): number {
  let worst = 0;
  for (const type of TYPES) {
    const mine = ours[type];
    const theirs = oracle[type];
    if (!mine || !theirs) return Number.POSITIVE_INFINITY;
    const expected = Array.isArray(theirs) ? theirs : [theirs.precision, theirs.recall, theirs.fmeasure];
    const actual = [mine.precision, mine.recall, mine.fmeasure];
    for (let i = 0; i < 3; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  }
  return worst;
}

const fixtures = new Map<string, Fixture>();
for (const name of ['cnndm_test_250.jsonl', 'xsum_test_250.jsonl']) {
  for (const doc of readJsonl<Fixture>(resolve(frank, name))) fixtures.set(doc.id, doc);
}

// Speed: 250 × 5 CNN/DM + 250 × 4 XSum stored system summaries.
const speedPairs: { prediction: string; reference: string }[] = [];
for (const doc of fixtures.values()) {
  for (const summary of Object.values(doc.system_summaries))
    speedPairs.push({ prediction: summary, reference: doc.reference });
}

function timeSeconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}
const runOurs = (list: typeof speedPairs) => (): void => {
  for (const p of list) scoreRouge(p.prediction, p.reference, { types: TYPES, stemmer: true });
};
// Measured before anything else runs, so the stem cache and JIT start cold, like a fresh `sumops rouge` process.
const oursFirst = timeSeconds(runOurs(speedPairs));

interface Row {
  file: string;
  count: number;
  unit: string;
  maxDelta: number | null;
  mismatches: number;
  tolerance: number;
}
const rows: Row[] = [];

// Stems
{
  let count = 0;
  let mismatches = 0;
  for (const line of readFileSync(resolve(golden, 'porter_nltk38_stems.tsv'), 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const [word, stem] = line.split('\t');
    count++;
    if (porterStem(word!) !== stem) mismatches++;
  }
  rows.push({
    file: 'porter_nltk38_stems.tsv',
    count,
    unit: 'words',
    maxDelta: null,
    mismatches,
    tolerance: 0,
  });
}

// Tokens
{
  type TokenView = {
    text: string;
    tokens: string[];
    tokens_stemmed: string[];
    lsum_sentences_tokens_stemmed: string[][];
  };
  type TokenRow = { prediction: TokenView; reference?: TokenView; references?: TokenView[] };
  let count = 0;
  let mismatches = 0;
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  for (const row of readJsonl<TokenRow>(resolve(golden, 'oracle_tokens.jsonl'))) {
    for (const view of [
      row.prediction,
      ...(row.reference ? [row.reference] : []),
      ...(row.references ?? []),
    ]) {
      count++;
      const lines = summaryLines(view.text).map((line) => tokenize(line, true));
      if (
        !same(tokenize(view.text, false), view.tokens) ||
        !same(tokenize(view.text, true), view.tokens_stemmed) ||
        !same(lines, view.lsum_sentences_tokens_stemmed)
      ) {
        mismatches++;
      }
    }
  }
  rows.push({ file: 'oracle_tokens.jsonl', count, unit: 'texts', maxDelta: null, mismatches, tolerance: 0 });
}

function scoreFile(file: string, pairs: Pair[], oracleFile: string, stemmer: boolean): void {
  const oracle = new Map(readJsonl<OracleScores>(resolve(golden, oracleFile)).map((o) => [o.id, o]));
  let worst = 0;
  let mismatches = 0;
  for (const pair of pairs) {
    const expected = oracle.get(pair.id);
    const ours = scoreRouge(pair.prediction, pair.references ?? pair.reference ?? '', {
      types: TYPES,
      stemmer,
    });
    const delta = expected ? maxDelta(ours, expected) : Number.POSITIVE_INFINITY;
    if (delta > TOLERANCE) mismatches++;
    worst = Math.max(worst, delta);
  }
  rows.push({ file, count: pairs.length, unit: 'pairs', maxDelta: worst, mismatches, tolerance: TOLERANCE });
}

const pairs = readJsonl<Pair>(resolve(golden, 'pairs.jsonl'));
scoreFile('oracle_scores.stem.jsonl', pairs, 'oracle_scores.stem.jsonl', true);
scoreFile('oracle_scores.nostem.jsonl', pairs, 'oracle_scores.nostem.jsonl', false);
scoreFile(
  'fuzz_oracle_scores.nostem.jsonl',
  readJsonl<Pair>(resolve(golden, 'fuzz_pairs.jsonl')),
  'fuzz_oracle_scores.nostem.jsonl',
  false,
);

// FRANK runs: 21 systems × 250 documents, stemmed and unstemmed.
{
  type RunRow = {
    system: string;
    id: string;
    prediction?: string;
    stem: Record<string, number[]>;
    nostem: Record<string, number[]>;
  };
  let count = 0;
  let worst = 0;
  let mismatches = 0;
  for (const row of readJsonl<RunRow>(resolve(golden, 'frank_runs_oracle_scores.jsonl'))) {
    const doc = fixtures.get(row.id);
    const prediction = row.prediction ?? doc?.system_summaries[row.system.replace(/^stored_/, '')];
    for (const [stemmer, expected] of [
      [true, row.stem],
      [false, row.nostem],
    ] as const) {
      count++;
      const delta =
        doc && prediction !== undefined
          ? maxDelta(scoreRouge(prediction, doc.reference, { types: TYPES, stemmer }), expected)
          : Number.POSITIVE_INFINITY;
      if (delta > TOLERANCE) mismatches++;
      worst = Math.max(worst, delta);
    }
  }
  rows.push({
    file: 'frank_runs_oracle_scores.jsonl (stem + nostem)',
    count,
    unit: 'pair scorings',
    maxDelta: worst,
    mismatches,
    tolerance: TOLERANCE,
  });
}

// ROUGE-1.5.5 ground truth from rouge-score's own tests (5 decimal places).
{
  const dir = resolve(golden, 'rouge_score_testdata');
  const expected = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
  const targets = readFileSync(resolve(dir, 'target.txt'), 'utf8').split('\n');
  const predictions = readFileSync(resolve(dir, 'prediction.txt'), 'utf8').split('\n');
  const checks: [Prf, Prf | undefined][] = [];
  for (const [key, value] of Object.entries(expected)) {
    const line = /^line(\d+)$/.exec(key);
    if (!line) continue;
    const i = Number(line[1]);
    for (const [name, prf] of Object.entries(value as Record<string, Prf>)) {
      const stemmer = name.endsWith('_stem');
      const type = name.replace(/_stem$/, '') as RougeType;
      checks.push([
        prf,
        scoreRouge(predictions[i] ?? '', targets[i] ?? '', { types: [type], stemmer })[type],
      ]);
    }
  }
  const multi = expected.pyrouge_multi_0_rougeLsum_stem as Prf;
  const target = readFileSync(resolve(dir, 'pyrouge_files/target_multi.0.txt'), 'utf8');
  const prediction = readFileSync(resolve(dir, 'pyrouge_files/prediction_multi.0.txt'), 'utf8');
  checks.push([multi, scoreRouge(prediction, target, { types: ['rougeLsum'], stemmer: true }).rougeLsum]);
  let worst = 0;
  let mismatches = 0;
  for (const [want, got] of checks) {
    const delta = got
      ? Math.max(...(['precision', 'recall', 'fmeasure'] as const).map((k) => Math.abs(got[k] - want[k])))
      : Number.POSITIVE_INFINITY;
    if (delta >= 5e-6) mismatches++;
    worst = Math.max(worst, delta);
  }
  rows.push({
    file: 'rouge_score_testdata/expected.json',
    count: checks.length,
    unit: 'scores',
    maxDelta: worst,
    mismatches,
    tolerance: 5e-6,
  });
}

console.log(`### ROUGE conformance with rouge-score 0.1.2 + NLTK 3.8 (Node ${process.version})\n`);
console.log('| golden file | checked | max abs Δ | tolerance | mismatches |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const delta = r.maxDelta === null ? 'exact string match' : r.maxDelta.toExponential(1);
  const tolerance = r.tolerance === 0 ? 'exact' : r.tolerance.toExponential(0);
  console.log(`| ${r.file} | ${r.count} ${r.unit} | ${delta} | ${tolerance} | ${r.mismatches} |`);
}
const failedConformance = rows.some((r) => r.mismatches > 0);

const runNaive = (list: typeof speedPairs) => (): void => {
  for (const p of list) naiveScore(p.reference, p.prediction);
};
const best = (run: () => void, repeats: number): number =>
  Math.min(...Array.from({ length: repeats }, () => timeSeconds(run)));

const oursWarm = best(runOurs(speedPairs), 5);
const naiveSeconds = best(runNaive(speedPairs), 2);

console.log(`\n### Speed: ${speedPairs.length} FRANK pairs, 4 types, stemmed, in-process\n`);
console.log('| implementation | pairs | seconds | pairs/s | vs rouge-score |');
console.log('|---|---|---|---|---|');
const speedRow = (name: string, seconds: number): void =>
  console.log(
    `| ${name} | ${speedPairs.length} | ${seconds.toFixed(3)} | ${Math.round(speedPairs.length / seconds)} | ${(PYTHON_SECONDS / seconds).toFixed(1)}× faster |`,
  );
console.log(
  `| rouge-score 0.1.2, Python 3.11 (reference figure, not run here) | 2250 | ${PYTHON_SECONDS.toFixed(3)} | ${Math.round(2250 / PYTHON_SECONDS)} | 1.0× |`,
);
speedRow('naive JS transliteration (baseline, this run, best of 2)', naiveSeconds);
speedRow('sumops scoreRouge, first pass', oursFirst);
speedRow('sumops scoreRouge, best of 5', oursWarm);
console.log(
  `\nTarget ≤ ${TARGET_SECONDS} s: ${oursFirst <= TARGET_SECONDS ? 'met' : 'MISSED'} (first pass ${oursFirst.toFixed(3)} s, ${(PYTHON_SECONDS / oursFirst).toFixed(0)}× rouge-score).`,
);

// Long pairs: ~800-word multi-line texts, so the O(m·n) LCS tables dominate.
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
function takeWords(sentences: Iterable<string>, limit: number): string {
  const out: string[] = [];
  let total = 0;
  for (const sentence of sentences) {
    if (total >= limit) break;
    out.push(sentence);
    total += words(sentence);
  }
  return out.join('\n');
}
const docs = [...fixtures.values()].filter((d) => d.id.startsWith('cnndm-'));
const longPairs = docs.slice(0, 100).map((doc, i) => {
  const others = [...docs.slice(i), ...docs.slice(0, i)];
  const summaries = others.flatMap((d) => [
    ...summaryLines(d.reference),
    ...summaryLines(d.system_summaries.bart ?? ''),
  ]);
  return {
    prediction: takeWords(
      others.flatMap((d) => d.article_sentences),
      800,
    ),
    reference: takeWords(summaries, 800),
  };
});
const meanWords =
  longPairs.reduce((a, p) => a + words(p.prediction) + words(p.reference), 0) / (2 * longPairs.length);
const longOurs = best(runOurs(longPairs), 3);
const longNaive = best(runNaive(longPairs), 1);
console.log(
  `\n### Long pairs: ${longPairs.length} pairs of ~${Math.round(meanWords)} words per side, 4 types, stemmed\n`,
);
console.log('| implementation | pairs | seconds | ms/pair | pairs/s |');
console.log('|---|---|---|---|---|');
for (const [name, seconds] of [
  ['naive JS transliteration (baseline, this run)', longNaive],
  ['sumops scoreRouge, best of 3', longOurs],
] as const) {
  console.log(
    `| ${name} | ${longPairs.length} | ${seconds.toFixed(3)} | ${((seconds * 1000) / longPairs.length).toFixed(2)} | ${Math.round(longPairs.length / seconds)} |`,
  );
}

if (failedConformance) {
  console.log('\nCONFORMANCE FAILED: see the mismatches column.');
  process.exit(1);
}
