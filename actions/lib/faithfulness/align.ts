import type { PreparedSource } from './source';

/**
 * A content id held by more sentences than this (and more than an eighth of them) is too common to say where a
 * summary sentence comes from; skipping it keeps alignment linear on long documents.
 */
const COMMON_POSTINGS = 64;

// Scratch space reused across calls (scoring is synchronous): per-sentence hit counts and per-id "seen" marks.
let hits = new Int32Array(256);
let seen = new Int32Array(256);
let seenStamp = 0;
const touched: number[] = [];

function atLeast(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return array.length >= size ? array : new Int32Array(Math.max(size, array.length * 2));
}

/**
 * The source sentence sharing the most distinct content ids with a summary sentence (the one it most likely restates);
 * a tie goes to the shorter sentence, so a sentence copied verbatim aligns with its original rather than a longer
 * one that also holds its words. -1 when no sentence shares any. Ids below 0 (not in the source) are ignored.
 */
export function alignSentence(source: PreparedSource, contentIds: readonly number[]): number {
  const { postingStart, postings, sentenceStarts } = source;
  const sentenceCount = sentenceStarts.length - 1;
  const cap = Math.max(COMMON_POSTINGS, sentenceCount / 8);
  hits = atLeast(hits, sentenceCount);
  if (seen.length < source.ids.size || seenStamp > 0x3fffffff) {
    seen = new Int32Array(Math.max(source.ids.size, seen.length * 2));
    seenStamp = 0;
  }
  const stamp = ++seenStamp;
  for (const id of contentIds) {
    if (id < 0 || seen[id] === stamp) continue;
    seen[id] = stamp;
    const to = postingStart[id + 1]!;
    if (to - postingStart[id]! > cap) continue;
    for (let p = postingStart[id]!; p < to; p++) {
      const sentence = postings[p]!;
      const count = hits[sentence]!;
      hits[sentence] = count + 1;
      if (count === 0) touched.push(sentence);
    }
  }
  let best = -1;
  let bestHits = 0;
  let bestLength = Infinity;
  for (const sentence of touched) {
    const count = hits[sentence]!;
    hits[sentence] = 0;
    const length = sentenceStarts[sentence + 1]! - sentenceStarts[sentence]!;
    if (
      count > bestHits ||
      (count === bestHits && (length < bestLength || (length === bestLength && sentence < best)))
    ) {
      best = sentence;
      bestHits = count;
      bestLength = length;
    }
  }
  touched.length = 0;
  return best;
}

let previousRow = new Int32Array(256);
let currentRow = new Int32Array(256);

/**
 * For each token of a summary sentence, the length of the longest run of consecutive tokens around it that the source
 * sentence also has, verbatim (0: the sentence lacks the token). Dynamic programming over the two token lists, both
 * bounded by the sentence caps.
 */
export function sharedRuns(ids: readonly number[], source: PreparedSource, sentence: number): Int32Array {
  const runs = new Int32Array(ids.length);
  if (sentence < 0) return runs;
  const { tokens } = source;
  const from = source.sentenceStarts[sentence]!;
  const width = source.sentenceStarts[sentence + 1]! - from;
  previousRow = atLeast(previousRow, width + 1);
  currentRow = atLeast(currentRow, width + 1);
  let previous = previousRow.fill(0, 0, width + 1);
  let current = currentRow;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let longestEndingHere = 0;
    current[0] = 0;
    for (let j = 0; j < width; j++) {
      const run = id >= 0 && tokens[from + j] === id ? previous[j]! + 1 : 0;
      current[j + 1] = run;
      if (run > longestEndingHere) longestEndingHere = run;
    }
    for (let k = i - longestEndingHere + 1; k <= i; k++)
      if (longestEndingHere > runs[k]!) runs[k] = longestEndingHere;
    [previous, current] = [current, previous];
  }
  return runs;
}
