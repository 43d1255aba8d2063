import { describe, expect, it } from 'vitest';
import { scoreRouge } from '#lib/rouge/index';
import type { Score } from '#lib/rouge/index';

const close = (actual: Score | undefined, precision: number, recall: number, fmeasure: number): void => {
  expect(actual).toBeDefined();
  expect(actual!.precision).toBeCloseTo(precision, 12);
  expect(actual!.recall).toBeCloseTo(recall, 12);
  expect(actual!.fmeasure).toBeCloseTo(fmeasure, 12);
};
const zero = { precision: 0, recall: 0, fmeasure: 0 };

describe('scoreRouge: hand-worked single pair', () => {
  // prediction: the cat was on the mat      (6 tokens)
  // reference:  the cat sat on the red mat  (7 tokens)
  const scores = scoreRouge('The cat was on the mat.', 'The cat sat on the red mat.');

  it('rouge1: clipped unigram overlap the×2 + cat + on + mat = 5', () => {
    // P = 5/6, R = 5/7, F = 2·(25/42)/(65/42) = 10/13
    close(scores.rouge1, 5 / 6, 5 / 7, 10 / 13);
  });

  it('rouge2: shared bigrams "the cat" and "on the"', () => {
    // 5 prediction bigrams, 6 reference bigrams: P = 2/5, R = 1/3, F = (4/15)/(11/15) = 4/11
    close(scores.rouge2, 2 / 5, 1 / 3, 4 / 11);
  });

  it('rougeL: LCS "the cat on the mat" = 5', () => {
    close(scores.rougeL, 5 / 6, 5 / 7, 10 / 13);
  });

  it('returns exactly the default four types', () => {
    expect(Object.keys(scores)).toEqual(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
  });

  it('uses prediction length for precision (argument order is prediction, reference)', () => {
    // Swapping roles swaps P and R.
    close(scoreRouge('The cat sat on the red mat.', 'The cat was on the mat.').rouge1, 5 / 7, 5 / 6, 10 / 13);
  });
});

describe('scoreRouge: options', () => {
  it('stems by default and can turn stemming off', () => {
    // stemmed: cat run / cat run → all match; unstemmed: cats≠cat, running≠runs → 0 overlap
    close(scoreRouge('cats running', 'cat runs').rouge1, 1, 1, 1);
    close(scoreRouge('cats running', 'cat runs', { stemmer: false }).rouge1, 0, 0, 0);
  });

  it('computes only the requested types, including higher n', () => {
    // "a b c d" vs "a b c e": trigrams {abc, bcd} vs {abc, bce} → 1 shared: P = R = F = 1/2
    const scores = scoreRouge('a b c d', 'a b c e', { types: ['rouge3'] });
    expect(Object.keys(scores)).toEqual(['rouge3']);
    close(scores.rouge3, 1 / 2, 1 / 2, 1 / 2);
  });

  it('scores 0 for rougeN when a text is shorter than n', () => {
    expect(scoreRouge('a b', 'a b', { types: ['rouge3'] }).rouge3).toEqual(zero);
  });

  it('counts repeated n-grams only as often as the reference has them', () => {
    // prediction "the the the the" vs reference "the cat": overlap min(4, 1) = 1 → P = 1/4, R = 1/2, F = 1/3
    close(scoreRouge('the the the the', 'the cat').rouge1, 1 / 4, 1 / 2, 1 / 3);
  });
});

describe('scoreRouge: rougeLsum', () => {
  it('is sensitive to newlines in the prediction', () => {
    // reference (one line): c d a b.
    // prediction "a b\nc d": union of LCS(ref, "a b") = {a b} and LCS(ref, "c d") = {c d} → 4 hits → 1.
    // prediction "a b c d" (one line): LCS with "c d a b" has length 2 → P = R = F = 1/2.
    close(scoreRouge('a b\nc d', 'c d a b').rougeLsum, 1, 1, 1);
    close(scoreRouge('a b c d', 'c d a b').rougeLsum, 1 / 2, 1 / 2, 1 / 2);
    // rougeL ignores newlines: LCS([a b c d], [c d a b]) = 2 either way.
    close(scoreRouge('a b\nc d', 'c d a b').rougeL, 1 / 2, 1 / 2, 1 / 2);
  });

  it('splits only on "\\n": sentence punctuation does not start a new sentence', () => {
    // Same as the one-line case above: ". " is not a sentence break.
    close(scoreRouge('a b. c d.', 'c d a b').rougeLsum, 1 / 2, 1 / 2, 1 / 2);
  });

  it('clips hits by the prediction token counts', () => {
    // reference lines "a b" / "a c" (m = 4), prediction "a d" (n = 2).
    // Line 1: LCS {a} → hit, prediction's a is used up. Line 2: LCS {a} but no a left → no hit.
    // hits = 1: P = 1/2, R = 1/4, F = (1/4)/(3/4) = 1/3 (unclipped would claim 2 hits).
    close(scoreRouge('a d', 'a b\na c').rougeLsum, 1 / 2, 1 / 4, 1 / 3);
  });

  it('breaks LCS ties like rouge-score (prefer moving up in the reference)', () => {
    // reference lines "a b" / "b", prediction "b a" (n = 2, m = 3).
    // LCS("a b", "b a") has length 1 and could be a or b; rouge-score's backtrack picks a, leaving the prediction's b
    // for line 2 → hits = 2: P = 1, R = 2/3, F = 0.8. Picking b would give 1 hit.
    close(scoreRouge('b a', 'a b\nb').rougeLsum, 1, 2 / 3, 0.8);
  });

  it('treats blank lines as absent', () => {
    expect(scoreRouge('a b\n\n\nc d', 'c d\na b').rougeLsum).toEqual(
      scoreRouge('a b\nc d', 'c d\na b').rougeLsum,
    );
  });
});

describe('scoreRouge: multiple references (score_multi)', () => {
  it('takes the best reference independently per type', () => {
    // prediction "a b c"; refs "c b a" and "a b x y z".
    // rouge1: ref1 F = 1 (all 3 match) beats ref2 (P 2/3, R 2/5, F 1/2).
    // rouge2: ref1 shares no bigram; ref2 shares "a b": P = 1/2, R = 1/4, F = 1/3.
    // rougeL: ref1 LCS 1 (F 1/3); ref2 LCS 2: P = 2/3, R = 2/5, F = 1/2.
    const scores = scoreRouge('a b c', ['c b a', 'a b x y z']);
    close(scores.rouge1, 1, 1, 1);
    close(scores.rouge2, 1 / 2, 1 / 4, 1 / 3);
    close(scores.rougeL, 2 / 3, 2 / 5, 1 / 2);
  });

  it('keeps the first reference on an F tie', () => {
    // "a x": P = R = F = 1/2. "a b x y z w": P = 1, R = 1/3, F = 1/2. Same F, different P/R.
    close(scoreRouge('a b', ['a b x y z w', 'a x'], { types: ['rouge1'] }).rouge1, 1, 1 / 3, 1 / 2);
    close(scoreRouge('a b', ['a x', 'a b x y z w'], { types: ['rouge1'] }).rouge1, 1 / 2, 1 / 2, 1 / 2);
  });

  it('scores a single-element list like the plain string', () => {
    expect(scoreRouge('the cat sat', ['the cat sat on the mat'])).toEqual(
      scoreRouge('the cat sat', 'the cat sat on the mat'),
    );
  });
});

describe('scoreRouge: empty input scores 0 and never throws', () => {
  const allZero = { rouge1: zero, rouge2: zero, rougeL: zero, rougeLsum: zero };
  it.each([
    ['', 'the cat'],
    ['the cat', ''],
    ['', ''],
    ['   \n\t ', 'the cat'],
    ['日本語', '日本語'],
    ['!!!\n???', '...'],
  ])('%j vs %j', (prediction, reference) => {
    expect(scoreRouge(prediction, reference)).toEqual(allZero);
  });

  it('an empty reference list', () => {
    expect(scoreRouge('the cat', [])).toEqual(allZero);
  });
});
