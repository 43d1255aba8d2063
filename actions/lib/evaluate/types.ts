import type { z } from 'zod';
import type { evalResultSchema } from './scores-schema';

/** The ROUGE variants sumops reports and gates on; rougeL (whole text) and rougeLsum (per line) are both kept. */
export const METRICS = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;
export type Metric = (typeof METRICS)[number];

export const SCORES_FORMAT = 'sumops-eval-scores';

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
export type GateOutcome = EvalResult['gates'][number];
export type BaselineComparison = NonNullable<EvalResult['baseline']>;
export type ProviderInfo = EvalResult['provider'];
/** A mean and its bootstrap confidence interval, all as fractions (0..1; deltas -1..1), per metric. */
export type MetricIntervals = EvalResult['aggregate'];
export type EvalSettings = EvalResult['settings'];
/** The whole fixture set the cases came from; equal hashes mean the same measurement (see shard.ts). */
export type FixtureSetInfo = NonNullable<EvalResult['fixtureSet']>;
/** Only in one shard's file (`eval --shard K/N`); a merged or unsharded result has none. */
export type ShardInfo = NonNullable<EvalResult['shard']>;
