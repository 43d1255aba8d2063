// The Scrapinghub article-extraction-benchmark metric (upstream evaluate.py), as written out in
// ../shared/docs/benchmarks.md §A2: 4-gram shingle multisets, per-page normalized TP/FP/FN, corpus means of page
// precision/recall with the exclusion rules, F1 of the means, exact-token accuracy.

const WORD = /[\p{L}\p{N}_]+/gu;

export function wordTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function shingles(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  if (tokens.length === 0) return counts;
  if (tokens.length < 4) {
    add(tokens.join('\u0000'));
    return counts;
  }
  for (let i = 0; i + 4 <= tokens.length; i++) add(tokens.slice(i, i + 4).join('\u0000'));
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Prediction token list equals the ground truth's. */
  exact: boolean;
}

export function scorePage(truth: string, prediction: string): PageScore {
  const truthTokens = wordTokens(truth);
  const predTokens = wordTokens(prediction);
  const g = shingles(truthTokens);
  const p = shingles(predTokens);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, gc] of g) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(gc, pc);
    fn += Math.max(0, gc - pc);
  }
  for (const [key, pc] of p) fp += Math.max(0, pc - (g.get(key) ?? 0));
  const sum = tp + fp + fn;
  if (sum > 0) {
    tp /= sum;
    fp /= sum;
    fn /= sum;
  }
  const perfect = fp === 0 && fn === 0;
  const precision = perfect ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
  const recall = perfect ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
  const exact = truthTokens.length === predTokens.length && truthTokens.every((t, i) => t === predTokens[i]);
  return { tp, fp, fn, precision, recall, exact };
}

export interface CorpusScore {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
}

const mean = (values: number[]): number =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

export function scoreCorpus(pages: readonly PageScore[]): CorpusScore {
  const precision = mean(pages.filter((s) => s.tp + s.fp > 0).map((s) => s.precision));
  const recall = mean(pages.filter((s) => s.tp + s.fn > 0).map((s) => s.recall));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const accuracy = mean(pages.map((s) => (s.exact ? 1 : 0)));
  return { f1, precision, recall, accuracy };
}

/** Sample standard deviation of F1 over `resamples` bootstrap draws of pages (benchmarks.md §A2.7). */
export function bootstrapF1Std(pages: readonly PageScore[], resamples = 1000, random = Math.random): number {
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample: PageScore[] = [];
    for (let i = 0; i < pages.length; i++)
      sample.push(pages[Math.floor(random() * pages.length)] as PageScore);
    values.push(scoreCorpus(sample).f1);
  }
  const m = mean(values);
  return Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / Math.max(1, values.length - 1));
}
