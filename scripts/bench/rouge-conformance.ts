// The conformance half of bench-rouge.ts: sumops' stemmer, tokenizer and scores against rouge-score 0.1.2 + NLTK
// 3.8 golden files (and rouge-score's ROUGE-1.5.5 test data), one row per file with the largest |Δ| and the count of
// mismatches.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { porterStem, scoreRouge, tokenize, summaryLines } from '#lib/rouge/index';
import type { RougeScores, RougeType } from '#lib/rouge/index';

export const TYPES: RougeType[] = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];
const TOLERANCE = 1e-9;
export const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);

type Prf = { precision: number; recall: number; fmeasure: number };
type OracleScores = { id: string } & Record<RougeType, Prf>;
type Pair = { id: string; prediction: string; reference?: string; references?: string[] };
export type Fixture = {
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

export interface Row {
  file: string;
  count: number;
  unit: string;
  maxDelta: number | null;
  mismatches: number;
  tolerance: number;
}

/** Every conformance check, a row each; `golden` is the rouge-golden folder, `fixtures` the FRANK documents by id. */
export function conformanceRows(golden: string, fixtures: ReadonlyMap<string, Fixture>): Row[] {
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
    rows.push({
      file: 'oracle_tokens.jsonl',
      count,
      unit: 'texts',
      maxDelta: null,
      mismatches,
      tolerance: 0,
    });
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
    rows.push({
      file,
      count: pairs.length,
      unit: 'pairs',
      maxDelta: worst,
      mismatches,
      tolerance: TOLERANCE,
    });
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
    const expected = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as Record<
      string,
      unknown
    >;
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
  return rows;
}
