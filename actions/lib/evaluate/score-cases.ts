import pLimit from 'p-limit';
import { errorMessage } from '#lib/errors';
import type { Clock } from '#lib/log';
import { scoreRouge } from '#lib/rouge/index';
import { summarizeDocument } from '#lib/summarize/summarize-document';
import type { Summarizer } from '#lib/summarize/types';
import type { Score } from '#lib/rouge/types';
import type { CaseResult, EvalCase, Metric } from './types';

export interface ScoreCasesOptions {
  concurrency: number;
  stemmer: boolean;
  metrics: readonly Metric[];
  sentences?: number;
  maxWords?: number;
}

export interface ScoreCasesDeps {
  clock: Clock;
  /** The text to summarize for a case; shared between providers so inputs load once. */
  inputText: (evalCase: EvalCase) => Promise<string>;
  /** Called after each case, successful or not. */
  onCaseDone?: (result: CaseResult) => void;
  /** Turns a case's failure into its `error` line; defaults to the message. */
  describeError?: (error: unknown) => string;
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
          const text = await deps.inputText(evalCase);
          const summary = await summarizeDocument(text, summarizer, {
            sentences: options.sentences,
            maxWords: options.maxWords,
          });
          // rougeLsum compares line by line, so the prediction is scored one sentence per line, like the references.
          const prediction = summary.sentences.join('\n');
          result = {
            ...base,
            summary: prediction,
            scores: scoreCase(prediction, evalCase.references, options),
            durationMs: 0,
          };
        } catch (error) {
          result = { ...base, error: (deps.describeError ?? errorMessage)(error), durationMs: 0 };
        }
        result.durationMs = deps.clock.now() - started;
        deps.onCaseDone?.(result);
        return result;
      }),
    ),
  );
}

function scoreCase(
  prediction: string,
  references: string[],
  options: ScoreCasesOptions,
): Record<Metric, Score> {
  const scores = scoreRouge(prediction, references, { types: options.metrics, stemmer: options.stemmer });
  const out = {} as Record<Metric, Score>;
  for (const metric of options.metrics)
    out[metric] = scores[metric] ?? { precision: 0, recall: 0, fmeasure: 0 };
  return out;
}
