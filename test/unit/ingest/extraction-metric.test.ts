import { describe, expect, it } from 'vitest';
import { scoreCorpus, scorePage, shingles, wordTokens } from '../../../scripts/bench/extraction-metric';

describe('extraction metric (Scrapinghub evaluate.py)', () => {
  it('tokenizes runs of letters, digits and underscores, case kept, combining marks splitting words', () => {
    expect(wordTokens("Don't stop—café_1, x2!")).toEqual(['Don', 't', 'stop', 'café_1', 'x2']);
    expect(wordTokens('cafe\u0301s')).toEqual(['cafe', 's']);
  });

  it('makes L-3 four-token shingles, or one shingle for 1-3 tokens, or none', () => {
    expect([...shingles(['a', 'b', 'c', 'd', 'e']).values()]).toEqual([1, 1]);
    expect(shingles(['a', 'b']).size).toBe(1);
    expect(shingles([]).size).toBe(0);
    expect([...shingles(wordTokens('a b c d a b c d')).values()].sort()).toEqual([1, 1, 1, 2]);
  });

  it('scores an exact match as P = R = 1 and accurate', () => {
    expect(scorePage('a b c d e', 'a b c d e')).toMatchObject({
      tp: 1,
      fp: 0,
      fn: 0,
      precision: 1,
      recall: 1,
      exact: true,
    });
  });

  it('normalizes TP/FP/FN per page: one of two shingles wrong gives thirds and P = R = 0.5', () => {
    const score = scorePage('a b c d e', 'a b c d x');
    expect(score.tp).toBeCloseTo(1 / 3);
    expect(score.fp).toBeCloseTo(1 / 3);
    expect(score.fn).toBeCloseTo(1 / 3);
    expect(score.precision).toBeCloseTo(0.5);
    expect(score.recall).toBeCloseTo(0.5);
    expect(score.exact).toBe(false);
  });

  it('compares shingles as multisets and is case-sensitive', () => {
    const repeated = scorePage('a b c d a b c d', 'a b c d');
    expect(repeated.precision).toBe(1);
    expect(repeated.recall).toBeCloseTo(0.2);
    expect(scorePage('Hello world', 'hello world')).toMatchObject({ precision: 0, recall: 0, exact: false });
  });

  it('leaves empty predictions out of the precision mean but counts their recall as 0', () => {
    const pages = [
      scorePage('a b c d e', 'a b c d e'),
      scorePage('a b c d e', 'a b c d x'),
      scorePage('a b c d', ''),
    ];
    const corpus = scoreCorpus(pages);
    expect(corpus.precision).toBeCloseTo(0.75);
    expect(corpus.recall).toBeCloseTo(0.5);
    expect(corpus.f1).toBeCloseTo(0.6);
    expect(corpus.accuracy).toBeCloseTo(1 / 3);
  });

  it('counts a page where both texts are empty as accurate and leaves it out of both means', () => {
    const corpus = scoreCorpus([scorePage('', ''), scorePage('a b c d e', 'a b c d x')]);
    expect(corpus.precision).toBeCloseTo(0.5);
    expect(corpus.recall).toBeCloseTo(0.5);
    expect(corpus.accuracy).toBe(0.5);
  });
});
