import { describe, expect, it } from 'vitest';
import { aggregateCases, comparePaired } from '#lib/evaluate/aggregate';
import { toCaseAccess } from '#lib/evaluate/case-access';
import type { BaselineComparison, CaseResult, Metric, MetricIntervals } from '#lib/evaluate/index';
import { evaluateGates, GateConfigError, METRICS, parseThreshold, parseTolerance } from '#lib/evaluate/index';
import type { Interval } from '#lib/evaluate/types';
import { seededRandom } from '#lib/stats/index';

const bootstrap = { samples: 1000, confidence: 0.95, seed: 1 };

function uniform(value: number): Record<Metric, number> {
  return Object.fromEntries(METRICS.map((metric) => [metric, value])) as Record<Metric, number>;
}

/** The interval of `metric`, which the comparison must have. */
function of(intervals: MetricIntervals, metric: Metric): Interval {
  const interval = intervals[metric];
  if (!interval) throw new Error(`no interval for ${metric}`);
  return interval;
}

/**
 * Baseline scores for n cases around 0.4, and a candidate = baseline + shift + symmetric noise; `shifts` moves
 * single metrics by their own amount instead.
 */
function scenario(
  n: number,
  shift: number,
  noise: number,
  shifts: Partial<Record<Metric, number>> = {},
): BaselineComparison {
  const random = seededRandom(7);
  const baseline = new Map<string, Partial<Record<Metric, number>>>();
  const candidate = new Map<string, Partial<Record<Metric, number>>>();
  for (let i = 0; i < n; i++) {
    const base = 0.3 + 0.2 * random();
    const jitter = (i % 2 === 0 ? 1 : -1) * noise * random();
    baseline.set(`c${i}`, uniform(base));
    const moved = uniform(base + shift + jitter);
    for (const [metric, by] of Object.entries(shifts)) moved[metric as Metric] = base + by + jitter;
    candidate.set(`c${i}`, moved);
  }
  const paired = comparePaired(candidate, baseline, METRICS, bootstrap);
  return {
    source: { kind: 'provider' },
    provider: { name: 'embedded', model: 'm' },
    aggregate: paired.baseline,
    deltas: paired.deltas,
    missingMetrics: [],
    paired: paired.paired.length,
    onlyCandidate: paired.onlyCandidate,
    onlyBaseline: paired.onlyBaseline,
    cases: [],
    notes: [],
  };
}

const okCases: CaseResult[] = [{ id: 'a', tags: [], origin: 'f:1', references: ['r'], durationMs: 1 }].map(
  (c) => ({
    ...c,
    summary: 's',
    scores: {
      rouge1: score(0.4),
      rouge2: score(0.2),
      rougeL: score(0.3),
      rougeLsum: score(0.35),
      faithfulness: { value: 0.95, sentences: [] },
    },
  }),
);

function score(f: number): { precision: number; recall: number; fmeasure: number } {
  return { precision: f, recall: f, fmeasure: f };
}

const aggregate: MetricIntervals = aggregateCases(toCaseAccess(okCases), METRICS, bootstrap);

describe('threshold gates', () => {
  it('passes at or above the threshold and fails below it, with a message in points', () => {
    const gates = evaluateGates({
      aggregate,
      cases: okCases,
      metrics: METRICS,
      thresholds: { rouge1: 0.4, rouge2: 0.25 },
      tolerance: 0.01,
    });
    const r1 = gates.find((g) => g.kind === 'threshold' && g.metric === 'rouge1');
    const r2 = gates.find((g) => g.kind === 'threshold' && g.metric === 'rouge2');
    expect(r1?.passed).toBe(true);
    expect(r2?.passed).toBe(false);
    expect(r2?.message).toBe('rouge2 mean 20.00 is below the threshold 25.00');
    expect(gates.filter((g) => g.kind === 'threshold')).toHaveLength(2);
  });

  it('fails the errors gate when any case errored, naming it', () => {
    const cases: CaseResult[] = [
      ...okCases,
      { id: 'broken', tags: [], origin: 'f:2', references: ['r'], error: 'timeout', durationMs: 5 },
    ];
    const [errors] = evaluateGates({ aggregate, cases, metrics: METRICS, thresholds: {}, tolerance: 0.01 });
    expect(errors).toMatchObject({ kind: 'errors', passed: false, value: 1 });
    expect(errors?.message).toContain('1 of 2 cases errored (broken)');
  });
});

