import type { CaseAccess } from './case-access';
import { erroredCaseIds, toCaseAccess } from './case-access';
import { GateConfigError } from './errors';
import { listIds } from './list-ids';
import type { Metric } from './metrics/registry';
import { describeMetric, isMetric, METRICS } from './metrics/registry';
import { favourableEnd, isWorseBy, meetsThreshold } from './metrics/direction';
import type { BaselineComparison, CaseResult, GateOutcome, LatencySummary, MetricIntervals } from './types';

/** Default: a regression must be worse than one point (CI high < −0.01) to fail the run. */
export const DEFAULT_TOLERANCE = 0.01;

export interface GateInput {
  aggregate: MetricIntervals;
  cases: readonly CaseResult[] | CaseAccess;
  baseline?: BaselineComparison;
  metrics: readonly Metric[];
  /** Minimum (or, lower-is-better, maximum) mean per metric, as a fraction 0..1. */
  thresholds: Partial<Record<Metric, number>>;
  /** A regression fails only when the delta CI's favourable end is beyond −tolerance (fraction). */
  tolerance: number;
  /** The metrics the regression gate covers; default those that gate by default (see the registry). */
  gated?: readonly Metric[];
  latency?: LatencySummary;
  /** Fails when the summarize latency's p95 over the cases is above this many ms. */
  maxP95Ms?: number;
}

/** The metrics whose regression gates apply: the registry's gating ones, plus any asked for. */
export function gatedMetrics(metrics: readonly Metric[], asked: readonly Metric[] = []): Metric[] {
  return metrics.filter((m) => describeMetric(m).gatesByDefault || asked.includes(m));
}

/**
 * Every gate the run is judged by, passing or not:
 * - `errors`: any case that could not be summarized or scored fails the run (a broken provider must not pass by
 *   scoring fewer cases), and so does a gated metric that could not be computed for a case;
 * - `threshold`: the mean meets the metric's threshold;
 * - `regression`: fails when the paired bootstrap CI of candidate − baseline lies entirely beyond −tolerance.
 *   Without cases in common with the baseline, or for a metric the baseline lacks, none is applied;
 * - `latency`: with maxP95Ms, the provider's p95 summarize time over the cases is at most that.
 */
export function evaluateGates(input: GateInput): GateOutcome[] {
  const cases = toCaseAccess(input.cases);
  const gated = input.gated ?? gatedMetrics(input.metrics);
  const gates: GateOutcome[] = [errorsGate(cases, gated)];
  for (const metric of input.metrics) {
    const threshold = input.thresholds[metric];
    if (threshold === undefined) continue;
    const { format } = describeMetric(metric).render;
    const mean = input.aggregate[metric]?.mean ?? 0;
    const passed = meetsThreshold(describeMetric(metric).direction, mean, threshold);
    const side =
      describeMetric(metric).direction === 'higher' ? ['at or above', 'below'] : ['at or below', 'above'];
    gates.push({
      kind: 'threshold',
      metric,
      passed,
      value: mean,
      limit: threshold,
      message: `${metric} mean ${format(mean)} is ${passed ? side[0] : side[1]} the threshold ${format(threshold)}`,
    });
  }
  const baseline = input.baseline;
  if (baseline && baseline.paired > 0) {
    for (const metric of gated) {
      const delta = baseline.deltas[metric];
      if (!delta) continue;
      const { formatDelta, format } = describeMetric(metric).render;
      const direction = describeMetric(metric).direction;
      const end = favourableEnd(direction, delta);
      const regressed = isWorseBy(direction, end, input.tolerance);
      const ci = `Δ ${formatDelta(delta.mean)} [${formatDelta(delta.low)}, ${formatDelta(delta.high)}]`;
      gates.push({
        kind: 'regression',
        metric,
        passed: !regressed,
        value: end,
        limit: describeMetric(metric).direction === 'higher' ? -input.tolerance : input.tolerance,
        message: regressed
          ? `${metric} regressed significantly: ${ci} lies entirely ${describeMetric(metric).direction === 'higher' ? `below −${format(input.tolerance)}` : `above +${format(input.tolerance)}`} (tolerance) over ${baseline.paired} paired cases`
          : `${metric} ${ci}: no significant regression beyond ${format(input.tolerance)} over ${baseline.paired} paired cases`,
      });
    }
  }
  if (input.maxP95Ms !== undefined) gates.push(latencyGate(input.latency, input.maxP95Ms));
  return gates;
}

function errorsGate(cases: CaseAccess, gated: readonly Metric[]): GateOutcome {
  const errored = erroredCaseIds(cases);
  const unscored: string[] = [];
  for (let position = 0; position < cases.size; position++) {
    const missing = gated.filter((m) => cases.metricError(position, m) !== undefined);
    if (missing.length > 0) unscored.push(`${cases.id(position)} (${missing.join(', ')})`);
  }
  const failed = errored.length + unscored.length;
  const parts: string[] = [];
  if (errored.length > 0)
    parts.push(
      `${errored.length} of ${cases.size} cases errored (${listIds(errored, 5)}); an errored case fails the run`,
    );
  if (unscored.length > 0)
    parts.push(
      `${unscored.length} case${unscored.length === 1 ? ' has' : 's have'} a gated metric that could not be computed: ${listIds(unscored, 5)}`,
    );
  return {
    kind: 'errors',
    passed: failed === 0,
    value: failed,
    limit: 0,
    message: failed === 0 ? `all ${cases.size} cases were summarized and scored` : parts.join('; '),
  };
}

function latencyGate(latency: LatencySummary | undefined, maxP95Ms: number): GateOutcome {
  if (!latency)
    return {
      kind: 'latency',
      passed: false,
      value: 0,
      limit: maxP95Ms,
      message: `no case was summarized, so the p95 latency cannot be held to ${maxP95Ms} ms`,
    };
  const passed = latency.p95Ms <= maxP95Ms;
  return {
    kind: 'latency',
    passed,
    value: latency.p95Ms,
    limit: maxP95Ms,
    message: `p95 summarize latency ${Math.round(latency.p95Ms)} ms over ${latency.cases} cases is ${passed ? 'within' : 'above'} the limit of ${maxP95Ms} ms`,
  };
}

/** Parses `rouge1=0.30` or `faithfulness=0.9` (a fraction of 1; the report's points are ×100). */
export function parseThreshold(spec: string): [Metric, number] {
  const match = /^([A-Za-z0-9-]+)\s*=\s*(.+)$/.exec(spec.trim());
  const hint = `expected METRIC=VALUE with METRIC one of ${METRICS.join(', ')} and VALUE a fraction in [0, 1], e.g. rouge1=0.30 or faithfulness=0.9`;
  if (!match) throw new GateConfigError('threshold', spec, hint);
  const name = match[1] ?? '';
  if (!isMetric(name)) throw new GateConfigError('threshold', spec, `unknown metric "${name}"; ${hint}`);
  const value = Number(match[2]);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new GateConfigError(
      'threshold',
      spec,
      `${match[2]} is not in [0, 1] (ROUGE 30 points is 0.30); ${hint}`,
    );
  }
  return [name, value];
}

export function parseTolerance(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new GateConfigError(
      'tolerance',
      text,
      'expected a fraction in [0, 1], e.g. 0.01 for one ROUGE point',
    );
  }
  return value;
}
