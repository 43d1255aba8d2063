/** The ROUGE variants sumops reports and gates on; rougeL (whole text) and rougeLsum (per line) are both kept. */
export const METRICS = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;
export type Metric = (typeof METRICS)[number];

export interface Score {
  precision: number;
  recall: number;
  fmeasure: number;
}

/** A mean and its bootstrap confidence interval, all as fractions (0..1; deltas -1..1). */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export type MetricIntervals = Record<Metric, Interval>;

export interface ProviderInfo {
  /** `embedded`, `space`, … as reported by the summarizer. */
  name: string;
  model: string;
  /** The Space id or URL when the provider is a Space. */
  space?: string;
}

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

export interface CaseResult {
  id: string;
  tags: string[];
  origin: string;
  references: string[];
  /** The summary, one sentence per line; absent when the case errored. */
  summary?: string;
  scores?: Record<Metric, Score>;
  /** Why this case produced no score (load or summarizer failure). */
  error?: string;
  durationMs: number;
}

export interface EvalSettings {
  stemmer: boolean;
  seed: number;
  confidence: number;
  bootstrapSamples: number;
  sentences?: number;
  maxWords?: number;
  concurrency: number;
  metrics: Metric[];
}

export type GateKind = 'threshold' | 'regression' | 'errors';

export interface GateOutcome {
  kind: GateKind;
  metric?: Metric;
  passed: boolean;
  /** One human sentence, e.g. "rouge1 mean 28.10 is below the threshold 30.00". */
  message: string;
  /** The measured value (mean, delta CI high, or number of errored cases). */
  value: number;
  /** The bar it was compared with (threshold, −tolerance, or 0 errors). */
  limit: number;
}

export interface BaselineComparison {
  source: { kind: 'file'; path: string } | { kind: 'provider' };
  provider: ProviderInfo;
  gitSha?: string;
  createdAt?: string;
  /** Baseline means over the cases both sides scored. */
  aggregate: MetricIntervals;
  /** Candidate − baseline, paired bootstrap over the cases both sides scored. */
  deltas: MetricIntervals;
  /** Number of cases both sides scored. */
  paired: number;
  onlyCandidate: string[];
  onlyBaseline: string[];
  /** Per-case baseline F and summary (for previews and worst-delta sorting). */
  cases: { id: string; fmeasure: Record<Metric, number>; summary?: string }[];
  /** Things a reader should know, e.g. the baseline used a different stemmer setting. */
  notes: string[];
}

/** What one evaluation run produced; written as scores.json and accepted back as a `--baseline`. */
export interface EvalResult {
  format: typeof SCORES_FORMAT;
  version: 1;
  /** False when a gate failed or any case errored (see `gates`). */
  passed: boolean;
  createdAt: string;
  gitSha?: string;
  provider: ProviderInfo;
  settings: EvalSettings;
  fixtures: string[];
  /** The whole fixture set the cases came from; equal hashes mean the same measurement (see shard.ts). */
  fixtureSet?: FixtureSetInfo;
  /** Only in one shard's file (`eval --shard K/N`); a merged or unsharded result has none. */
  shard?: ShardInfo;
  /** Mean F-measure per metric with its bootstrap CI, over the cases that scored. */
  aggregate: MetricIntervals;
  cases: CaseResult[];
  baseline?: BaselineComparison;
  gates: GateOutcome[];
}

export interface FixtureSetInfo {
  hash: string;
  /** Cases in the whole set (all shards together). */
  cases: number;
}

export interface ShardInfo {
  /** 1-based. */
  index: number;
  count: number;
  /** Every case id of the whole set in load order: the canonical order a merge restores. */
  ids: string[];
}

export const SCORES_FORMAT = 'sumops-eval-scores';
