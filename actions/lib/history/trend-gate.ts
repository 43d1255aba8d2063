import type { EvalRun } from '#lib/evaluate/case-access';
import { gatedMetrics } from '#lib/evaluate/gates';
import type { Metric } from '#lib/evaluate/metrics/registry';
import { favourableEnd } from '#lib/evaluate/metrics/direction';
import { describeMetric } from '#lib/evaluate/metrics/registry';
import type { GateOutcome } from '#lib/evaluate/types';
import type { HistoryRecord } from './record';
import { trendMedian } from './series';

const DEFAULT_TREND_WINDOW = 5;

/**
 * Adds a regression gate per metric against the recent trend: the median mean of the last `window` main
 * evaluations of the same fixture set. It fails when this run's whole CI lies below median − tolerance, the same
 * rule the baseline gate applies to the paired delta, so one lucky main run cannot make later PRs look like
 * regressions. It covers the metrics that gate by default (`metrics` overrides); a metric that is lower-is-better
 * fails when its whole CI lies above median + tolerance. No record of the fixture set: no trend gate.
 */
export function withTrendGates<T extends EvalRun>(
  result: T,
  records: readonly HistoryRecord[],
  options: { tolerance: number; window?: number; metrics?: readonly Metric[] },
): T {
  const fixtureSet = result.fixtureSet?.hash;
  if (!fixtureSet) return result;
  const gates: GateOutcome[] = [];
  for (const metric of options.metrics ?? gatedMetrics(result.settings.metrics)) {
    const trend = trendMedian(records, {
      metric,
      fixtureSet,
      window: options.window ?? DEFAULT_TREND_WINDOW,
    });
    const a = result.aggregate[metric];
    if (!trend || !a) continue;
    const { format, label } = describeMetric(metric).render;
    const higher = describeMetric(metric).direction === 'higher';
    const limit = higher ? trend.median - options.tolerance : trend.median + options.tolerance;
    const end = favourableEnd(describeMetric(metric).direction, a);
    const regressed = higher ? end < limit : end > limit;
    const runs = `median ${format(trend.median)} of the last ${trend.runs} main run${trend.runs === 1 ? '' : 's'}`;
    gates.push({
      kind: 'regression',
      metric,
      passed: !regressed,
      value: end,
      limit,
      message: regressed
        ? `${label} is ${higher ? 'below' : 'above'} the trend: CI [${format(a.low)}, ${format(a.high)}] lies entirely ${higher ? 'below' : 'above'} the ${runs} ${higher ? 'minus' : 'plus'} ${format(options.tolerance)} (tolerance)`
        : `${label} mean ${format(a.mean)} [${format(a.low)}, ${format(a.high)}] is in line with the trend (${runs})`,
    });
  }
  if (gates.length === 0) return result;
  const all = [...result.gates, ...gates];
  return { ...result, gates: all, passed: result.passed && gates.every((g) => g.passed) };
}
