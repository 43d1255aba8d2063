/**
 * numpy's default `percentile` (method "linear") of an ascending array: the value at rank p/100 · (n − 1),
 * interpolated between its neighbours. `p` is in [0, 100]; an empty array gives NaN.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = (p / 100) * (n - 1);
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, n - 1);
  const below = sorted[lower]!;
  const above = sorted[upper]!;
  return below + (above - below) * (rank - lower);
}
