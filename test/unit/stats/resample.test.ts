import { describe, expect, it } from 'vitest';
import { seededRandom } from '#lib/stats/index';
import { resampleMeans } from '#lib/stats/resample-kernel';
import { resampleAllMeans } from '#lib/stats/resample-threads';

/** The bootstrap as it reads: one seededRandom stream, n indices per sample, every column summed in draw order. */
function sequentialMeans(columns: number[][], seed: number, samples: number): Float64Array {
  const n = columns[0]?.length ?? 0;
  const random = seededRandom(seed);
  const out = new Float64Array(samples * columns.length);
  for (let s = 0; s < samples; s++) {
    const sums = columns.map(() => 0);
    for (let k = 0; k < n; k++) {
      const index = Math.floor(random() * n);
      columns.forEach((column, c) => (sums[c] = (sums[c] as number) + (column[index] as number)));
    }
    sums.forEach((sum, c) => (out[s * columns.length + c] = sum / n));
  }
  return out;
}

function interleave(columns: number[][]): Float64Array {
  const n = columns[0]?.length ?? 0;
  const rows = new Float64Array(n * columns.length);
  columns.forEach((column, c) => column.forEach((value, k) => (rows[k * columns.length + c] = value)));
  return rows;
}

function randomColumns(width: number, n: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: width }, () => Array.from({ length: n }, () => random()));
}

describe('resampleMeans', () => {
  it('starts any range of samples where the one sequential stream is, for 1, 4, 5, 8, 10 and 3, 6 columns', () => {
    for (const [width, seed] of [
      [1, 1],
      [4, 7],
      [8, 12],
      [3, -5],
      [5, 21],
      [10, 4],
      [6, 2],
    ] as const) {
      const columns = randomColumns(width, 301, seed + 100);
      const expected = sequentialMeans(columns, seed, 40);
      const out = new Float64Array(40 * width);
      // Three ranges computed out of order, as threads would.
      for (const [from, to] of [
        [25, 40],
        [0, 9],
        [9, 25],
      ] as const) {
        resampleMeans(interleave(columns), width, 301, seed, from, to, out);
      }
      expect(out).toEqual(expected);
    }
  });

  it('truncates a fractional seed as seededRandom does', () => {
    const columns = randomColumns(1, 50, 3);
    const out = new Float64Array(5);
    resampleMeans(interleave(columns), 1, 50, 2.75, 0, 5, out);
    expect(out).toEqual(sequentialMeans(columns, 2, 5));
  });
});

describe('resampleAllMeans', () => {
  it('gives the same numbers on worker threads as on this one, and the workers deliver their chunks', () => {
    // 8,000 × 1,000 draws: the size from which workers are used.
    const columns = randomColumns(4, 8_000, 11);
    const job = { rows: interleave(columns), width: 4, n: 8_000, seed: 3, samples: 1_000 };
    const alone = resampleAllMeans({ ...job, threads: 1 });
    const shared = resampleAllMeans({ ...job, threads: 3 });
    // This thread claims nothing: every chunk has to come from the two workers.
    const workersOnly = resampleAllMeans({ ...job, threads: 3, shareWork: false });
    expect(alone.chunks).toEqual({ total: 1, byWorkers: 0 });
    expect(workersOnly.chunks).toEqual({ total: 48, byWorkers: 48 });
    expect(shared.chunks.total).toBe(48);
    expect(shared.means).toEqual(alone.means);
    expect(workersOnly.means).toEqual(alone.means);
    expect(alone.means.slice(0, 8)).toEqual(sequentialMeans(columns, 3, 2));
  });

  it('stays on this thread for small jobs', () => {
    const columns = randomColumns(2, 100, 5);
    const result = resampleAllMeans({
      rows: interleave(columns),
      width: 2,
      n: 100,
      seed: 1,
      samples: 50,
      threads: 8,
    });
    expect(result.chunks).toEqual({ total: 1, byWorkers: 0 });
    expect(result.means).toEqual(sequentialMeans(columns, 1, 50));
  });
});
