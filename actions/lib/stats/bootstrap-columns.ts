import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import {
  bootstrapMean,
  DEFAULT_BOOTSTRAP_SAMPLES,
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE,
} from './bootstrap';
import { percentileOfSorted } from './percentile';
import { randomIndex, seededRandom } from './random';

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
  const data = columns.map((c) => Float64Array.from(c));
  const means = columns.map(() => new Float64Array(samples));
  const indices = new Uint32Array(n);
  const random = seededRandom(opts.seed ?? DEFAULT_BOOTSTRAP_SEED);
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < n; k++) indices[k] = randomIndex(random, n);
    for (let c = 0; c < data.length; c++) {
      const column = data[c] as Float64Array;
      let sum = 0;
      for (let k = 0; k < n; k++) sum += column[indices[k] as number] as number;
      (means[c] as Float64Array)[s] = sum / n;
    }
  }
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
