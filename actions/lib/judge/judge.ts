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
import pLimit from 'p-limit';
import { errorMessage } from '#lib/errors';
import type { Logger } from '#lib/log';
import { createOpenAIChat, inputBudgetWords, openAISummarizerOver } from '#lib/summarize/openai';
import type { OpenAIChat } from '#lib/summarize/openai';
import { EmptyCompletionError } from '#lib/summarize/openai-errors';
import { countWords } from '#lib/text/words';
import { openJudgeCache, sha256 } from './cache';
import type { JudgeCacheKey } from './cache';
import { sourceFitter } from './condense';
import type { SourceFitter } from './condense';
import { JudgeSettingError, failureKindOf, settingErrorOf } from './errors';
import { JUDGE_PROMPT_VERSION, JUDGE_PROMPT_WORDS, renderJudgePrompt } from './prompt';
import type { JudgePrompt } from './prompt';
import { JUDGE_RESPONSE_FORMAT, parseJudgeAnswer } from './schema';
import type { JudgeAnswer } from './schema';
import { emptySummaryScores, scoreAnswer } from './scores';
import { resolveJudgeSettings } from './settings';
import type { JudgeDeps, JudgeSettings } from './settings';
import type { FailedCase, JudgeCase, JudgeCaseResult, JudgeFailureKind, JudgeRun, ScoredCase } from './types';

/** Fewest words of source and summary a context must leave beside the judge's prompt and answer. */
const MIN_JUDGE_BUDGET_WORDS = 200;

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
  const s = resolveJudgeSettings(settings);
  const { baseUrl, model } = s;
  const budgetWords = inputBudgetWords(s.contextTokens, s.maxOutputTokens) - JUDGE_PROMPT_WORDS;
  if (budgetWords < MIN_JUDGE_BUDGET_WORDS)
    throw new JudgeSettingError(
      'contextTokens',
      undefined,
      baseUrl,
      model,
      `a judge context of ${s.contextTokens} tokens leaves ${Math.max(0, budgetWords)} words for source and summary ` +
        `beside the prompt and ${s.maxOutputTokens} output tokens; at least ${MIN_JUDGE_BUDGET_WORDS} are needed`,
    );
  const cache = s.cacheDir ? openJudgeCache(s.cacheDir, deps.logger) : undefined;
  const start = deps.clock.now();
  let cacheHits = 0;

  // Made on the first call, so a run answered from the cache needs neither a key nor a connection.
  let endpoint: { chat: OpenAIChat; fitter: SourceFitter } | undefined;
  const connect = () => {
    if (!endpoint) {
      const chat = createOpenAIChat({
        baseUrl,
        model,
        ...(s.apiKey ? { apiKey: s.apiKey } : {}),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        logger: deps.logger,
        clock: deps.clock,
        contextTokens: s.contextTokens,
        maxOutputTokens: s.maxOutputTokens,
        retries: s.retries,
        maxRetryAfterMs: s.maxRetryAfterMs,
        timeoutMs: s.timeoutMs,
        concurrency: s.concurrency,
      });
      endpoint = { chat, fitter: sourceFitter(openAISummarizerOver(chat), budgetWords, s.maxSourceWords) };
    }
    return endpoint;
  };

  const judgeOne = async (judgeCase: JudgeCase): Promise<JudgeCaseResult> => {
    const { id, source, summary } = judgeCase;
    if (summary.trim() === '') return scored(id, emptySummaryScores(), false, false);
    const key: JudgeCacheKey = {
      promptVersion: JUDGE_PROMPT_VERSION,
      model,
      sourceSha256: sha256(source),
      summarySha256: sha256(summary),
    };
    const hit = await cache?.read(key);
    if (hit) {
      cacheHits++;
      deps.logger.debug(`judge: ${id}: from the cache`);
      return scored(id, scoreAnswer(hit.answer), hit.condensed, true);
    }
    if (deps.clock.now() - start > s.maxTotalMs)
      return failed(
        id,
        'time-budget',
        `the judge's time budget of ${s.maxTotalMs} ms was spent before this case`,
      );
    try {
      const { chat, fitter } = connect();
      const judged = await fitter.fit(source, key.sourceSha256, countWords(summary));
      if (judged.condensed)
        deps.logger.info(`judge: ${id}: the source does not fit; judging its condensation`);
      const answer = await ask(
        chat,
        id,
        renderJudgePrompt(judged.text, summary, judged.condensed),
        deps.logger,
      );
      if (typeof answer === 'string') return failed(id, 'invalid-answer', answer);
      await cache?.write(key, { answer, condensed: judged.condensed });
      return scored(id, scoreAnswer(answer), judged.condensed, false);
    } catch (error) {
      const settingError = settingErrorOf(error, baseUrl, model);
      if (settingError) throw settingError;
      const kind = failureKindOf(error);
      if (!kind) throw error;
      return failed(id, kind, errorMessage(error));
    }
  };

  const limit = pLimit(s.concurrency);
  let stop: JudgeSettingError | undefined;
  let done = 0;
  const results = await Promise.all(
    cases.map((judgeCase) =>
      limit(async () => {
        if (stop) return undefined;
        try {
          return await judgeOne(judgeCase);
        } catch (error) {
          if (!(error instanceof JudgeSettingError)) throw error;
          stop ??= error;
          return undefined;
        } finally {
          deps.onProgress?.(++done, cases.length);
        }
      }),
    ),
  );
  if (stop) throw stop;
  const usage = endpoint?.chat.usage;
  return {
    promptVersion: JUDGE_PROMPT_VERSION,
    baseUrl,
    model,
    cases: results.filter((result) => result !== undefined),
    usage: {
      calls: usage?.calls ?? 0,
      cacheHits,
      promptTokens: usage?.promptTokens ?? 0,
      completionTokens: usage?.completionTokens ?? 0,
    },
  };
}

/** The validated answer, or (after one more try) why the last one was invalid. */
async function ask(
  chat: OpenAIChat,
  id: string,
  prompt: JudgePrompt,
  logger: Logger,
): Promise<JudgeAnswer | string> {
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    try {
      const parsed = parseJudgeAnswer(
        await chat.complete({ ...prompt, responseFormat: JUDGE_RESPONSE_FORMAT }),
      );
      if (parsed.ok) return parsed.answer;
      reason = parsed.reason;
    } catch (error) {
      // A reasoning model that spent its output budget answered nothing: invalid, like a malformed answer.
      if (!(error instanceof EmptyCompletionError)) throw error;
      reason = error.message;
    }
    if (attempt === 2) return `the judge's answer was invalid twice: ${reason}`;
    logger.warn(`judge: ${id}: ${reason}; asking once more`);
  }
}

function scored(
  id: string,
  scores: Pick<ScoredCase, 'metrics' | 'claims'>,
  condensed: boolean,
  cached: boolean,
): ScoredCase {
  return { id, status: 'scored', ...scores, condensed, cached };
}

function failed(id: string, kind: JudgeFailureKind, reason: string): FailedCase {
  return { id, status: 'error', kind, reason };
}
