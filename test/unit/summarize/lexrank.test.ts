// The LexRank baseline of bench-coverage (scripts/bench/lexrank.ts), checked against the stationary distribution
// worked out by hand for a small graph, so the baseline the one-sentence target is compared with is the real one.
import { describe, expect, it } from 'vitest';
import { lexRank, lexRankScores } from '../../../scripts/bench/lexrank';

// A and C share no word; B shares two with each, so the thresholded graph is the path A - B - C (with self-loops).
const PATH = ['Red apples grow here.', 'Red apples and green pears.', 'Green pears ripen late.'];

describe('LexRank (Erkan & Radev 2004)', () => {
  it('gives the stationary distribution of the damped, degree-normalized walk', () => {
    // x = d/3 + (1 - d)(x/2 + y/3) with y = 1 - 2x gives x = 1 / (3 + (1 - d)/2); d = 0.15.
    const x = 1 / (3 + 0.85 / 2);
    const [a, b, c] = lexRankScores(PATH);
    expect(a).toBeCloseTo(x, 6);
    expect(c).toBeCloseTo(x, 6);
    expect(b).toBeCloseTo(1 - 2 * x, 6);
  });

  it('picks the most connected sentence, breaks ties by position and keeps document order', () => {
    expect(lexRank(PATH, 1)).toEqual([PATH[1]]);
    // Reversed, C comes first: it wins the tie with A and stays before B.
    expect(lexRank([...PATH].reverse(), 2)).toEqual([PATH[2], PATH[1]]);
  });

  it('scores unconnected sentences alike and always sums to 1', () => {
    const apart = ['Cats sleep.', 'Trains run late.', 'Rivers flood in spring.'];
    for (const score of lexRankScores(apart)) expect(score).toBeCloseTo(1 / 3, 9);
    const total = lexRankScores([...PATH, ...apart]).reduce((sum, score) => sum + score, 0);
    expect(total).toBeCloseTo(1, 9);
    expect(lexRankScores([])).toEqual([]);
  });
});
