import { makeScore, ZERO_SCORE } from './score-value';
import type { Score } from './types';

// DP tables are reused between calls: scoring is synchronous, so one scratch buffer per module is safe.
let scratch = new Int32Array(4096);
function table(cells: number): Int32Array {
  if (scratch.length < cells) scratch = new Int32Array(Math.max(cells, scratch.length * 2));
  return scratch;
}

// LCS values never exceed the shorter side, so sentence-level tables (the full (m+1)·(n+1) ones rougeLsum
// backtracks through) fit 16-bit cells: half the memory and cache traffic of Int32.
let scratch16 = new Uint16Array(4096);
function table16(cells: number): Uint16Array {
  if (scratch16.length < cells) scratch16 = new Uint16Array(Math.max(cells, scratch16.length * 2));
  return scratch16;
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
  const lcs = lcsLength(reference, prediction);
  return makeScore(lcs / prediction.length, lcs / reference.length);
}

/**
 * Marks in `hit` the positions of `ref` on one LCS with `can`, read out exactly like rouge-score's
 * `_backtrack_norec`: diagonal on a match, else left only if strictly greater than up (ties go up).
 */
function markLcsPositions(ref: Int32Array, can: Int32Array, hit: Uint8Array): void {
  const rows = ref.length;
  const cols = can.length + 1;
  const cells = (rows + 1) * cols;
  const t = Math.min(rows, cols) <= 0xffff ? table16(cells) : table(cells);
  t.fill(0, 0, cols);
  for (let i = 1; i <= rows; i++) {
    const token = ref[i - 1];
    const row = i * cols;
    const above = row - cols;
    t[row] = 0;
    for (let j = 1; j < cols; j++) {
      if (token === can[j - 1]) t[row + j] = t[above + j - 1]! + 1;
      else {
        const up = t[above + j]!;
        const left = t[row + j - 1]!;
        t[row + j] = up > left ? up : left;
      }
    }
  }
  let i = rows;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      hit[i - 1] = 1;
      i--;
      j--;
    } else if (t[i * cols + j - 1]! > t[(i - 1) * cols + j]!) j--;
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
