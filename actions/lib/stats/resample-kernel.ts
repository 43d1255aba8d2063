/**
 * Bootstrap resample means of `width` columns over the same `n` examples, for samples `from` to `to` − 1: sample
 * s draws n example indices and `out[s · width + c]` is the mean of column c over them. `rows` holds the columns
 * interleaved (example k's values at k · width …), so one draw reads one example from one cache line.
 *
 * The indices are floor(seededRandom(seed)() · n), drawn in one sequence: sample s takes draws s·n to
 * s·n + n − 1. mulberry32's state is a Weyl sequence (it only ever adds 0x6d2b79f5), so the state before any draw
 * is seed + draw · 0x6d2b79f5 mod 2^32: a range of samples starts there directly, and computing the ranges on
 * several threads gives bit-for-bit the numbers of one sequential pass.
 *
 * Self-contained on purpose (no imports, no inner functions, no outer names): worker threads run it from its
 * source text.
 */
export function resampleMeans(
  rows: Float64Array,
  width: number,
  n: number,
  seed: number,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const sums = new Float64Array(width);
  // The rows one sample draws, for widths without a loop of their own.
  const picks = new Int32Array([1, 4, 5, 8, 10].includes(width) ? 0 : n);
  // `| 0` keeps the state a signed 32-bit integer (the same bits as seededRandom's unsigned one), which V8 keeps
  // unboxed; the seed is truncated first, as seededRandom truncates it.
  const start = seed | 0;
  // floor(u / 2^32 · n) = floor(u · (n / 2^32)): both products are exact (u · n < 2^53, the scale is n times a
  // power of two), and a multiplication is much cheaper than a division.
  const scale = n / 4294967296;
  for (let s = from; s < to; s++) {
    let state = (start + Math.imul((s * n) | 0, 0x6d2b79f5)) | 0;
    // One loop per common width (the four ROUGE metrics, those and faithfulness, either with their paired
    // differences, a single score), so the sums are locals that stay in registers; every loop adds the same values
    // in the same order.
    if (width === 4) {
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (let k = 0; k < n; k++) {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const row = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale) * 4;
        a += rows[row] as number;
        b += rows[row + 1] as number;
        c += rows[row + 2] as number;
        d += rows[row + 3] as number;
      }
      sums[0] = a;
      sums[1] = b;
      sums[2] = c;
      sums[3] = d;
    } else if (width === 5) {
      // The four ROUGE variants and faithfulness.
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      let e = 0;
      for (let k = 0; k < n; k++) {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const row = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale) * 5;
        a += rows[row] as number;
        b += rows[row + 1] as number;
        c += rows[row + 2] as number;
        d += rows[row + 3] as number;
        e += rows[row + 4] as number;
      }
      sums[0] = a;
      sums[1] = b;
      sums[2] = c;
      sums[3] = d;
      sums[4] = e;
    } else if (width === 8) {
      // Four scores and four paired differences (a comparison with a baseline).
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      let e = 0;
      let f = 0;
      let g = 0;
      let h = 0;
      for (let k = 0; k < n; k++) {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const row = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale) * 8;
        a += rows[row] as number;
        b += rows[row + 1] as number;
        c += rows[row + 2] as number;
        d += rows[row + 3] as number;
        e += rows[row + 4] as number;
        f += rows[row + 5] as number;
        g += rows[row + 6] as number;
        h += rows[row + 7] as number;
      }
      sums[0] = a;
      sums[1] = b;
      sums[2] = c;
      sums[3] = d;
      sums[4] = e;
      sums[5] = f;
      sums[6] = g;
      sums[7] = h;
    } else if (width === 10) {
      // Five scores and five paired differences (ROUGE and faithfulness compared with a baseline).
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      let e = 0;
      let f = 0;
      let g = 0;
      let h = 0;
      let i = 0;
      let j = 0;
      for (let k = 0; k < n; k++) {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const row = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale) * 10;
        a += rows[row] as number;
        b += rows[row + 1] as number;
        c += rows[row + 2] as number;
        d += rows[row + 3] as number;
        e += rows[row + 4] as number;
        f += rows[row + 5] as number;
        g += rows[row + 6] as number;
        h += rows[row + 7] as number;
        i += rows[row + 8] as number;
        j += rows[row + 9] as number;
      }
      sums[0] = a;
      sums[1] = b;
      sums[2] = c;
      sums[3] = d;
      sums[4] = e;
      sums[5] = f;
      sums[6] = g;
      sums[7] = h;
      sums[8] = i;
      sums[9] = j;
    } else if (width === 1) {
      let a = 0;
      for (let k = 0; k < n; k++) {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        a += rows[Math.floor(((t ^ (t >>> 14)) >>> 0) * scale)] as number;
      }
      sums[0] = a;
    } else {
      // Any other width (a metric added to the registry, or a group of metrics that have values for fewer cases):
      // the sample's rows are drawn once, then the columns are summed four at a time in locals, each in draw order
      // as the other loops do.
      for (let k = 0; k < n; k++) {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        picks[k] = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale) * width;
      }
      let col = 0;
      for (; col + 4 <= width; col += 4) {
        let a = 0;
        let b = 0;
        let c = 0;
        let d = 0;
        for (let k = 0; k < n; k++) {
          const row = (picks[k] as number) + col;
          a += rows[row] as number;
          b += rows[row + 1] as number;
          c += rows[row + 2] as number;
          d += rows[row + 3] as number;
        }
        sums[col] = a;
        sums[col + 1] = b;
        sums[col + 2] = c;
        sums[col + 3] = d;
      }
      for (; col < width; col++) {
        let a = 0;
        for (let k = 0; k < n; k++) a += rows[(picks[k] as number) + col] as number;
        sums[col] = a;
      }
    }
    for (let col = 0; col < width; col++) out[s * width + col] = (sums[col] as number) / n;
  }
}
