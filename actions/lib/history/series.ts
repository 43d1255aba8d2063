import type { Metric } from '#lib/evaluate/metrics/registry';
import type { HistoryRecord } from './record';

export interface HistoryPoint {
  date: string;
  gitSha: string;
  kind: HistoryRecord['kind'];
  mean: number;
  low: number;
  high: number;
}

/**
 * The last `last` records of one fixture set that carry `metric`, oldest first. Other fixture sets measure other
 * things, so they never appear in the same series.
 */
export function historySeries(
  records: readonly HistoryRecord[],
  options: { metric: Metric; fixtureSet: string; last?: number; kinds?: HistoryRecord['kind'][] },
): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  for (const r of records) {
    if (r.fixtureSet !== options.fixtureSet) continue;
    if (options.kinds && !options.kinds.includes(r.kind)) continue;
    const value = r.aggregate[options.metric];
    if (!value) continue;
    points.push({ date: r.date, gitSha: r.gitSha, kind: r.kind, ...value });
  }
  return options.last === undefined ? points : points.slice(Math.max(0, points.length - options.last));
}

/** Fixture sets in the order their latest record appeared, newest first, with their record counts. */
export function fixtureSets(records: readonly HistoryRecord[]): { fixtureSet: string; records: number }[] {
  const counts = new Map<string, number>();
  const latest = new Map<string, number>();
  records.forEach((r, i) => {
    counts.set(r.fixtureSet, (counts.get(r.fixtureSet) ?? 0) + 1);
    latest.set(r.fixtureSet, i);
  });
  return [...counts.entries()]
    .sort((a, b) => (latest.get(b[0]) ?? 0) - (latest.get(a[0]) ?? 0))
    .map(([fixtureSet, n]) => ({ fixtureSet, records: n }));
}

/** The median mean of the last `window` main evaluations of one fixture set; undefined without any. */
export function trendMedian(
  records: readonly HistoryRecord[],
  options: { metric: Metric; fixtureSet: string; window?: number },
): { median: number; runs: number } | undefined {
  const series = historySeries(records, { ...options, last: options.window ?? 5, kinds: ['evaluation'] });
  if (series.length === 0) return undefined;
  const sorted = series.map((p) => p.mean).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, runs: sorted.length };
}
