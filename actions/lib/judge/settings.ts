import { InvalidValueError } from '#lib/errors';
import type { Clock, Logger } from '#lib/log';
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL } from '#lib/summarize/openai-defaults';
import type { JudgeKeySource } from './key';

/** How to reach the judge and how far to let it go; everything but the endpoint has a default. */
export interface JudgeSettings {
  /** OpenAI-compatible API base; default the openai provider's (https://api.openai.com/v1). */
  baseUrl?: string | undefined;
  /** Default the openai provider's default model. */
  model?: string | undefined;
  /** See resolveJudgeKey; hosted endpoints need one, local servers may not. */
  apiKey?: string | undefined;
  /** Where apiKey came from (resolveJudgeKey's source): a JudgeSettingError about the key carries it. */
  keySource?: JudgeKeySource | undefined;
  /** Judge calls in flight at once; default 4. */
  concurrency?: number | undefined;
  /** Where judgements are cached (one file per case); no cache when absent. */
  cacheDir?: string | undefined;
  /** The judge model's context window in tokens; default 8192, as the openai provider. */
  contextTokens?: number | undefined;
  /** Output cap per call in tokens; default 2048 (an answer lists up to MAX_CLAIMS claims). */
  maxOutputTokens?: number | undefined;
  /** Per call; default 120 s. */
  timeoutMs?: number | undefined;
  /** Extra attempts after a 429 or 5xx; default 3. */
  retries?: number | undefined;
  /** Longest Retry-After honoured; default 60 s (a longer one fails that case as rate-limited). */
  maxRetryAfterMs?: number | undefined;
  /** Cases not started within this time of the run's start fail as 'time-budget'; default 30 min. */
  maxTotalMs?: number | undefined;
  /** Longest source that is condensed to fit (each chunk is a call); default 100,000 words. */
  maxSourceWords?: number | undefined;
}

/** I/O the judge is given: HTTP (through the openai client), time and where progress goes. */
export interface JudgeDeps {
  /** The fetch the openai client uses; default the global one. */
  fetch?: typeof fetch;
  clock: Clock;
  logger: Logger;
  /** After each case, judged, failed or from the cache. */
  onProgress?(done: number, total: number): void;
}

export type ResolvedJudgeSettings = Required<Omit<JudgeSettings, 'apiKey' | 'keySource' | 'cacheDir'>> &
  Pick<JudgeSettings, 'apiKey' | 'keySource' | 'cacheDir'>;

export const MAX_JUDGE_CONCURRENCY = 64;

export function resolveJudgeSettings(settings: JudgeSettings): ResolvedJudgeSettings {
  const concurrency = settings.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_JUDGE_CONCURRENCY)
    throw new InvalidValueError(
      'judge concurrency',
      String(concurrency),
      `expected a whole number from 1 to ${MAX_JUDGE_CONCURRENCY}`,
    );
  return {
    baseUrl: (settings.baseUrl ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, ''),
    model: settings.model ?? DEFAULT_OPENAI_MODEL,
    apiKey: settings.apiKey,
    keySource: settings.keySource,
    concurrency,
    cacheDir: settings.cacheDir,
    contextTokens: settings.contextTokens ?? 8192,
    maxOutputTokens: settings.maxOutputTokens ?? 2048,
    timeoutMs: settings.timeoutMs ?? 120_000,
    retries: settings.retries ?? 3,
    maxRetryAfterMs: settings.maxRetryAfterMs ?? 60_000,
    maxTotalMs: settings.maxTotalMs ?? 30 * 60_000,
    maxSourceWords: settings.maxSourceWords ?? 100_000,
  };
}
