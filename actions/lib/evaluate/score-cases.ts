import pLimit from 'p-limit';
import { errorMessage } from '#lib/errors';
import type { Clock } from '#lib/log';
import { summarizeDocument } from '#lib/summarize/summarize-document';
import type { Summarizer } from '#lib/summarize/types';
import type { Metric } from './metrics/registry';
import type { CaseSource, MetricScorer, ScoringInput } from './scorers';
import type { CaseResult, CaseScores, EvalCase } from './types';

export interface ScoreCasesOptions {
  concurrency: number;
  metrics: readonly Metric[];
  scorers: readonly MetricScorer[];
  sentences?: number;
  maxWords?: number;
}

export interface ScoreCasesDeps {
  clock: Clock;
  /** The case's source (the text to summarize and to score faithfulness against). */
  source: (evalCase: EvalCase) => Promise<CaseSource>;
  /** Called once this side is done with a case's source, so it is held no longer than needed. */
  release?: (evalCase: EvalCase) => void;
  /** Called after each case, successful or not. */
  onCaseDone?: (result: CaseResult) => void;
  /** Turns a case's failure into its `error` line; defaults to the message. */
  describeError?: (error: unknown) => string;
  /** Why the run is stopping (a wrong judge key): cases not yet started are then skipped, not summarized. */
  stopped?: () => Error | undefined;
}

/**
 * Summarizes and scores every case with at most `concurrency` in flight. A case that fails to load or summarize
 * becomes a CaseResult with `error`; it never stops the others. Results keep the input order.
 */
export async function scoreCases(
  cases: readonly EvalCase[],
  summarizer: Summarizer,
  options: ScoreCasesOptions,
  deps: ScoreCasesDeps,
): Promise<CaseResult[]> {
  const limit = pLimit(Math.max(1, options.concurrency));
  const describe = deps.describeError ?? errorMessage;
  return Promise.all(
    cases.map((evalCase) =>
      limit(async (): Promise<CaseResult> => {
        const started = deps.clock.now();
        const base = {
          id: evalCase.id,
          tags: evalCase.tags,
          origin: evalCase.origin,
          references: evalCase.references,
        };
        let result: CaseResult;
        try {
          const stop = deps.stopped?.();
          if (stop) throw stop;
          const source = await deps.source(evalCase);
          const summarizing = deps.clock.now();
          const summary = await summarizeDocument(source.text, summarizer, {
            sentences: options.sentences,
            maxWords: options.maxWords,
          });
          const latencyMs = deps.clock.now() - summarizing;
          // rougeLsum compares line by line, so the prediction is scored one sentence per line, like the references.
          const prediction = summary.sentences.join('\n');
          const input = { id: evalCase.id, summary: prediction, references: evalCase.references, source };
          const { scores, metricErrors } = await scoreCase(input, options, describe);
          result = {
            ...base,
            summary: prediction,
            scores,
            ...(metricErrors ? { metricErrors } : {}),
            latencyMs,
            durationMs: 0,
          };
        } catch (error) {
          result = { ...base, error: describe(error), durationMs: 0 };
        } finally {
          deps.release?.(evalCase);
        }
        result.durationMs = deps.clock.now() - started;
        deps.onCaseDone?.(result);
        return result;
      }),
    ),
  );
}

/** Every scorer's values, in the run's metric order; a scorer that throws leaves its metrics in metricErrors. */
async function scoreCase(
  input: ScoringInput,
  options: ScoreCasesOptions,
  describe: (error: unknown) => string,
): Promise<{ scores: CaseScores; metricErrors?: Partial<Record<Metric, string>> }> {
  const values: Partial<CaseScores> = {};
  const errors: Partial<Record<Metric, string>> = {};
  for (const scorer of options.scorers) {
    try {
      Object.assign(values, await scorer.score(input));
    } catch (error) {
      for (const metric of scorer.metrics) errors[metric] = describe(error);
    }
  }
  const scores: Partial<CaseScores> = {};
  const metricErrors: Partial<Record<Metric, string>> = {};
  for (const metric of options.metrics) {
    const value = (values as Record<string, unknown>)[metric];
    if (value !== undefined) (scores as Record<string, unknown>)[metric] = value;
    else metricErrors[metric] = errors[metric] ?? 'no value was computed';
  }
  return Object.keys(metricErrors).length > 0 ? { scores, metricErrors } : { scores };
}
