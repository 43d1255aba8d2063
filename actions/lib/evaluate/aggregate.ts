import { bootstrapMeanColumns } from '#lib/stats/index';
import type { Metric, MetricIntervals } from './types';

export interface BootstrapSettings {
  samples: number;
  confidence: number;
  seed: number;
}

/** Per-case F-measures keyed by case id; only cases that scored. */
export type FmeasureById = Map<string, Record<Metric, number>>;

/** Mean F per metric with a seeded bootstrap CI over the cases. */
export function aggregateScores(
  fmeasures: readonly Record<Metric, number>[],
  metrics: readonly Metric[],
  settings: BootstrapSettings,
): MetricIntervals {
  return aggregateColumns(
    metrics.map((metric) => fmeasures.map((f) => f[metric])),
    metrics,
    settings,
  );
}

/** aggregateScores with the F-measures given as one column per metric (in `metrics` order). */
export function aggregateColumns(
  columns: readonly (readonly number[])[],
  metrics: readonly Metric[],
  settings: BootstrapSettings,
): MetricIntervals {
  // One pass for all metrics: the same intervals as one bootstrapMean per metric, a quarter of the draws.
  const intervals = bootstrapMeanColumns(columns, bootstrapOptions(settings));
  const out = {} as MetricIntervals;
  metrics.forEach((metric, i) => {
    out[metric] = intervals[i] ?? { mean: 0, low: 0, high: 0 };
  });
  return out;
}

export interface PairedComparison {
  paired: string[];
  onlyCandidate: string[];
  onlyBaseline: string[];
  /** Baseline mean (with CI) over the paired cases. */
  baseline: MetricIntervals;
  /** Candidate − baseline over the paired cases, paired bootstrap CI. */
  deltas: MetricIntervals;
}

/** Matches cases by id (candidate order) and bootstraps the per-metric differences on the cases both scored. */
export function comparePaired(
  candidate: FmeasureById,
  baseline: FmeasureById,
  metrics: readonly Metric[],
  settings: BootstrapSettings,
): PairedComparison {
  const paired = [...candidate.keys()].filter((id) => baseline.has(id));
  const onlyCandidate = [...candidate.keys()].filter((id) => !baseline.has(id));
  const onlyBaseline = [...baseline.keys()].filter((id) => !candidate.has(id));
  const deltas = {} as MetricIntervals;
  const baselineMeans = {} as MetricIntervals;
  if (paired.length === 0) {
    for (const metric of metrics) {
      deltas[metric] = { mean: 0, low: 0, high: 0 };
      baselineMeans[metric] = { mean: 0, low: 0, high: 0 };
    }
    return { paired, onlyCandidate, onlyBaseline, baseline: baselineMeans, deltas };
  }
  // Baseline scores and candidate − baseline differences per metric, bootstrapped in one pass: the same intervals
  // as bootstrapMean and pairedBootstrapDelta metric by metric (all draw the same indices from the same seed).
  const baselineColumns = metrics.map((metric) => paired.map((id) => baseline.get(id)?.[metric] ?? 0));
  const differenceColumns = metrics.map((metric, m) => {
    const b = baselineColumns[m] as number[];
    return paired.map((id, i) => (candidate.get(id)?.[metric] ?? 0) - (b[i] as number));
  });
  const intervals = bootstrapMeanColumns(
    [...baselineColumns, ...differenceColumns],
    bootstrapOptions(settings),
  );
  metrics.forEach((metric, m) => {
    baselineMeans[metric] = intervals[m] ?? { mean: 0, low: 0, high: 0 };
    deltas[metric] = intervals[metrics.length + m] ?? { mean: 0, low: 0, high: 0 };
  });
  return { paired, onlyCandidate, onlyBaseline, baseline: baselineMeans, deltas };
}

function bootstrapOptions(settings: BootstrapSettings): {
  samples: number;
  confidence: number;
  seed: number;
} {
  return { samples: settings.samples, confidence: settings.confidence, seed: settings.seed };
}
