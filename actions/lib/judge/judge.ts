/**
 * The judge: an OpenAI-compatible model grades each summary against its source on three metrics.
 *
 * Rubric. Faithfulness is judged claim by claim (FActScore, Min et al. 2023; DeepEval's faithfulness metric): the
 * judge splits the summary into atomic claims and says of each whether the source supports it, contradicts it, or
 * does not say it; the metric is the supported share. Factual errors are local (a wrong name, number or role in one
 * sentence), and one 1–5 rating of a whole summary dilutes them; a verdict per claim keeps them visible and gives a
 * reviewer the very claims that failed. Coverage and coherence are properties of the whole summary, so they are
 * G-Eval style ratings (Liu et al. 2023): a rubric with anchored levels from 1 to 5, the reason written before the
 * score, mapped linearly to fractions ((rating − 1) / 4). One call answers all three, with structured output (a
 * strict JSON schema) validated again with zod; an invalid answer is asked for once more, then the case fails.
 *
 * Cost and reproducibility: the prompt is versioned (JUDGE_PROMPT_VERSION), answers are cached by (prompt version,
 * model, source hash, summary hash), so an identical re-run makes no call, and a fully cached run needs no key.
 *
 * Bounds: input within the model's context by the openai provider's budget rule, a longer source judged on its
 * map-reduce condensation (flagged); per-call timeout; 429 and 5xx retried a bounded number of times, honouring a
 * bounded Retry-After; a time budget for the run; a concurrency limit, so one slow call holds one slot only. A wrong
 * key, model or endpoint (JudgeSettingError) stops the run at once instead of failing every case in turn.
 */
import { JudgeSettingError } from './errors';
import { openJudgeSession } from './session';
import type { JudgeDeps, JudgeSettings } from './settings';
import type { JudgeCase, JudgeRun } from './types';

/**
 * Judges every case; returns one result per case, in order, with usage totals. Throws JudgeSettingError (after the
 * calls in flight end, and before any other starts) when the key, model or endpoint is wrong, or the context is too
 * small to judge anything.
 */
export async function judgeCases(
  cases: readonly JudgeCase[],
  settings: JudgeSettings,
  deps: JudgeDeps,
): Promise<JudgeRun> {
  const session = openJudgeSession(settings, deps);
  let done = 0;
  const results = await Promise.all(
    cases.map(async (judgeCase) => {
      try {
        return await session.judge(judgeCase);
      } catch (error) {
        if (!(error instanceof JudgeSettingError)) throw error;
        return undefined;
      } finally {
        deps.onProgress?.(++done, cases.length);
      }
    }),
  );
  if (session.stopped) throw session.stopped;
  return { ...session.summary(), cases: results.filter((result) => result !== undefined) };
}
