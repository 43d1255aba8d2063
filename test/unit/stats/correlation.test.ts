import { describe, expect, it } from 'vitest';
import {
  groupResiduals,
  partialCorrelation,
  pearson,
  ranks,
  spearman,
} from '../../../scripts/bench/correlation';

describe('correlation statistics (FRANK human_metric_correlation)', () => {
  it('computes Pearson by hand: x = 1..4, y = 2, 4, 5, 9', () => {
    // Means 2.5 and 5; deviations (−1.5, −.5, .5, 1.5) and (−3, −1, 0, 4): Sxy = 11, Sxx = 5, Syy = 26.
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(5 * 26), 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1, 2], [1])).toBeNaN();
  });

  it('ranks ties with the mean of the ranks they span, as scipy rankdata does', () => {
    expect(ranks([10, 20, 20, 5, 20])).toEqual([2, 4, 4, 1, 4]);
    expect(ranks([3, 1, 2])).toEqual([3, 1, 2]);
  });

  it('computes Spearman as Pearson of ranks, ties included', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBe(1);
    // ranks x = 1, 2.5, 2.5, 4; y = 1, 2, 3, 4: Sxy = 4.5, Sxx = 4.5, Syy = 5.
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
  });

  it('residualizes on a one-hot of the group with intercept: each value minus its group mean', () => {
    expect(groupResiduals([1, 3, 10, 14, 5], ['a', 'a', 'b', 'b', 'c'])).toEqual([-1, 1, -2, 2, 0]);
  });

  it('controls for the group: a metric that only tells systems apart has no partial correlation', () => {
    const groups = ['a', 'a', 'a', 'b', 'b', 'b'];
    const human = [0.25, 0.5, 0.75, 0.5, 0.75, 1]; // exact in binary: tied residuals stay tied
    // Same within-group order as the human score plus a group offset: partial r = 1.
    const tracks = partialCorrelation([1, 2, 3, 11, 12, 13], human, groups);
    expect(tracks).toEqual({
      pearson: expect.closeTo(1, 12) as number,
      spearman: expect.closeTo(1, 12) as number,
      n: 6,
    });
    // Knows the system, nothing within it: the raw correlation is high, the partial one is undefined.
    // (Sxy = 0.375, Sxx = 1.5, Syy = 0.34375.)
    expect(pearson([0, 0, 0, 1, 1, 1], human)).toBeCloseTo(0.375 / Math.sqrt(1.5 * 0.34375), 12);
    expect(partialCorrelation([0, 0, 0, 1, 1, 1], human, groups).pearson).toBeNaN();
    // Reversed within groups: −1.
    expect(partialCorrelation([3, 2, 1, 13, 12, 11], human, groups).spearman).toBeCloseTo(-1, 12);
  });

  it('drops pairs without a metric value before residualizing, as FRANK masks nulls', () => {
    const result = partialCorrelation(
      [1, null, 3, 11, 12, Number.NaN],
      [0.1, 0.5, 0.3, 0.7, 0.8, 0.9],
      ['a', 'a', 'a', 'b', 'b', 'b'],
    );
    expect(result.n).toBe(4);
    expect(result.pearson).toBeCloseTo(1, 12);
  });
});
