import { SumopsError } from '#lib/errors';
import { percentileOfSorted } from './percentile';
import { resampleAllMeans } from './resample-threads';

export interface BootstrapOptions {
  /** Number of resamples. Default 1000 (as rouge-score's BootstrapAggregator). */
  samples?: number;
  /** Two-sided confidence level in (0, 1). Default 0.95. */
  confidence?: number;
  /** PRNG seed. Default 1, so a report is reproducible unless a caller asks for another draw. */
  seed?: number;
}

/**
 * `mean` is the plain mean of the values (deterministic); `low`/`high` bound the bootstrap percentile confidence
 * interval of the mean. This is a CI, not HF evaluate's bootstrap "mid" (a median of resampled means).
 */
export interface BootstrapInterval {
  mean: number;
  low: number;
  high: number;
}

export const DEFAULT_BOOTSTRAP_SAMPLES = 1000;
export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_BOOTSTRAP_SEED = 1;

/** Bootstrap options out of range, e.g. `confidence: 95` meant as a percentage. */
export class InvalidBootstrapOptionsError extends SumopsError {
  constructor(
    readonly option: 'samples' | 'confidence',
    readonly value: number,
  ) {
    super(
      option === 'samples'
        ? `bootstrap samples must be a positive integer, got ${value}`
        : `bootstrap confidence must be a fraction in (0, 1) such as 0.95, got ${value}`,
    );
  }
}

/** A value that is NaN or infinite: the mean and CI would silently become NaN. */
export class NonFiniteValueError extends SumopsError {
  constructor(
    readonly index: number,
    readonly value: number,
  ) {
    super(
      `bootstrap input #${index} is ${value}; pass finite per-example scores (check for a failed example)`,
    );
  }
}

/** Paired bootstrap needs one baseline score per candidate score, on the same examples in the same order. */
export class PairedLengthMismatchError extends SumopsError {
  constructor(
    readonly candidateLength: number,
    readonly baselineLength: number,
  ) {
    super(
      `paired bootstrap needs the same examples for both systems: candidate has ${candidateLength} scores, baseline ${baselineLength}; score both on the same fixtures`,
    );
  }
}

function resolve(opts: BootstrapOptions): { samples: number; confidence: number; seed: number } {
  const samples = opts.samples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const confidence = opts.confidence ?? DEFAULT_CONFIDENCE;
  if (!Number.isInteger(samples) || samples < 1) throw new InvalidBootstrapOptionsError('samples', samples);
  if (!(confidence > 0 && confidence < 1)) throw new InvalidBootstrapOptionsError('confidence', confidence);
  return { samples, confidence, seed: opts.seed ?? DEFAULT_BOOTSTRAP_SEED };
}

function checkFinite(values: readonly number[]): void {
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new NonFiniteValueError(index, value);
  });
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function percentileInterval(values: readonly number[], opts: BootstrapOptions): BootstrapInterval {
  const { samples, confidence, seed } = resolve(opts);
  checkFinite(values);
  const n = values.length;
  // No examples: nothing to estimate; report zeros rather than NaN so tables and JSON stay valid.
  if (n === 0) return { mean: 0, low: 0, high: 0 };
  const { means } = resampleAllMeans({ rows: Float64Array.from(values), width: 1, n, seed, samples });
  means.sort();
  const tail = ((1 - confidence) / 2) * 100;
  return {
    mean: mean(values),
    low: percentileOfSorted(means, tail),
    high: percentileOfSorted(means, 100 - tail),
  };
}

/**
 * Mean of `values` with a seeded percentile-bootstrap confidence interval (resampling examples with replacement).
 * n = 0 gives {0, 0, 0}; n = 1 gives low = high = mean.
 */
export function bootstrapMean(values: readonly number[], opts: BootstrapOptions = {}): BootstrapInterval {
  return percentileInterval(values, opts);
}

/**
 * Paired bootstrap of mean(candidate) − mean(baseline) over the same examples: each resample draws the same example
 * indices for both systems, so per-example difficulty cancels out. A CI entirely above 0 means the candidate is better.
 */
export function pairedBootstrapDelta(
  candidate: readonly number[],
  baseline: readonly number[],
  opts: BootstrapOptions = {},
): BootstrapInterval {
  if (candidate.length !== baseline.length)
    throw new PairedLengthMismatchError(candidate.length, baseline.length);
  checkFinite(candidate);
  checkFinite(baseline);
  // Resampling the per-example differences draws one index set for both systems.
  const differences = candidate.map((value, i) => value - baseline[i]!);
  return percentileInterval(differences, opts);
}
