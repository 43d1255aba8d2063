import { describe, expect, it } from 'vitest';
import { scoreRouge } from '#lib/rouge/index';
import { LcsTooLargeError, MAX_LCS_CELLS } from '#lib/rouge/lcs';

/** rouge-score 0.1.2's `_union_lcs` / `_backtrack_norec` transliterated with full tables: the reference. */
function naiveUnionLcsHits(prediction: string[][], reference: string[][]): number {
  const predictionCounts = new Map<string, number>();
  const referenceCounts = new Map<string, number>();
  for (const line of prediction)
    for (const t of line) predictionCounts.set(t, (predictionCounts.get(t) ?? 0) + 1);
  for (const line of reference)
    for (const t of line) referenceCounts.set(t, (referenceCounts.get(t) ?? 0) + 1);
  let hits = 0;
  for (const ref of reference) {
    const union = new Set<number>();
    for (const can of prediction) {
      const t = Array.from({ length: ref.length + 1 }, () => new Array<number>(can.length + 1).fill(0));
      for (let i = 1; i <= ref.length; i++)
        for (let j = 1; j <= can.length; j++)
          t[i]![j] =
            ref[i - 1] === can[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
      let i = ref.length;
      let j = can.length;
      while (i > 0 && j > 0) {
        if (ref[i - 1] === can[j - 1]) {
          union.add(i - 1);
          i--;
          j--;
        } else if (t[i]![j - 1]! > t[i - 1]![j]!) j--;
        else i--;
      }
    }
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = ref[index]!;
      if ((predictionCounts.get(token) ?? 0) > 0 && (referenceCounts.get(token) ?? 0) > 0) {
        hits++;
        predictionCounts.set(token, predictionCounts.get(token)! - 1);
        referenceCounts.set(token, referenceCounts.get(token)! - 1);
      }
    }
  }
  return hits;
}

function pseudoRandomLines(seed: number, lines: number, words: number): string[][] {
  let state = seed;
  const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  return Array.from({ length: lines }, () => Array.from({ length: words }, () => `w${next() % 40}`));
}

describe('rougeLsum with a one-bit backtracking table', () => {
  it.each([1, 2, 3])('equals the full-table union LCS on long multi-line pairs (seed %i)', (seed) => {
    const prediction = pseudoRandomLines(seed, 4, 300);
    const reference = pseudoRandomLines(seed + 100, 5, 250);
    const text = (lines: string[][]): string => lines.map((line) => line.join(' ')).join('\n');
    const n = prediction.flat().length;
    const m = reference.flat().length;
    const hits = naiveUnionLcsHits(prediction, reference);
    const score = scoreRouge(text(prediction), text(reference), { types: ['rougeLsum'], stemmer: false });
    expect(score.rougeLsum?.precision).toBe(hits / n);
    expect(score.rougeLsum?.recall).toBe(hits / m);
  });
});

describe('LCS cell limit', () => {
  const words = (count: number): string => Array.from({ length: count }, (_, i) => `w${i % 97}`).join(' ');

  it('refuses a pair over the limit for rougeL and rougeLsum, with the counts', () => {
    const side = Math.ceil(Math.sqrt(MAX_LCS_CELLS)) + 1;
    for (const type of ['rougeL', 'rougeLsum'] as const) {
      const error = (() => {
        try {
          scoreRouge(words(side), words(side), { types: [type], stemmer: false });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(LcsTooLargeError);
      expect(error).toMatchObject({
        type,
        predictionTokens: side,
        referenceTokens: side,
        maxCells: MAX_LCS_CELLS,
      });
    }
  });

  it('still scores the n-gram types of a pair that long', () => {
    const text = words(200_000);
    expect(scoreRouge(text, text, { types: ['rouge1', 'rouge2'], stemmer: false }).rouge1?.fmeasure).toBe(1);
  });
});
