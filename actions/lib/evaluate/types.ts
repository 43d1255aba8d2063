import type { z } from 'zod';
import type { evalResultSchema } from './scores-schema';

export type { Metric } from './metrics/registry';

/** One fixture case as written in a JSONL or YAML file, validated. */
export interface EvalCase {
  id: string;
  input: { kind: 'text'; text: string } | { kind: 'file'; path: string } | { kind: 'url'; url: string };
  /** One or more references; ROUGE takes the best-scoring one per metric. One sentence per line. */
  references: string[];
  tags: string[];
  /** `path:line` of the entry, for error messages. */
  origin: string;
}

// The shapes of scores.json, inferred from its one schema (./scores-schema) so writer and readers agree.
/** What one evaluation run produced; written as scores.json and accepted back as a `--baseline`. */
export type EvalResult = z.infer<typeof evalResultSchema>;
export type CaseResult = EvalResult['cases'][number];
/** A case's values, one per metric of the run (in each metric's own shape). */
export type CaseScores = NonNullable<CaseResult['scores']>;
export type GateOutcome = EvalResult['gates'][number];
export type BaselineComparison = NonNullable<EvalResult['baseline']>;
export type ProviderInfo = EvalResult['provider'];
/** A mean and its bootstrap confidence interval, all as fractions (0..1; deltas -1..1), per metric. */
export type MetricIntervals = EvalResult['aggregate'];
export type Interval = NonNullable<MetricIntervals[keyof MetricIntervals]>;
export type EvalSettings = EvalResult['settings'];
/** The summarize latency over the cases (p50, p95). */
export type LatencySummary = NonNullable<EvalResult['latency']>;
export type TagView = NonNullable<EvalResult['byTag']>;
/** The whole fixture set the cases came from; equal hashes mean the same measurement (see shard.ts). */
export type FixtureSetInfo = NonNullable<EvalResult['fixtureSet']>;
/** What judging cost, and how many sources were condensed for the judge. */
export type JudgeUsage = NonNullable<EvalResult['judge']>;
/** Who judged: the prompt version, the model and the endpoint. */
export type JudgeInfo = NonNullable<EvalSettings['judge']>;
/** Only in one shard's file (`eval --shard K/N`); a merged or unsharded result has none. */
export type ShardInfo = NonNullable<EvalResult['shard']>;
