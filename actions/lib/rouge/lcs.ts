import { SumopsError } from '#lib/errors';
import { makeScore, ZERO_SCORE } from './score-value';
import type { Score } from './types';

/**
 * The most LCS cells (prediction tokens × reference tokens) rougeL and rougeLsum compute for one pair: time is
 * linear in cells (about a second at this limit) and memory is two rows plus one bit per cell, so this bounds
 * both. 50,000,000 is a 7,000-token prediction against a 7,000-token reference, far beyond any summary.
 */
export const MAX_LCS_CELLS = 50_000_000;

/** A pair too long for the LCS-based types; the n-gram types have no such limit. */
export class LcsTooLargeError extends SumopsError {
  constructor(
    readonly type: 'rougeL' | 'rougeLsum',
    readonly predictionTokens: number,
    readonly referenceTokens: number,
    readonly maxCells: number,
  ) {
    super(
      `${type} needs ${predictionTokens} × ${referenceTokens} LCS cells, more than the ${maxCells} one pair may use`,
    );
  }
}

function checkCells(type: 'rougeL' | 'rougeLsum', prediction: number, reference: number): void {
  if (prediction * reference > MAX_LCS_CELLS)
    throw new LcsTooLargeError(type, prediction, reference, MAX_LCS_CELLS);
}

// DP tables are reused between calls: scoring is synchronous, so one scratch buffer per module is safe.
let scratch = new Int32Array(4096);
function table(cells: number): Int32Array {
  if (scratch.length < cells) scratch = new Int32Array(Math.max(cells, scratch.length * 2));
  return scratch;
}

// rougeLsum's backtracking needs, per cell, only which way rouge-score's `_backtrack_norec` turns on a mismatch
// (left when the cell to the left is strictly greater than the one above): one bit, not a 16/32-bit value, so the
// table for a sentence pair costs (m·n)/8 bytes while the values themselves live in two rows.
let scratchBits = new Uint8Array(4096);
function bitTable(cells: number): Uint8Array {
  const bytes = (cells + 7) >> 3;
  if (scratchBits.length < bytes) scratchBits = new Uint8Array(Math.max(bytes, scratchBits.length * 2));
  return scratchBits;
}

/** Length of the longest common subsequence, in O(min) memory (two rows). */
function lcsLength(a: Int32Array, b: Int32Array): number {
  const cols = b.length + 1;
  const rows = table(2 * cols);
  let previous = 0;
  let current = cols;
  rows.fill(0, 0, 2 * cols);
  for (let i = 0; i < a.length; i++) {
    const token = a[i];
    rows[current] = 0;
    for (let j = 1; j < cols; j++) {
      if (token === b[j - 1]) rows[current + j] = rows[previous + j - 1]! + 1;
      else {
        const up = rows[previous + j]!;
        const left = rows[current + j - 1]!;
        rows[current + j] = up > left ? up : left;
      }
    }
    [previous, current] = [current, previous];
  }
  return rows[previous + cols - 1]!;
}

/** rougeL: LCS over the whole token sequences; 0 when either side has no tokens. */
export function scoreLcs(prediction: Int32Array, reference: Int32Array): Score {
  if (prediction.length === 0 || reference.length === 0) return { ...ZERO_SCORE };
  checkCells('rougeL', prediction.length, reference.length);
  const lcs = lcsLength(reference, prediction);
  return makeScore(lcs / prediction.length, lcs / reference.length);
}

/**
 * Marks in `hit` the positions of `ref` on one LCS with `can`, read out exactly like rouge-score's
 * `_backtrack_norec`: diagonal on a match, else left only if strictly greater than up (ties go up).
 */
function markLcsPositions(ref: Int32Array, can: Int32Array, hit: Uint8Array): void {
  const rows = ref.length;
  const cols = can.length;
  const width = cols + 1;
  const values = table(2 * width);
  const goLeft = bitTable(rows * cols);
  goLeft.fill(0, 0, (rows * cols + 7) >> 3);
  values.fill(0, 0, 2 * width);
  let previous = 0;
  let current = width;
  for (let i = 1; i <= rows; i++) {
    const token = ref[i - 1];
    values[current] = 0;
    const bitRow = (i - 1) * cols;
    for (let j = 1; j <= cols; j++) {
      if (token === can[j - 1]) values[current + j] = values[previous + j - 1]! + 1;
      else {
        const up = values[previous + j]!;
        const left = values[current + j - 1]!;
        if (left > up) {
          values[current + j] = left;
          const bit = bitRow + j - 1;
          goLeft[bit >> 3]! |= 1 << (bit & 7);
        } else values[current + j] = up;
      }
    }
    [previous, current] = [current, previous];
  }
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      hit[i - 1] = 1;
      i--;
      j--;
      continue;
    }
    const bit = (i - 1) * cols + j - 1;
    if ((goLeft[bit >> 3]! >> (bit & 7)) & 1) j--;
    else i--;
  }
}

/**
 * rougeLsum: summary-level union LCS (ROUGE-1.5.5 style) over per-line token-id sequences. Each reference line's
 * union-LCS tokens count as hits only while both texts still have that token left (clipped on both sides).
 */
export function scoreSummaryLcs(
  prediction: Int32Array[],
  reference: Int32Array[],
  vocabularySize: number,
): Score {
  let n = 0;
  for (const line of prediction) n += line.length;
  let m = 0;
  for (const line of reference) m += line.length;
  if (n === 0 || m === 0) return { ...ZERO_SCORE };
  // The sentence pairs' cells add up to n·m, so this bounds the whole summary-level computation.
  checkCells('rougeLsum', n, m);

  const leftInPrediction = new Int32Array(vocabularySize);
  for (const line of prediction) for (const id of line) leftInPrediction[id]!++;
  const leftInReference = new Int32Array(vocabularySize);
  for (const line of reference) for (const id of line) leftInReference[id]!++;

  let hits = 0;
  for (const ref of reference) {
    if (ref.length === 0) continue;
    const inUnion = new Uint8Array(ref.length);
    for (const can of prediction) if (can.length > 0) markLcsPositions(ref, can, inUnion);
    for (let i = 0; i < ref.length; i++) {
      if (inUnion[i] === 0) continue;
      const id = ref[i]!;
      if (leftInPrediction[id]! > 0 && leftInReference[id]! > 0) {
        hits++;
        leftInPrediction[id]!--;
        leftInReference[id]!--;
      }
    }
  }
  return makeScore(hits / n, hits / m);
}
