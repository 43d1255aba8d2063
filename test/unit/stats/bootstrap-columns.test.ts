import { describe, expect, it } from 'vitest';
import { bootstrapMean, bootstrapMeanColumns, NonFiniteValueError, seededRandom } from '#lib/stats/index';

describe('bootstrapMeanColumns', () => {
  it('gives bit-for-bit the intervals of bootstrapMean column by column', () => {
    const random = seededRandom(42);
    const columns = [0, 1, 2, 3].map(() => Array.from({ length: 257 }, () => random()));
    for (const opts of [{}, { seed: 7, samples: 333, confidence: 0.9 }]) {
      expect(bootstrapMeanColumns(columns, opts)).toEqual(columns.map((c) => bootstrapMean(c, opts)));
    }
  });

  it('keeps bootstrapMean conventions and errors for empty, single and bad columns', () => {
    expect(bootstrapMeanColumns([[], []])).toEqual([
      { mean: 0, low: 0, high: 0 },
      { mean: 0, low: 0, high: 0 },
    ]);
    expect(bootstrapMeanColumns([[0.5]])).toEqual([bootstrapMean([0.5])]);
    expect(() =>
      bootstrapMeanColumns([
        [0.1, 0.2],
        [0.3, Number.NaN],
      ]),
    ).toThrow(NonFiniteValueError);
  });
});