describe('significant regression gate', () => {
  it('fails when the paired CI lies entirely below −tolerance', () => {
    const baseline = scenario(30, -0.05, 0.02);
    expect(of(baseline.deltas, 'rouge1').high).toBeLessThan(-0.01);
    const gates = evaluateGates({
      aggregate,
      cases: okCases,
      baseline,
      metrics: METRICS,
      thresholds: {},
      tolerance: 0.01,
    });
    const regression = gates.filter((g) => g.kind === 'regression');
    // Every metric that gates by default: the four ROUGE variants and faithfulness, not the judge's.
    expect(regression.map((g) => g.metric)).toEqual([
      'rouge1',
      'rouge2',
      'rougeL',
      'rougeLsum',
      'faithfulness',
    ]);
    expect(regression.every((g) => !g.passed)).toBe(true);
    expect(regression[0]?.message).toMatch(
      /^rouge1 regressed significantly: Δ −5\.\d\d \[−\d\.\d\d, −\d\.\d\d\] lies entirely below −1\.00/,
    );
  });

  it('passes when the CI straddles zero (noise, no shift)', () => {
    const baseline = scenario(30, 0, 0.05);
    expect(of(baseline.deltas, 'rouge1').low).toBeLessThan(0);
    expect(of(baseline.deltas, 'rouge1').high).toBeGreaterThan(0);
    const gates = evaluateGates({
      aggregate,
      cases: okCases,
      baseline,
      metrics: METRICS,
      thresholds: {},
      tolerance: 0.01,
    });
    expect(gates.every((g) => g.passed)).toBe(true);
  });

  it('tolerates a small but certain drop within the tolerance, and fails it with tolerance 0', () => {
    const baseline = scenario(30, -0.005, 0.001);
    expect(of(baseline.deltas, 'rouge1').high).toBeLessThan(0);
    expect(of(baseline.deltas, 'rouge1').high).toBeGreaterThan(-0.01);
    const lenient = evaluateGates({
      aggregate,
      cases: okCases,
      baseline,
      metrics: METRICS,
      thresholds: {},
      tolerance: 0.01,
    });
    expect(lenient.filter((g) => g.kind === 'regression').every((g) => g.passed)).toBe(true);
    const strict = evaluateGates({
      aggregate,
      cases: okCases,
      baseline,
      metrics: METRICS,
      thresholds: {},
      tolerance: 0,
    });
    expect(strict.filter((g) => g.kind === 'regression').every((g) => !g.passed)).toBe(true);
  });

  it('applies no regression gate without cases in common', () => {
    const baseline = { ...scenario(5, -0.2, 0), paired: 0 };
    const gates = evaluateGates({
      aggregate,
      cases: okCases,
      baseline,
      metrics: METRICS,
      thresholds: {},
      tolerance: 0.01,
    });
    expect(gates.some((g) => g.kind === 'regression')).toBe(false);
  });

  it('pairs by id and reports cases only on one side', () => {
    const candidate = new Map([
      ['a', uniform(0.5)],
      ['b', uniform(0.4)],
    ]);
    const base = new Map([
      ['b', uniform(0.3)],
      ['c', uniform(0.2)],
    ]);
    const paired = comparePaired(candidate, base, METRICS, bootstrap);
    expect(paired).toMatchObject({ paired: ['b'], onlyCandidate: ['a'], onlyBaseline: ['c'] });
    expect(of(paired.deltas, 'rouge1').mean).toBeCloseTo(0.1, 10);
    expect(of(paired.baseline, 'rouge1').mean).toBeCloseTo(0.3, 10);
  });

  it('fails faithfulness alone when only it dropped beyond the tolerance', () => {
    // ROUGE loses half a point (inside a 10-point tolerance), faithfulness 30 points.
    const baseline = scenario(30, -0.005, 0.02, { faithfulness: -0.3 });
    const gates = evaluateGates({
      aggregate,
      cases: okCases,
      baseline,
      metrics: METRICS,
      thresholds: {},
      tolerance: 0.1,
    });
    const failed = gates.filter((g) => !g.passed);
    expect(failed.map((g) => [g.kind, g.metric])).toEqual([['regression', 'faithfulness']]);
    expect(failed[0]?.message).toMatch(/^faithfulness regressed significantly: Δ −30\.\d\d .* below −10\.00/);
  });

  it('applies no regression gate to a metric the baseline has no values for', () => {
    const baseline = scenario(30, -0.05, 0.02);
    delete baseline.deltas.faithfulness;
    delete baseline.aggregate.faithfulness;
    const gates = evaluateGates({
      aggregate,
      cases: okCases,
      baseline: { ...baseline, missingMetrics: ['faithfulness'] },
      metrics: METRICS,
      thresholds: {},
      tolerance: 0.01,
    });
    expect(gates.filter((g) => g.kind === 'regression').map((g) => g.metric)).toEqual([
      'rouge1',
      'rouge2',
      'rougeL',
      'rougeLsum',
    ]);
  });
});

describe('parsing gate options', () => {
  it('parses METRIC=fraction', () => {
    expect(parseThreshold('rouge1=0.30')).toEqual(['rouge1', 0.3]);
    expect(parseThreshold(' rougeLsum = 0.25 ')).toEqual(['rougeLsum', 0.25]);
    expect(parseThreshold('faithfulness=0.9')).toEqual(['faithfulness', 0.9]);
  });

  it.each(['rouge1', 'rouge3=0.2', 'rouge1=30', 'rouge1=abc', 'bleu=0.1', 'faithfulness=1.5'])(
    'rejects %s',
    (spec) => {
      expect(() => parseThreshold(spec)).toThrow(GateConfigError);
    },
  );

  it('parses a tolerance fraction and rejects nonsense', () => {
    expect(parseTolerance('0.02')).toBe(0.02);
    expect(() => parseTolerance('-1')).toThrow(/invalid tolerance "-1"/);
    expect(() => parseTolerance('')).toThrow(GateConfigError);
  });
});
