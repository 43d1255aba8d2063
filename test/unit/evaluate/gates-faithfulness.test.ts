import { describe, expect, it } from 'vitest';
import { aggregateCases } from '#lib/evaluate/aggregate';
import { toCaseAccess } from '#lib/evaluate/case-access';
import type { CaseResult, MetricIntervals } from '#lib/evaluate/index';
import { evaluateGates, METRICS } from '#lib/evaluate/index';

// The gates every metric shares (gates.test.ts) applied to faithfulness, to a metric a scorer could not compute,
// and to the summarize latency.

const score = (f: number) => ({ precision: f, recall: f, fmeasure: f });
const okCases: CaseResult[] = [
  {
    id: 'a',
    tags: [],
    origin: 'f:1',
    references: ['r'],
    summary: 's',
    scores: {
      rouge1: score(0.4),
      rouge2: score(0.2),
      rougeL: score(0.3),
      rougeLsum: score(0.35),
      faithfulness: { value: 0.95, sentences: [] },
    },
    durationMs: 1,
  },
];
const aggregate: MetricIntervals = aggregateCases(toCaseAccess(okCases), METRICS, {
  samples: 1000,
  confidence: 0.95,
  seed: 1,
});

describe('faithfulness, metric errors and latency', () => {
  it('applies a faithfulness threshold like a ROUGE one', () => {
    const [, gate] = evaluateGates({
      aggregate,
      cases: okCases,
      metrics: METRICS,
      thresholds: { faithfulness: 0.96 },
      tolerance: 0.01,
    });
    expect(gate).toMatchObject({ kind: 'threshold', metric: 'faithfulness', passed: false, limit: 0.96 });
    expect(gate?.message).toBe('faithfulness mean 95.00 is below the threshold 96.00');
  });

  it('fails the errors gate when a gated metric could not be computed for a case, naming it and the metric', () => {
    const cases: CaseResult[] = [
      ...okCases,
      {
        id: 'judged',
        tags: [],
        origin: 'f:3',
        references: ['r'],
        summary: 's',
        scores: { rouge1: score(0.4), rouge2: score(0.2), rougeL: score(0.3), rougeLsum: score(0.3) },
        metricErrors: { faithfulness: 'scorer crashed' },
        durationMs: 1,
      },
    ];
    const [errors] = evaluateGates({ aggregate, cases, metrics: METRICS, thresholds: {}, tolerance: 0.01 });
    expect(errors).toMatchObject({ kind: 'errors', passed: false, value: 1 });
    expect(errors?.message).toBe(
      '1 case has a gated metric that could not be computed: judged (faithfulness)',
    );
    // A metric the run does not gate on may go without a value.
    const [lenient] = evaluateGates({
      aggregate,
      cases,
      metrics: METRICS,
      gated: ['rouge1'],
      thresholds: {},
      tolerance: 0.01,
    });
    expect(lenient?.passed).toBe(true);
  });

  it('gates the p95 summarize latency only when a limit is given', () => {
    const latency = { cases: 20, p50Ms: 400, p95Ms: 1800 };
    const base = { aggregate, cases: okCases, metrics: METRICS, thresholds: {}, tolerance: 0.01, latency };
    expect(evaluateGates(base).some((g) => g.kind === 'latency')).toBe(false);
    const over = evaluateGates({ ...base, maxP95Ms: 1500 }).at(-1);
    expect(over).toMatchObject({ kind: 'latency', passed: false, value: 1800, limit: 1500 });
    expect(over?.message).toBe('p95 summarize latency 1800 ms over 20 cases is above the limit of 1500 ms');
    expect(evaluateGates({ ...base, maxP95Ms: 1800 }).at(-1)?.passed).toBe(true);
    const unmeasured = evaluateGates({ ...base, latency: undefined, maxP95Ms: 1800 }).at(-1);
    expect(unmeasured).toMatchObject({ kind: 'latency', passed: false });
  });
});
