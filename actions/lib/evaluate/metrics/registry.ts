import type { z } from 'zod';
import type { MetricDescription } from './description';
import { FAITHFULNESS_DESCRIPTION } from './faithfulness';
import { JUDGE_DESCRIPTIONS } from './judge';
import { ROUGE_DESCRIPTIONS } from './rouge';

/**
 * Every metric sumops knows, in the order tables show them. A metric added here travels the one path every metric
 * takes: the scores.json schema, aggregates and bootstrap CIs, paired deltas, gates, the shard merge, the history,
 * the trend and the report. How a case's value is computed is in ../scorers.ts.
 */
export const METRIC_DESCRIPTIONS = [
  ...ROUGE_DESCRIPTIONS,
  FAITHFULNESS_DESCRIPTION,
  ...JUDGE_DESCRIPTIONS,
] as const;

type Description = (typeof METRIC_DESCRIPTIONS)[number];
export type Metric = Description['name'];

export const METRICS = METRIC_DESCRIPTIONS.map((d) => d.name) as [Metric, ...Metric[]];
export const ROUGE_METRICS = ROUGE_DESCRIPTIONS.map((d) => d.name);
/** What an evaluation computes without being asked. */
export const DEFAULT_METRICS: Metric[] = METRIC_DESCRIPTIONS.filter((d) => d.computed === 'always').map(
  (d) => d.name,
);

const BY_NAME = new Map<string, Description>(METRIC_DESCRIPTIONS.map((d) => [d.name, d]));

export function isMetric(name: string): name is Metric {
  return BY_NAME.has(name);
}

/** The description of a metric, with its value type erased (for code that treats every metric alike). */
export function describeMetric(metric: Metric): MetricDescription<Metric, z.ZodType<unknown>> {
  return BY_NAME.get(metric) as unknown as MetricDescription<Metric, z.ZodType<unknown>>;
}

/** The number a case's stored value of `metric` contributes (ROUGE: its F-measure). */
export function metricNumber(metric: Metric, value: unknown): number {
  return describeMetric(metric).value(value);
}
