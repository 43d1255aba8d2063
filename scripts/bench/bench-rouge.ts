// ROUGE conformance and speed. Conformance: every golden file in ../shared/data/rouge-golden/ (produced by Google's
// rouge-score + NLTK 3.8), reporting the count and max |Δ| per file (target ≤ 1e-9; 5 decimals for the ROUGE-1.5.5
// ground truth). Speed: all 2,250 stored FRANK system summaries vs their references, 4 types, stemmed, in-process,
// against rouge-score's measured 7.9 s (target ≤ 0.4 s) and a naive JS transliteration measured in this run; then
// long (~800-word) pairs where the LCS tables dominate.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreRouge, summaryLines } from '#lib/rouge/index';
import { naiveScore } from './rouge-naive';
import { conformanceRows, readJsonl, TYPES } from './rouge-conformance';
import type { Fixture } from './rouge-conformance';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = resolve(root, '../shared/data');
const golden = resolve(data, 'rouge-golden');
const frank = resolve(data, 'frank-cnndm-xsum');
if (!existsSync(golden) || !existsSync(frank)) {
  console.log(`bench-rouge: ${golden} or ${frank} is absent; skipping (the benchmark needs ../shared/data).`);
  process.exit(0);
}

const PYTHON_SECONDS = 7.9;
const TARGET_SECONDS = 0.4;

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

const rows = conformanceRows(golden, fixtures);

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
