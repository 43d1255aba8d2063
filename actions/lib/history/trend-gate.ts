import { points } from '#lib/evaluate/gates';
import type { EvalRun } from '#lib/evaluate/case-access';
import type { GateOutcome, Metric } from '#lib/evaluate/types';
import type { HistoryRecord } from './record';
import { trendMedian } from './series';

const DEFAULT_TREND_WINDOW = 5;

/**
 * Adds a regression gate per metric against the recent trend: the median mean of the last `window` main
 * evaluations of the same fixture set. It fails when this run's whole CI lies below median − tolerance, the same
 * rule the baseline gate applies to the paired delta, so one lucky main run cannot make later PRs look like
 * regressions. No record of the fixture set: no trend gate.
 */
export function withTrendGates<T extends EvalRun>(
  result: T,
  records: readonly HistoryRecord[],
  options: { tolerance: number; window?: number; metrics?: readonly Metric[] },
): T {
  const fixtureSet = result.fixtureSet?.hash;
  if (!fixtureSet) return result;
  const gates: GateOutcome[] = [];
  for (const metric of options.metrics ?? result.settings.metrics) {
    const trend = trendMedian(records, {
      metric,
      fixtureSet,
      window: options.window ?? DEFAULT_TREND_WINDOW,
    });
    if (!trend) continue;
    const a = result.aggregate[metric];
    const limit = trend.median - options.tolerance;
    const regressed = a.high < limit;
    const runs = `median ${points(trend.median)} of the last ${trend.runs} main run${trend.runs === 1 ? '' : 's'}`;
    gates.push({
      kind: 'regression',
      metric,
      passed: !regressed,
      value: a.high,
      limit,
      message: regressed
        ? `${metric} is below the trend: CI [${points(a.low)}, ${points(a.high)}] lies entirely below the ${runs} minus ${points(options.tolerance)} (tolerance)`
        : `${metric} mean ${points(a.mean)} [${points(a.low)}, ${points(a.high)}] is in line with the trend (${runs})`,
    });
  }
  if (gates.length === 0) return result;
  const all = [...result.gates, ...gates];
  return { ...result, gates: all, passed: result.passed && gates.every((g) => g.passed) };
}
