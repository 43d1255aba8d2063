// Faithfulness against people, and its cost. Reads FRANK's validation split (../shared/data/frank-factuality,
// joined to the articles in ../shared/data/frank-cnndm-xsum) and prints, from this run:
// 1. the partial correlation with human Factuality controlling for the system (FRANK's method: Pearson and Spearman
//    of the residuals of a one-hot system regression) for sumops' faithfulness and for every stored FRANK baseline,
//    on all 671 summaries and on each half of a split by article. Target: above every baseline on both.
// 2. generalisation: the score's three constants tuned on one half of the articles (grid), scored on the other.
// 3. speed: (source, summary) pairs per second, faithfulness against ROUGE (4 types, stemmed) on the same pairs,
//    passes alternating.
// 4. cost in an embedded evaluation: runEvaluation (embedded provider, 125 CNN/DM articles) with the faithfulness
//    metric against the same evaluation without it, runs alternating, in process CPU time (helper threads
//    included), in one warm process and in fresh processes (as `sumops eval` runs). Target: < 10 %.
// 5. identical results: every figure above from the implementation before its speed-up too (taken from git), and
//    each result compared (score, sentences, supports, spans). Exits 1 when any differs or the target of 1 is missed.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEvaluation } from '#lib/evaluate/index';
import { FAITHFULNESS_DEFAULTS, prepareSource, scoreFaithfulness } from '#lib/faithfulness/index';
import type { FaithfulnessOptions } from '#lib/faithfulness/index';
import { silentLogger, systemClock } from '#lib/log';
import { scoreRouge } from '#lib/rouge/index';
import { articleHalves, formatPair, frankCorrelation, loadFrankValid } from './frank';
import type { PartialCorrelation } from './correlation';
import { alternatingPasses, coldOverhead, percentSpread, warmOverhead } from './faithfulness-cost';
import { articleText, loadEvalCases } from './faithfulness-cases';
import type { Overhead, Spread } from './faithfulness-cost';
import { REFERENCE_COMMIT, differences, loadReference } from './faithfulness-reference';
import type { FaithfulnessModule } from './faithfulness-reference';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const factualityDir = resolve(root, '../shared/data/frank-factuality');
const articlesDir = resolve(root, '../shared/data/frank-cnndm-xsum');
if (!existsSync(join(factualityDir, 'valid.jsonl')) || !existsSync(articlesDir)) {
  console.log(
    `bench-faithfulness: ${factualityDir} or ${articlesDir} is absent; skipping (needs ../shared/data).`,
  );
  process.exit(0);
}

const rows = loadFrankValid(factualityDir, articlesDir);
const halves = articleHalves(rows);
const inHalf = (half: number) => (i: number) => halves[i] === half;
const sources = new Map([...new Set(rows.map((row) => row.articleId))].map((id) => [id, id]));
const articleOf = (id: string) => rows.find((row) => row.articleId === id)!.article;
const prepared = new Map([...sources.keys()].map((id) => [id, prepareSource(articleOf(id))]));
const scoreAll = (options: Readonly<FaithfulnessOptions>) =>
  rows.map((row) => scoreFaithfulness(prepared.get(row.articleId)!, row.summary, options).faithfulness);
const reference = await loadReference(root);

// 1. sumops and FRANK's baselines, side by side.
const ours = scoreAll(FAITHFULNESS_DEFAULTS);
const baselineNames = Object.keys(rows[0]!.baselines);
const metrics: [string, (number | null)[]][] = [
  ['**sumops faithfulness**', ours],
  ...baselineNames.map((name): [string, (number | null)[]] => [
    name,
    rows.map((row) => row.baselines[name] ?? null),
  ]),
];
const results = metrics.map(([name, values]) => ({
  name,
  all: frankCorrelation(rows, values),
  a: frankCorrelation(rows, values, inHalf(0)),
  b: frankCorrelation(rows, values, inHalf(1)),
}));
const bestBaseline = (pick: (c: PartialCorrelation) => number) =>
  Math.max(...results.slice(1).map((r) => pick(r.all)));
const ourAll = results[0]!.all;
const aboveAll =
  ourAll.pearson > bestBaseline((c) => c.pearson) && ourAll.spearman > bestBaseline((c) => c.spearman);

