import type { PreparedSource } from './source';

/**
 * A content id held by more sentences than this (and more than an eighth of them) is too common to say where a
 * summary sentence comes from; skipping it keeps alignment linear on long documents.
 */
const COMMON_POSTINGS = 64;

/**
 * The source sentence sharing the most distinct content ids with a summary sentence (the one it most likely restates);
 * a tie goes to the shorter sentence, so a sentence copied verbatim aligns with its original rather than a longer
 * one that also holds its words. -1 when no sentence shares any.
 */
export function alignSentence(source: PreparedSource, contentIds: readonly number[]): number {
  const sentenceCount = source.sentenceStarts.length - 1;
  const cap = Math.max(COMMON_POSTINGS, sentenceCount / 8);
  const hits = new Map<number, number>();
  for (const id of new Set(contentIds)) {
    const from = source.postingStart[id]!;
    const to = source.postingStart[id + 1]!;
    if (to - from > cap) continue;
    for (let p = from; p < to; p++) {
      const sentence = source.postings[p]!;
      hits.set(sentence, (hits.get(sentence) ?? 0) + 1);
    }
  }
  let best = -1;
  let bestHits = 0;
  let bestLength = Infinity;
  for (const [sentence, count] of hits) {
    const length = source.sentenceStarts[sentence + 1]! - source.sentenceStarts[sentence]!;
    if (
      count > bestHits ||
      (count === bestHits && (length < bestLength || (length === bestLength && sentence < best)))
    ) {
      best = sentence;
      bestHits = count;
      bestLength = length;
    }
  }
  return best;
}

/**
 * For each token of a summary sentence, the length of the longest run of consecutive tokens around it that the source
 * sentence also has, verbatim (0: the sentence lacks the token). Dynamic programming over the two token lists, both
 * bounded by the sentence caps.
 */
export function sharedRuns(ids: readonly number[], source: PreparedSource, sentence: number): Int32Array {
  const runs = new Int32Array(ids.length);
  if (sentence < 0) return runs;
  const from = source.sentenceStarts[sentence]!;
  const width = source.sentenceStarts[sentence + 1]! - from;
  let previous = new Int32Array(width + 1);
  let current = new Int32Array(width + 1);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let longestEndingHere = 0;
    for (let j = 0; j < width; j++) {
      const run = id >= 0 && source.tokens[from + j] === id ? previous[j]! + 1 : 0;
      current[j + 1] = run;
      if (run > longestEndingHere) longestEndingHere = run;
    }
    for (let k = i - longestEndingHere + 1; k <= i; k++)
      if (longestEndingHere > runs[k]!) runs[k] = longestEndingHere;
    [previous, current] = [current, previous];
  }
  return runs;
}
