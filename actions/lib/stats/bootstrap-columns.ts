import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import {
  bootstrapMean,
  DEFAULT_BOOTSTRAP_SAMPLES,
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE,
} from './bootstrap';
import { percentileOfSorted } from './percentile';
import { resampleAllMeans } from './resample-threads';

/**
 * bootstrapMean of several columns over the same examples (e.g. ROUGE-1/2/L/Lsum of the same cases) in one pass:
 * every column's bootstrap starts from the same seed, so all draw the same example indices, and drawing them once
 * for all columns gives bit-for-bit the intervals bootstrapMean gives column by column, for a fraction of the
 * random draws (they dominate at tens of thousands of examples).
 */
export function bootstrapMeanColumns(
  columns: readonly (readonly number[])[],
  opts: BootstrapOptions = {},
): BootstrapInterval[] {
  const n = columns[0]?.length ?? 0;
  // Validation, the empty case and mismatched lengths take the one-column path with its errors and conventions.
  if (n === 0 || columns.length < 2 || columns.some((c) => c.length !== n)) {
    return columns.map((c) => bootstrapMean(c, opts));
  }
  // One resample per column runs bootstrapMean's checks (options, finite values) and raises its errors, in O(n).
  for (const column of columns) bootstrapMean(column, { ...opts, samples: 1 });
  const samples = opts.samples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const width = columns.length;
  const rows = new Float64Array(n * width);
  columns.forEach((column, c) => {
    for (let k = 0; k < n; k++) rows[k * width + c] = column[k] as number;
  });
  // Every column's bootstrap draws the same indices from the same seed, so one pass serves them all.
  const { means: sampleMajor } = resampleAllMeans({
    rows,
    width,
    n,
    seed: opts.seed ?? DEFAULT_BOOTSTRAP_SEED,
    samples,
  });
  const means = columns.map((_, c) => {
    const column = new Float64Array(samples);
    for (let s = 0; s < samples; s++) column[s] = sampleMajor[s * width + c] as number;
    return column;
  });
  const tail = ((1 - (opts.confidence ?? DEFAULT_CONFIDENCE)) / 2) * 100;
  return columns.map((column, c) => {
    const sorted = (means[c] as Float64Array).sort();
    let sum = 0;
    for (const value of column) sum += value;
    return {
      mean: sum / n,
      low: percentileOfSorted(sorted, tail),
      high: percentileOfSorted(sorted, 100 - tail),
    };
  });
}
