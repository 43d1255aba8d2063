// The Scrapinghub article-extraction-benchmark metric, evaluate.py of
// https://github.com/scrapinghub/article-extraction-benchmark (commit 4a3bc979f76c0df73cb95fe272e2fc1b96f9f010),
// reimplemented: tokens are `\w+` runs (here [\p{L}\p{N}_]+,
// case kept), 4-gram shingle multisets (one shingle of all tokens when there are 1 to 3), per-page TP/FP/FN
// normalized to sum 1, corpus precision = mean over pages whose prediction has a shingle, recall = mean over pages
// whose truth has one, F1 of those two means (not the mean of page F1s), accuracy = exact token-list matches.

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

/** Sample standard deviation (n − 1) of F1 over `resamples` bootstrap draws of pages, as evaluate.py reports "±". */
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
