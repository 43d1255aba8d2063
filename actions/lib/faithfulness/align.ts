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

/** Tied candidates compared on all their words, at most: beyond, the shortest of the rest wins. */
const MAX_TIED = 32;
const tied: number[] = [];
let wordMarks = new Int32Array(256);
let wordStamp = 0;

/**
 * The source sentence sharing the most distinct content ids with a summary sentence (the one it most likely restates).
 * Ties go to the sentence sharing more of all its words (function words included), then to the shorter one, so a
 * sentence copied verbatim aligns with its original ("I have an apple." with "I have an apple", not "Apple pen").
 * Words in too many sentences are skipped; when all are, the first sentences holding the least common one compete.
 * -1 when no sentence shares any. Ids below 0 (not in the source) are ignored.
 */
export function alignSentence(
  source: PreparedSource,
  ids: readonly number[],
  contentIds: readonly number[],
): number {
  const { postingStart, postings, sentenceStarts } = source;
  const sentenceCount = sentenceStarts.length - 1;
  const cap = Math.max(COMMON_POSTINGS, sentenceCount / 8);
  hits = atLeast(hits, sentenceCount);
  if (seen.length < source.idCount || seenStamp > 0x3fffffff) {
    seen = new Int32Array(Math.max(source.idCount, seen.length * 2));
    seenStamp = 0;
  }
  const stamp = ++seenStamp;
  const count = (from: number, to: number) => {
    for (let p = from; p < to; p++) {
      const sentence = postings[p]!;
      const before = hits[sentence]!;
      hits[sentence] = before + 1;
      if (before === 0) touched.push(sentence);
    }
  };
  let rarest = -1;
  for (const id of contentIds) {
    if (id < 0 || seen[id] === stamp) continue;
    seen[id] = stamp;
    const size = postingStart[id + 1]! - postingStart[id]!;
    if (rarest < 0 || size < postingStart[rarest + 1]! - postingStart[rarest]!) rarest = id;
    if (size <= cap) count(postingStart[id]!, postingStart[id + 1]!);
  }
  // Only common words: the first sentences holding the least common of them are the candidates.
  if (touched.length === 0 && rarest >= 0) count(postingStart[rarest]!, postingStart[rarest]! + cap);
  let bestHits = 0;
  for (const sentence of touched) {
    const sentenceHits = hits[sentence]!;
    if (sentenceHits > bestHits) {
      bestHits = sentenceHits;
      tied.length = 0;
    }
    if (sentenceHits === bestHits) tied.push(sentence);
    hits[sentence] = 0;
  }
  touched.length = 0;
  const best = tied.length > 1 ? breakTie(source, ids) : (tied[0] ?? -1);
  tied.length = 0;
  return best;
}

/** Among `tied` (in sentence order): the most words shared, then the fewest tokens. */
function breakTie(source: PreparedSource, ids: readonly number[]): number {
  const { sentenceStarts, tokens } = source;
  if (wordMarks.length < source.idCount || wordStamp > 0x3fffffff) {
    wordMarks = new Int32Array(Math.max(source.idCount, wordMarks.length * 2));
    wordStamp = 0;
  }
  // Marks from `stamp` on mean "in the summary sentence"; candidate k moves a word's mark to stamp + k + 1.
  const stamp = wordStamp + 1;
  wordStamp += MAX_TIED + 2;
  for (const id of ids) if (id >= 0) wordMarks[id] = stamp;
  let best = -1;
  let bestShared = -1;
  let bestLength = Infinity;
  tied.forEach((sentence, rank) => {
    const from = sentenceStarts[sentence]!;
    const length = sentenceStarts[sentence + 1]! - from;
    // Each shared word counts once: its mark moves on to this candidate's number.
    const counted = stamp + rank + 1;
    let shared = 0;
    for (let i = from; rank < MAX_TIED && i < from + length; i++) {
      const mark = wordMarks[tokens[i]!]!;
      if (mark >= stamp && mark < counted) {
        wordMarks[tokens[i]!] = counted;
        shared++;
      }
    }
    if (shared > bestShared || (shared === bestShared && length < bestLength)) {
      best = sentence;
      bestShared = shared;
      bestLength = length;
    }
  });
  return best;
}

// Scratch for sharedRuns: the latest position of each id in the aligned sentence (valid where `headStamp` is this
// call's), each position's previous one with the same id, and each position's run with the row that wrote it.
let head = new Int32Array(256);
let headStamp = new Int32Array(256);
let lower = new Int32Array(256);
let runAt = new Int32Array(256);
let rowAt = new Int32Array(256);
let runStamp = 0;

/**
 * For each token of a summary sentence, the length of the longest run of consecutive tokens around it that the source
 * sentence also has, verbatim (0: the sentence lacks the token). The longest-common-substring recurrence (a run
 * ending at sentence position j for summary token i extends the one ending at j − 1 for token i − 1), evaluated only
 * where the token occurs in the sentence: linear in both lengths plus the matches, both bounded by the sentence caps.
 */
export function sharedRuns(ids: readonly number[], source: PreparedSource, sentence: number): number[] {
  // A plain array: a typed array of this size would cost an off-heap allocation per summary sentence.
  const runs: number[] = new Array<number>(ids.length).fill(0);
  if (sentence < 0) return runs;
  const { tokens } = source;
  const from = source.sentenceStarts[sentence]!;
  const width = source.sentenceStarts[sentence + 1]! - from;
  if (head.length < source.idCount || runStamp > 0x3fffffff - ids.length) {
    head = new Int32Array(Math.max(source.idCount, head.length));
    headStamp = new Int32Array(head.length);
    rowAt.fill(0);
    runStamp = 0;
  }
  if (lower.length < width) {
    lower = new Int32Array(Math.max(width, lower.length * 2));
    runAt = new Int32Array(lower.length);
    rowAt = new Int32Array(lower.length);
  }
  // Rows are numbered from `base + 1` (row i is base + 1 + i); the ids' heads are stamped `base`.
  const base = ++runStamp;
  runStamp += ids.length;
  for (let j = 0; j < width; j++) {
    const id = tokens[from + j]!;
    lower[j] = headStamp[id] === base ? head[id]! : -1;
    head[id] = j;
    headStamp[id] = base;
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || headStamp[id] !== base) continue;
    const row = base + 1 + i;
    let longestEndingHere = 0;
    // Positions from the last down: the run ending at j − 1 is still the previous row's when j reads it.
    for (let j = head[id]!; j >= 0; j = lower[j]!) {
      const run = j > 0 && rowAt[j - 1] === row - 1 ? runAt[j - 1]! + 1 : 1;
      runAt[j] = run;
      rowAt[j] = row;
      if (run > longestEndingHere) longestEndingHere = run;
    }
    for (let k = i - longestEndingHere + 1; k <= i; k++)
      if (longestEndingHere > runs[k]!) runs[k] = longestEndingHere;
  }
  return runs;
}