// 2. Constants tuned on one half of the articles, scored on the other.
const grid: FaithfulnessOptions[] = [];
for (const factsPerSentence of [1, 2, 3, 4, 5])
  for (const outOfContext of [0.25, 0.5, 0.75])
    for (const phraseTokens of [2, 3, 4, 5, 6]) grid.push({ factsPerSentence, outOfContext, phraseTokens });
const gridScores = grid.map((options) => {
  const values = scoreAll(options);
  return {
    options,
    a: frankCorrelation(rows, values, inHalf(0)),
    b: frankCorrelation(rows, values, inHalf(1)),
  };
});
// 5. The same grid from the reference implementation (sources prepared once each, as above).
const referenceGridDiffers = (ref: FaithfulnessModule) => {
  const refPrepared = new Map([...prepared.keys()].map((id) => [id, ref.prepareSource(articleOf(id))]));
  return differences(
    grid,
    (options) => scoreAll(options),
    (options) =>
      rows.map(
        (row) => ref.scoreFaithfulness(refPrepared.get(row.articleId)!, row.summary, options).faithfulness,
      ),
  ).count;
};
const objective = (c: PartialCorrelation) => c.pearson + c.spearman;
const tunedOn = (half: 'a' | 'b') =>
  gridScores.reduce((best, g) => (objective(g[half]) > objective(best[half]) ? g : best));
const describe = ({ factsPerSentence, outOfContext, phraseTokens }: FaithfulnessOptions) =>
  `k=${factsPerSentence}, β=${outOfContext}, N=${phraseTokens}`;

// 3. Pairs per second, faithfulness (source prepared per pair) against ROUGE on the same pairs, passes alternating.
const PASSES = 7;
const speed = alternatingPasses(PASSES, {
  faithfulness: () => rows.forEach((row) => scoreFaithfulness(row.article, row.summary)),
  rouge: () => rows.forEach((row) => scoreRouge(row.summary, [row.article], { stemmer: true })),
});
const perSecond = (ms: number) => Math.round((rows.length / ms) * 1000).toLocaleString('en-US');
const msSpread = (s: Spread) => `${s.median.toFixed(0)} (${s.min.toFixed(0)} – ${s.max.toFixed(0)})`;

// 4. Cost inside an embedded evaluation (125 CNN/DM articles with their references), with against without.
const ARTICLES = join(articlesDir, 'cnndm_test_250.jsonl');
const CASES = 125;
const evalCases = loadEvalCases(ARTICLES, CASES);
const warm = warmOverhead(ARTICLES, CASES, 15, 4);
const cold = coldOverhead(ARTICLES, CASES, 6);

// 5. Identical results, pair by pair: sources as text and prepared once per article; the grid; the evaluation's own.
const identical =
  typeof reference === 'string'
    ? undefined
    : {
        text: differences(
          rows,
          (row) => scoreFaithfulness(row.article, row.summary),
          (row) => reference.scoreFaithfulness(row.article, row.summary),
        ),
        prepared: differences(
          rows,
          (row) => scoreFaithfulness(prepared.get(row.articleId)!, row.summary),
          (row) => reference.scoreFaithfulness(reference.prepareSource(row.article), row.summary),
        ),
        grid: referenceGridDiffers(reference),
        evaluation: await evaluationDiffers(reference),
      };
const allIdentical =
  identical !== undefined &&
  identical.text.count === 0 &&
  identical.prepared.count === 0 &&
  identical.grid === 0 &&
  identical.evaluation.count === 0;

/** The faithfulness values of an embedded evaluation (shared sources, the metric's scorer) against the reference's. */
async function evaluationDiffers(ref: FaithfulnessModule) {
  const result = await runEvaluation(
    { cases: evalCases, provider: { kind: 'embedded' } },
    { logger: silentLogger, clock: systemClock },
  );
  return differences(
    result.cases.map((c, i) => ({ id: c.id, article: articleText(evalCases[i]!), result: c })),
    ({ result: c }) => c.scores?.faithfulness,
    ({ article, result: c }) => {
      const expected = ref.scoreFaithfulness(article, c.summary ?? '');
      return { value: expected.faithfulness, sentences: expected.sentences };
    },
  );
}

