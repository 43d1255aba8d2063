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
 * One judge for one run, taking cases as they come (an evaluation judges each case once it has its summary; a
 * judge of an earlier evaluation's results loads each source only when its case's turn comes). Calls share one
 * concurrency limit, one cache, the run's condensations and its usage totals.
 */
export interface JudgeSession {
  /**
   * Judges one case, waiting for a free slot. A failure of the case is its result; a JudgeSettingError (wrong key,
   * model, endpoint) is thrown, and so is the same error by every later call, which then makes no request.
   */
  judge(judgeCase: JudgeCase): Promise<JudgeCaseResult>;
  /** The JudgeSettingError that stopped the session, if one did. */
  readonly stopped: JudgeSettingError | undefined;
  /** What judged, and what it has spent so far. */
  summary(): Omit<JudgeRun, 'cases'>;
}

/**
 * Opens a session. Throws JudgeSettingError at once when the context is too small to judge anything; the
 * endpoint is reached only at the first case the cache cannot answer, so a fully cached run needs no key.
 */
export function openJudgeSession(settings: JudgeSettings, deps: JudgeDeps): JudgeSession {
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
  let stopped: JudgeSettingError | undefined;

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
      const settingError = settingErrorOf(error, baseUrl, model, s.keySource);
      if (settingError) throw settingError;
      const kind = failureKindOf(error);
      if (!kind) throw error;
      return failed(id, kind, errorMessage(error));
    }
  };

  const limit = pLimit(s.concurrency);
  return {
    judge: (judgeCase) =>
      limit(async () => {
        if (stopped) throw stopped;
        try {
          return await judgeOne(judgeCase);
        } catch (error) {
          if (error instanceof JudgeSettingError) stopped ??= error;
          throw stopped ?? error;
        }
      }),
    get stopped() {
      return stopped;
    },
    summary() {
      const usage = endpoint?.chat.usage;
      return {
        promptVersion: JUDGE_PROMPT_VERSION,
        baseUrl,
        model,
        usage: {
          calls: usage?.calls ?? 0,
          cacheHits,
          promptTokens: usage?.promptTokens ?? 0,
          completionTokens: usage?.completionTokens ?? 0,
        },
      };
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
