import type { ScannedSource } from './source-scan';

/**
 * A content code held by more sentences than this (and more than an eighth of them) is too common to say where a
 * summary sentence comes from; skipping it keeps alignment linear on long documents.
 */
const COMMON_POSTINGS = 64;
/** Tied candidates compared on all their words, at most: beyond, the shortest of the rest wins. */
const MAX_TIED = 32;

// Scratch space reused across calls (scoring is synchronous): per-sentence hit counts, per-code marks.
let hits = new Int32Array(256);
let marks = new Int32Array(256);
let markStamp = 0;
const touched: number[] = [];
const tied: number[] = [];

/**
 * The source sentence sharing the most distinct content codes with a summary sentence (the one it most likely
 * restates). Ties go to the sentence sharing more of all its words (function words included), then to the shorter
 * one, so a sentence copied verbatim aligns with its original ("I have an apple." with "I have an apple", not "Apple
 * pen"). Codes in too many sentences are skipped; when all are, the first sentences holding the least common one
 * compete. -1 when no sentence holds any. `contentCodes` are distinct; `codes` are all the sentence's tokens'.
 */
export function alignSentence(
  source: ScannedSource,
  codes: readonly number[],
  contentCodes: readonly number[],
): number {
  const sentenceCount = source.sentenceStarts.length - 1;
  const cap = Math.max(COMMON_POSTINGS, sentenceCount / 8);
  if (hits.length < sentenceCount) hits = new Int32Array(Math.max(sentenceCount, hits.length * 2));
  let rarest: readonly number[] | undefined;
  for (const code of contentCodes) {
    const sentences = source.postings[code]!;
    // A key no content word of the source has (absent, or there only as a function word: "us" for "uses").
    if (sentences.length === 0) continue;
    if (rarest === undefined || sentences.length < rarest.length) rarest = sentences;
    if (sentences.length <= cap) count(sentences, sentences.length);
  }
  // Only common codes: the first sentences holding the least common of them are the candidates.
  if (touched.length === 0 && rarest !== undefined) count(rarest, Math.min(rarest.length, cap));
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
  const best = tied.length > 1 ? breakTie(source, codes) : (tied[0] ?? -1);
  tied.length = 0;
  return best;
}

function count(sentences: readonly number[], to: number): void {
  for (let p = 0; p < to; p++) {
    const sentence = sentences[p]!;
    const before = hits[sentence]!;
    hits[sentence] = before + 1;
    if (before === 0) touched.push(sentence);
  }
}

/** Among `tied` (in sentence order): the most distinct words shared, then the fewest tokens. */
function breakTie(source: ScannedSource, codes: readonly number[]): number {
  const { codes: tokens, sentenceStarts } = source;
  let size = marks.length;
  for (const code of codes) while (code >= size) size *= 2;
  if (size > marks.length || markStamp > 0x3fffffff) {
    marks = new Int32Array(size);
    markStamp = 0;
  }
  // Marks from `stamp` on mean "in the summary sentence"; candidate k moves a code's mark to stamp + k + 1.
  const stamp = markStamp + 1;
  markStamp += MAX_TIED + 2;
  for (const code of codes) if (code >= 0) marks[code] = stamp;
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
      const code = tokens[i]!;
      if (code < 0) continue;
      const mark = marks[code]!;
      if (mark >= stamp && mark < counted) {
        marks[code] = counted;
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

/**
 * For each token of a summary sentence (given by its codes), the length of the longest run of consecutive tokens
 * around it that the aligned source sentence also has, verbatim (0: the sentence lacks the token). The longest-
 * common-substring recurrence (a run ending at sentence position j for summary token i extends the one ending at
 * j − 1 for token i − 1), evaluated only where the token occurs in the sentence: linear in both lengths plus the
 * matches, both bounded by the sentence caps. `codeCount` bounds the codes.
 */
export function sharedRuns(
  codes: readonly number[],
  codeCount: number,
  source: ScannedSource,
  sentence: number,
): number[] {
  const runs = new Array<number>(codes.length).fill(0);
  if (sentence < 0) return runs;
  const from = source.sentenceStarts[sentence]!;
  const width = source.sentenceStarts[sentence + 1]! - from;
  // The latest position of each code in the sentence, and each position's previous one with the same code.
  const head = new Array<number>(codeCount).fill(-1);
  const lower = new Array<number>(width).fill(-1);
  for (let j = 0; j < width; j++) {
    const code = source.codes[from + j]!;
    if (code < 0) continue;
    lower[j] = head[code]!;
    head[code] = j;
  }
  // Each position's run ending there, with the row (summary token) that wrote it.
  const runAt = new Array<number>(width).fill(0);
  const rowAt = new Array<number>(width).fill(-2);
  codes.forEach((code, i) => {
    if (code < 0) return;
    let longestEndingHere = 0;
    // Positions from the last down: the run ending at j − 1 is still the previous row's when j reads it.
    for (let j = head[code]!; j >= 0; j = lower[j]!) {
      const run = j > 0 && rowAt[j - 1] === i - 1 ? runAt[j - 1]! + 1 : 1;
      runAt[j] = run;
      rowAt[j] = i;
      if (run > longestEndingHere) longestEndingHere = run;
    }
    for (let k = i - longestEndingHere + 1; k <= i; k++)
      if (longestEndingHere > runs[k]!) runs[k] = longestEndingHere;
  });
  return runs;
}
