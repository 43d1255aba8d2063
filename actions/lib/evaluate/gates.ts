import type { CaseAccess } from './case-access';
import { erroredCaseIds, toCaseAccess } from './case-access';
import { GateConfigError } from './errors';
import { listIds } from './list-ids';
import type { BaselineComparison, CaseResult, GateOutcome, Metric, MetricIntervals } from './types';
import { METRICS } from './types';

/** Default: a regression must be worse than one ROUGE point (CI high < −0.01) to fail the run. */
export const DEFAULT_TOLERANCE = 0.01;

export interface GateInput {
  aggregate: MetricIntervals;
  cases: readonly CaseResult[] | CaseAccess;
  baseline?: BaselineComparison;
  metrics: readonly Metric[];
  /** Minimum mean F (fraction 0..1) per metric. */
  thresholds: Partial<Record<Metric, number>>;
  /** A regression fails only when the delta CI's upper bound is below −tolerance (fraction). */
  tolerance: number;
}

/**
 * Every gate the run is judged by, passing or not:
 * - `errors`: any case that could not be summarized or scored fails the run (a broken provider must not pass by
 *   scoring fewer cases);
 * - `threshold`: mean F ≥ the metric's threshold;
 * - `regression`: fails when the paired bootstrap CI of candidate − baseline lies entirely below −tolerance. Without
 *   cases in common with the baseline there is nothing to compare and no regression gate is applied.
 */
export function evaluateGates(input: GateInput): GateOutcome[] {
  const gates: GateOutcome[] = [];
  const cases = toCaseAccess(input.cases);
  const errored = erroredCaseIds(cases);
  gates.push({
    kind: 'errors',
    passed: errored.length === 0,
    value: errored.length,
    limit: 0,
    message:
      errored.length === 0
        ? `all ${cases.size} cases were summarized and scored`
        : `${errored.length} of ${cases.size} cases errored (${listIds(errored, 5)}); an errored case fails the run`,
  });
  for (const metric of input.metrics) {
    const threshold = input.thresholds[metric];
    if (threshold === undefined) continue;
    const mean = input.aggregate[metric].mean;
    const passed = mean >= threshold;
    gates.push({
      kind: 'threshold',
      metric,
      passed,
      value: mean,
      limit: threshold,
      message: `${metric} mean ${points(mean)} is ${passed ? 'at or above' : 'below'} the threshold ${points(threshold)}`,
    });
  }
  const baseline = input.baseline;
  if (baseline && baseline.paired > 0) {
    for (const metric of input.metrics) {
      const delta = baseline.deltas[metric];
      const regressed = delta.high < -input.tolerance;
      const ci = `Δ ${signedPoints(delta.mean)} [${signedPoints(delta.low)}, ${signedPoints(delta.high)}]`;
      gates.push({
        kind: 'regression',
        metric,
        passed: !regressed,
        value: delta.high,
        limit: -input.tolerance,
        message: regressed
          ? `${metric} regressed significantly: ${ci} lies entirely below −${points(input.tolerance)} (tolerance) over ${baseline.paired} paired cases`
          : `${metric} ${ci}: no significant regression beyond ${points(input.tolerance)} over ${baseline.paired} paired cases`,
      });
    }
  }
  return gates;
}

/** Parses `rouge1=0.30` (a fraction of 1; ROUGE points are ×100). */
export function parseThreshold(spec: string): [Metric, number] {
  const match = /^([A-Za-z0-9]+)\s*=\s*(.+)$/.exec(spec.trim());
  const hint = `expected METRIC=VALUE with METRIC one of ${METRICS.join(', ')} and VALUE a fraction in [0, 1], e.g. rouge1=0.30`;
  if (!match) throw new GateConfigError('threshold', spec, hint);
  const metric = match[1] as Metric;
  if (!METRICS.includes(metric))
    throw new GateConfigError('threshold', spec, `unknown metric "${match[1]}"; ${hint}`);
  const value = Number(match[2]);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new GateConfigError(
      'threshold',
      spec,
      `${match[2]} is not in [0, 1] (ROUGE 30 points is 0.30); ${hint}`,
    );
  }
  return [metric, value];
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

/** A fraction as ROUGE points with two decimals: 0.4213 → "42.13". */
export function points(value: number): string {
  return (value * 100).toFixed(2);
}

/** Like points() with an explicit sign ("+1.20", "−0.50", "±0.00"), using a true minus sign. */
export function signedPoints(value: number): string {
  const text = points(Math.abs(value));
  if (text === '0.00') return '±0.00';
  return `${value < 0 ? '−' : '+'}${text}`;
}
