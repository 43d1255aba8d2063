import { describe, expect, it } from 'vitest';
import { aggregateRouge, scoreRouge } from '../../../actions/lib/rouge/index';

describe('aggregateRouge', () => {
  it('averages per-example F per type with a CI around the mean', () => {
    const perExample = [
      scoreRouge('a b', 'a b'), // every F = 1
      scoreRouge('a b', 'c d'), // every F = 0
      scoreRouge('a b c d', 'a b c e', { types: ['rouge1'] }), // rouge1 F = 3/4 only
    ];
    const corpus = aggregateRouge(perExample, { seed: 4 });
    expect(corpus.rouge1!.mean).toBeCloseTo((1 + 0 + 3 / 4) / 3, 12);
    expect(corpus.rouge2!.mean).toBeCloseTo(1 / 2, 12); // two examples carry rouge2
    expect(corpus.rouge1!.low).toBeLessThanOrEqual(corpus.rouge1!.mean);
    expect(corpus.rouge1!.high).toBeGreaterThanOrEqual(corpus.rouge1!.mean);
    expect(Object.keys(corpus).sort()).toEqual(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
  });

  it('returns nothing for no examples', () => {
    expect(aggregateRouge([])).toEqual({});
  });
});
