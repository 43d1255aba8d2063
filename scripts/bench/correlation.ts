// Statistics for judging a metric against human scores the way FRANK does (Pagnoni et al., NAACL 2021,
// https://github.com/artidoro/frank, evaluation/evaluate.py `human_metric_correlation`): regress metric and human
// score on a one-hot encoding of the system (with intercept), then correlate the residuals.

/** Pearson's r; NaN when either side has no variance or the lengths differ. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n !== y.length || n < 2) return Number.NaN;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i]!;
    meanY += y[i]!;
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - meanX;
    const dy = y[i]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/** 1-based ranks, tied values sharing the mean of the ranks they span (as scipy's rankdata "average"). */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Array<number>(values.length);
  for (let first = 0; first < order.length;) {
    let last = first;
    while (last + 1 < order.length && values[order[last + 1]!] === values[order[first]!]) last++;
    const rank = (first + last) / 2 + 1;
    for (let k = first; k <= last; k++) out[order[k]!] = rank;
    first = last + 1;
  }
  return out;
}

/** Spearman's ρ: Pearson's r of the ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/**
 * Residuals of the least-squares fit of `values` on a one-hot encoding of `groups` plus an intercept. That design
 * spans exactly the group indicators, so the fit is each group's mean and the residual is the value minus it.
 */
export function groupResiduals(values: readonly number[], groups: readonly string[]): number[] {
  const sums = new Map<string, { sum: number; count: number }>();
  values.forEach((value, i) => {
    const entry = sums.get(groups[i]!) ?? { sum: 0, count: 0 };
    entry.sum += value;
    entry.count++;
    sums.set(groups[i]!, entry);
  });
  return values.map((value, i) => {
    const { sum, count } = sums.get(groups[i]!)!;
    return value - sum / count;
  });
}

export interface PartialCorrelation {
  pearson: number;
  spearman: number;
  n: number;
}

/**
 * Partial correlation of `metric` with `human` controlling for `groups` (the system), on the pairs where the metric
 * has a value.
 */
export function partialCorrelation(
  metric: readonly (number | null)[],
  human: readonly number[],
  groups: readonly string[],
): PartialCorrelation {
  const keep = metric.flatMap((value, i) => (value === null || !Number.isFinite(value) ? [] : [i]));
  const m = groupResiduals(
    keep.map((i) => metric[i]!),
    keep.map((i) => groups[i]!),
  );
  const h = groupResiduals(
    keep.map((i) => human[i]!),
    keep.map((i) => groups[i]!),
  );
  return { pearson: pearson(m, h), spearman: spearman(m, h), n: keep.length };
}