function costRow(label: string, o: Overhead): string {
  return `| ${label} | ${o.cpu.n} | ${o.withCpuMs.median.toFixed(0)} | ${o.withoutCpuMs.median.toFixed(0)} | ${percentSpread(o.cpu)} | ${percentSpread(o.wall)} |`;
}

const tunedA = tunedOn('a');
const tunedB = tunedOn('b');
process.stdout.write(
  [
    `FRANK validation split (${rows.length} summaries, ${sources.size} articles, 9 systems): partial correlation with human`,
    'Factuality controlling for the system (Pearson / Spearman), computed in this run. Halves: articles split',
    'alternately by sorted id (A, B).',
    '',
    '| metric | all | half A | half B | n |',
    '|---|---|---|---|---:|',
    ...results.map(
      (r) => `| ${r.name} | ${formatPair(r.all)} | ${formatPair(r.a)} | ${formatPair(r.b)} | ${r.all.n} |`,
    ),
    '',
    `Target (above every baseline on both, all summaries): ${aboveAll ? '✅ met' : '❌ not met'} — best baselines ` +
      `${bestBaseline((c) => c.pearson).toFixed(3)} P, ${bestBaseline((c) => c.spearman).toFixed(3)} S.`,
    '',
    `Constants tuned on one half (grid of ${grid.length}: k ∈ 1..5, β ∈ {0.25, 0.5, 0.75}, N ∈ 2..6; objective P + S),`,
    'scored on the other; the shipped constants are k=3, β=0.5, N=4 (all rows above).',
    '',
    '| tuned on | constants | on its half | on the other half |',
    '|---|---|---|---|',
    `| A | ${describe(tunedA.options)} | ${formatPair(tunedA.a)} | ${formatPair(tunedA.b)} |`,
    `| B | ${describe(tunedB.options)} | ${formatPair(tunedB.b)} | ${formatPair(tunedB.a)} |`,
    '',
    `Speed on the same ${rows.length} (article, summary) pairs, in process, median (range) of ${PASSES} passes each, alternating:`,
    '',
    '| scorer | ms | pairs/s |',
    '|---|---:|---:|',
    `| faithfulness (source prepared per pair) | ${msSpread(speed.faithfulness!)} | ${perSecond(speed.faithfulness!.median)} |`,
    `| ROUGE vs the article (rouge1/2/L/Lsum, stemmed) | ${msSpread(speed.rouge!)} | ${perSecond(speed.rouge!.median)} |`,
    '',
    `Cost in an embedded evaluation: runEvaluation, embedded provider, ${CASES} CNN/DM articles, with the faithfulness`,
    'metric against the same evaluation without it, in adjacent runs (order alternating), CPU time of the process',
    "(helper threads included), the CLI's V8 flags. Added cost = (with − without) / without, median (range) over pairs:",
    '',
    '| setting | pairs | CPU ms with | CPU ms without | added CPU | added wall |',
    '|---|---:|---:|---:|---:|---:|',
    costRow('one warm process (after 4 pairs of warm-up)', warm),
    costRow('a fresh process per run (as `sumops eval`)', cold),
    '',
    `Target < 10 % (in process, CPU): ${warm.cpu.median < 0.1 ? '✅ met' : '❌ not met'}.`,
    '',
    typeof reference === 'string' || identical === undefined
      ? `Identical results: not checked (${typeof reference === 'string' ? reference : ''}).`
      : `Identical results to the implementation at ${REFERENCE_COMMIT.slice(0, 12)} (before the speed-up): ` +
        `${allIdentical ? '✅' : '❌'} ${rows.length - identical.text.count}/${rows.length} pairs from text, ` +
        `${rows.length - identical.prepared.count}/${rows.length} from prepared sources, ` +
        `${grid.length - identical.grid}/${grid.length} grid settings on all pairs, ` +
        `${CASES - identical.evaluation.count}/${CASES} cases of the embedded evaluation` +
        (identical.text.first ? `; first difference: ${identical.text.first.id}` : '') +
        (identical.prepared.first ? `; first difference (prepared): ${identical.prepared.first.id}` : '') +
        '.',
    '',
  ].join('\n'),
);
if (!aboveAll || (identical !== undefined && !allIdentical)) process.exitCode = 1;
