import { bootstrapMeanColumns } from '#lib/stats/index';
import type { CaseAccess } from './case-access';
import type { Metric } from './metrics/registry';
import type { Interval, MetricIntervals } from './types';

export interface BootstrapSettings {
  samples: number;
  confidence: number;
  seed: number;
}

/** Per-case values (the numbers they contribute) keyed by case id; only cases that scored. */
export type ValuesById = Map<string, Partial<Record<Metric, number>>>;

const ZERO: Interval = { mean: 0, low: 0, high: 0 };

/**
 * Groups metrics whose columns cover the same rows, in the metrics' order. Metrics every row has (ROUGE and
 * faithfulness on every scored case) form one group, bootstrapped in one pass: bootstrapMeanColumns gives each
 * column the intervals it would get alone, so grouping changes no number, only the work.
 */
function groupByRows(metrics: readonly Metric[], present: (metric: Metric) => Uint8Array): Metric[][] {
  const groups: { mask: Uint8Array; metrics: Metric[] }[] = [];
  for (const metric of metrics) {
    const mask = present(metric);
    const group = groups.find((g) => sameMask(g.mask, mask));
    if (group) group.metrics.push(metric);
    else groups.push({ mask, metrics: [metric] });
  }
  return groups.map((g) => g.metrics);
}

function sameMask(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Mean value per metric with a seeded bootstrap CI over the cases that have one, in the cases' order (the order
 * the bootstrap draws from). `positions`: only these cases (a tag's), default every case.
 */
export function aggregateCases(
  cases: CaseAccess,
  metrics: readonly Metric[],
  settings: BootstrapSettings,
  positions?: readonly number[],
): MetricIntervals {
  const rows = positions ?? Array.from({ length: cases.size }, (_, p) => p);
  const masks = new Map<Metric, Uint8Array>();
  for (const metric of metrics) {
    const mask = new Uint8Array(rows.length);
    rows.forEach((p, r) => (mask[r] = cases.value(p, metric) === undefined ? 0 : 1));
    masks.set(metric, mask);
  }
  const out: MetricIntervals = {};
  for (const group of groupByRows(metrics, (m) => masks.get(m) as Uint8Array)) {
    const mask = masks.get(group[0] as Metric) as Uint8Array;
    const columns = group.map((metric) => {
      const column: number[] = [];
      rows.forEach((p, r) => {
        if (mask[r] === 1) column.push(cases.value(p, metric) as number);
      });
      return column;
    });
    const intervals = bootstrapMeanColumns(columns, settings);
    group.forEach((metric, i) => (out[metric] = intervals[i] ?? ZERO));
  }
  return out;
}

export interface PairedComparison {
  paired: string[];
  onlyCandidate: string[];
  onlyBaseline: string[];
  /** Baseline mean (with CI) over the paired cases, per compared metric. */
  baseline: MetricIntervals;
  /** Candidate − baseline over the paired cases, paired bootstrap CI, per compared metric. */
  deltas: MetricIntervals;
}

/**
 * Matches cases by id (candidate order) and bootstraps, per metric, the baseline values and the differences over
 * the cases both sides have a value for. Metrics over the same pairs are bootstrapped in one pass: the same
 * intervals as bootstrapMean and pairedBootstrapDelta metric by metric (all draw the same indices from one seed).
 */
export function comparePaired(
  candidate: ValuesById,
  baseline: ValuesById,
  metrics: readonly Metric[],
  settings: BootstrapSettings,
): PairedComparison {
  const paired = [...candidate.keys()].filter((id) => baseline.has(id));
  const onlyCandidate = [...candidate.keys()].filter((id) => !baseline.has(id));
  const onlyBaseline = [...baseline.keys()].filter((id) => !candidate.has(id));
  const deltas: MetricIntervals = {};
  const baselineMeans: MetricIntervals = {};
  if (paired.length === 0) {
    for (const metric of metrics) {
      deltas[metric] = ZERO;
      baselineMeans[metric] = ZERO;
    }
    return { paired, onlyCandidate, onlyBaseline, baseline: baselineMeans, deltas };
  }
  const pairs = paired.map((id) => [candidate.get(id) ?? {}, baseline.get(id) ?? {}] as const);
  const present = (metric: Metric): Uint8Array =>
    Uint8Array.from(pairs, ([c, b]) => (c[metric] !== undefined && b[metric] !== undefined ? 1 : 0));
  for (const group of groupByRows(metrics, present)) {
    const mask = present(group[0] as Metric);
    const kept = pairs.filter((_, i) => mask[i] === 1);
    const baselineColumns = group.map((metric) => kept.map(([, b]) => b[metric] as number));
    const differenceColumns = group.map((metric, m) => {
      const b = baselineColumns[m] as number[];
      return kept.map(([c], i) => (c[metric] as number) - (b[i] as number));
    });
    const intervals = bootstrapMeanColumns([...baselineColumns, ...differenceColumns], settings);
    group.forEach((metric, m) => {
      baselineMeans[metric] = intervals[m] ?? ZERO;
      deltas[metric] = intervals[group.length + m] ?? ZERO;
    });
  }
  return { paired, onlyCandidate, onlyBaseline, baseline: baselineMeans, deltas };
}
