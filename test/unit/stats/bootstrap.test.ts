import { describe, expect, it } from 'vitest';
import {
  bootstrapMean,
  InvalidBootstrapOptionsError,
  NonFiniteValueError,
  pairedBootstrapDelta,
  PairedLengthMismatchError,
  percentileOfSorted,
} from '#lib/stats/index';

describe('percentileOfSorted (numpy linear interpolation)', () => {
  it.each([
    [0, 1],
    [25, 1.75], // rank 0.75 → 1 + 0.75·(2 − 1)
    [50, 2.5],
    [97.5, 3.925], // rank 2.925 → 3 + 0.925·(4 − 3)
    [100, 4],
  ])('p%s of [1, 2, 3, 4] = %s', (p, expected) => {
    expect(percentileOfSorted([1, 2, 3, 4], p)).toBeCloseTo(expected, 12);
  });
});

describe('bootstrapMean', () => {
  // 30 zeros and 70 ones: mean 0.7; normal-approximation 95% CI ≈ 0.7 ± 1.96·√(0.21/100) = 0.7 ± 0.0898.
  const values = [...new Array<number>(30).fill(0), ...new Array<number>(70).fill(1)];

  it('reports the plain mean and a CI that matches the normal approximation', () => {
    const { mean, low, high } = bootstrapMean(values, { seed: 3 });
    expect(mean).toBeCloseTo(0.7, 12);
    expect(low).toBeLessThan(mean);
    expect(high).toBeGreaterThan(mean);
    expect(low).toBeGreaterThan(0.7 - 0.0898 - 0.02);
    expect(low).toBeLessThan(0.7 - 0.0898 + 0.02);
    expect(high).toBeGreaterThan(0.7 + 0.0898 - 0.02);
    expect(high).toBeLessThan(0.7 + 0.0898 + 0.02);
  });

  it('is deterministic for a seed, and the seed changes the draw', () => {
    expect(bootstrapMean(values, { seed: 11 })).toEqual(bootstrapMean(values, { seed: 11 }));
    expect(bootstrapMean(values)).toEqual(bootstrapMean(values));
    expect(bootstrapMean(values, { seed: 11 })).not.toEqual(bootstrapMean(values, { seed: 12 }));
  });

  it('narrows the interval for a lower confidence level', () => {
    const wide = bootstrapMean(values, { seed: 5, confidence: 0.99 });
    const narrow = bootstrapMean(values, { seed: 5, confidence: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('handles n = 0 with zeros and n = 1 with a degenerate interval', () => {
    expect(bootstrapMean([])).toEqual({ mean: 0, low: 0, high: 0 });
    expect(bootstrapMean([0.42])).toEqual({ mean: 0.42, low: 0.42, high: 0.42 });
  });

  it('rejects out-of-range options and non-finite values', () => {
    expect(() => bootstrapMean(values, { confidence: 95 })).toThrow(InvalidBootstrapOptionsError);
    expect(() => bootstrapMean(values, { samples: 0 })).toThrow(InvalidBootstrapOptionsError);
    expect(() => bootstrapMean(values, { samples: 2.5 })).toThrow(InvalidBootstrapOptionsError);
    expect(() => bootstrapMean([0.1, Number.NaN])).toThrow(NonFiniteValueError);
    expect(() => bootstrapMean([0.1, Number.NaN])).toThrow(/#1 is NaN/);
  });
});

describe('pairedBootstrapDelta', () => {
  // Per-example difficulty varies a lot (0.1 … 0.9); the candidate is consistently a little better.
  const baseline = Array.from({ length: 60 }, (_, i) => 0.1 + ((i * 37) % 60) / 75);
  const candidate = baseline.map((value, i) => value + 0.02 + (i % 3 === 0 ? 0.01 : -0.005));

  it('reports mean(candidate) − mean(baseline) with a positive CI when the candidate wins', () => {
    const delta = pairedBootstrapDelta(candidate, baseline, { seed: 9 });
    const expectedMean = candidate.reduce((a, b) => a + b, 0) / 60 - baseline.reduce((a, b) => a + b, 0) / 60;
    expect(delta.mean).toBeCloseTo(expectedMean, 12);
    expect(delta.low).toBeGreaterThan(0);
    expect(delta.high).toBeGreaterThan(delta.low);
  });

  it('flips sign when the systems are swapped', () => {
    const delta = pairedBootstrapDelta(baseline, candidate, { seed: 9 });
    expect(delta.high).toBeLessThan(0);
  });

  it('is much tighter than the unpaired CIs, because the same examples are drawn for both systems', () => {
    const paired = pairedBootstrapDelta(candidate, baseline, { seed: 9 });
    const alone = bootstrapMean(candidate, { seed: 9 });
    expect(paired.high - paired.low).toBeLessThan((alone.high - alone.low) / 5);
  });

  it('gives a zero-width interval for a constant difference', () => {
    const shifted = baseline.map((value) => value + 0.25);
    const delta = pairedBootstrapDelta(shifted, baseline, { seed: 1 });
    expect(delta.low).toBeCloseTo(0.25, 12);
    expect(delta.high).toBeCloseTo(0.25, 12);
  });

  it('throws a clear error when the systems were scored on different numbers of examples', () => {
    expect(() => pairedBootstrapDelta([1, 2, 3], [1, 2])).toThrow(PairedLengthMismatchError);
    expect(() => pairedBootstrapDelta([1, 2, 3], [1, 2])).toThrow(/candidate has 3 scores, baseline 2/);
  });

  it('returns zeros for no examples', () => {
    expect(pairedBootstrapDelta([], [])).toEqual({ mean: 0, low: 0, high: 0 });
  });
});
