import { SumopsError } from '#lib/errors';
import { prepareSource, scoreFaithfulness } from '#lib/faithfulness/index';
import type { FaithfulnessSource } from '#lib/faithfulness/index';
import { scoreRouge } from '#lib/rouge/index';
import type { Metric } from './metrics/registry';
import { ROUGE_METRICS } from './metrics/registry';
import type { CaseScores } from './types';

/** A case's source text, and what scorers derive from it once per case (shared by both sides of a comparison). */
export interface CaseSource {
  readonly text: string;
  prepared<T>(key: string, make: (text: string) => T): T;
}

export interface ScoringInput {
  /** The case's id (for the scorer's log lines). */
  id: string;
  /** One sentence per line. */
  summary: string;
  references: readonly string[];
  source: CaseSource;
}

/**
 * How the values of some metrics are computed for one case. A scorer that throws leaves its metrics without a value
 * for that case, with the error in the case's `metricErrors`; the other scorers' values stand.
 */
export interface MetricScorer {
  readonly metrics: readonly Metric[];
  score(input: ScoringInput): Partial<CaseScores> | Promise<Partial<CaseScores>>;
}

export interface ScorerOptions {
  /** Porter stemming in ROUGE. */
  stemmer: boolean;
  /** Scorers of on-request metrics the entry set up (the judge's, with its endpoint and key). */
  extra?: readonly MetricScorer[];
}

/** A metric the run was asked for that no scorer computes (an on-request metric whose scorer is not set up). */
class NoScorerError extends SumopsError {
  constructor(readonly metric: Metric) {
    super(`no scorer computes the metric "${metric}"`);
  }
}

function rougeScorer(metrics: readonly Metric[], options: ScorerOptions): MetricScorer {
  const types = ROUGE_METRICS.filter((m) => metrics.includes(m));
  return {
    metrics: types,
    // One call for every ROUGE variant: they share the tokenization.
    score: ({ summary, references }) => {
      const scores = scoreRouge(summary, [...references], { types, stemmer: options.stemmer });
      const out: Partial<CaseScores> = {};
      for (const type of types) out[type] = scores[type] ?? { precision: 0, recall: 0, fmeasure: 0 };
      return out;
    },
  };
}

const faithfulnessScorer: MetricScorer = {
  metrics: ['faithfulness'],
  score: ({ summary, source }) => {
    const prepared = source.prepared<FaithfulnessSource>('faithfulness', prepareSource);
    const result = scoreFaithfulness(prepared, summary);
    return { faithfulness: { value: result.faithfulness, sentences: result.sentences } };
  },
};

/** The scorers that compute `metrics`, each once. Throws NoScorerError for a metric none computes. */
export function scorersFor(metrics: readonly Metric[], options: ScorerOptions): MetricScorer[] {
  const scorers: MetricScorer[] = [];
  if (ROUGE_METRICS.some((m) => metrics.includes(m))) scorers.push(rougeScorer(metrics, options));
  if (metrics.includes('faithfulness')) scorers.push(faithfulnessScorer);
  for (const scorer of options.extra ?? [])
    if (scorer.metrics.some((m) => metrics.includes(m))) scorers.push(scorer);
  for (const metric of metrics)
    if (!scorers.some((s) => s.metrics.includes(metric))) throw new NoScorerError(metric);
  return scorers;
}
