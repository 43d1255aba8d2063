import { makeScore } from './score-value';
import type { Score } from './types';

/**
 * rougeN over token-id sequences: clipped n-gram multiset overlap, P = overlap / max(#prediction n-grams, 1),
 * R = overlap / max(#reference n-grams, 1). `vocabularySize` bounds every id, which lets n-grams become numeric keys.
 */
export function scoreNgrams(
  prediction: Int32Array,
  reference: Int32Array,
  n: number,
  vocabularySize: number,
): Score {
  const predictionCount = Math.max(prediction.length - n + 1, 0);
  const referenceCount = Math.max(reference.length - n + 1, 0);
  const overlap =
    predictionCount === 0 || referenceCount === 0
      ? 0
      : n === 1
        ? unigramOverlap(prediction, reference, vocabularySize)
        : ngramOverlap(prediction, reference, n, vocabularySize);
  return makeScore(overlap / Math.max(predictionCount, 1), overlap / Math.max(referenceCount, 1));
}

function unigramOverlap(prediction: Int32Array, reference: Int32Array, vocabularySize: number): number {
  const available = new Int32Array(vocabularySize);
  for (const id of prediction) available[id]!++;
  let overlap = 0;
  for (const id of reference) {
    if (available[id]! > 0) {
      available[id]!--;
      overlap++;
    }
  }
  return overlap;
}

// Consuming prediction n-grams as reference n-grams find them sums min(count_ref, count_pred) over n-grams.
function ngramOverlap(
  prediction: Int32Array,
  reference: Int32Array,
  n: number,
  vocabularySize: number,
): number {
  const key = ngramKeyFunction(n, vocabularySize);
  const available = new Map<number | string, number>();
  for (let i = 0; i + n <= prediction.length; i++) {
    const k = key(prediction, i);
    available.set(k, (available.get(k) ?? 0) + 1);
  }
  let overlap = 0;
  for (let i = 0; i + n <= reference.length; i++) {
    const k = key(reference, i);
    const left = available.get(k);
    if (left !== undefined && left > 0) {
      available.set(k, left - 1);
      overlap++;
    }
  }
  return overlap;
}

function ngramKeyFunction(n: number, base: number): (ids: Int32Array, start: number) => number | string {
  // A base-V number is exact while V^n stays within doubles' integer range; beyond that fall back to strings.
  if (Math.pow(base, n) < Number.MAX_SAFE_INTEGER) {
    return (ids, start) => {
      let k = 0;
      for (let i = start; i < start + n; i++) k = k * base + ids[i]!;
      return k;
    };
  }
  return (ids, start) => ids.subarray(start, start + n).join(',');
}
