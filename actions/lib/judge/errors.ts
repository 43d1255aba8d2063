import { SumopsError } from '#lib/errors';
import {
  ContextOverflowError,
  EmptyCompletionError,
  MissingApiKeyError,
  OpenAIAuthError,
  OpenAIConnectionError,
  OpenAIRateLimitError,
  OpenAIRequestError,
  UnknownModelError,
} from '#lib/summarize/openai-errors';
import { EmptySummaryError, SummaryDidNotShrinkError } from '#lib/summarize/summarize-document';
import type { JudgeKeySource } from './key';
import type { JudgeFailureKind } from './types';

/** The judge setting an error is about; each entry names its own flag or input for it. */
export type JudgeSetting = 'apiKey' | 'model' | 'baseUrl' | 'contextTokens';

/**
 * A judge setting is wrong, so every further call would fail the same way: the run stops and this is its one error.
 * `status` is the endpoint's HTTP status (undefined when no answer came, or no request was made); `keySource` is
 * where the key in use came from (undefined: no key was given), so an entry can name the variable or input.
 */
export class JudgeSettingError extends SumopsError {
  readonly keySource: JudgeKeySource | undefined;

  constructor(
    readonly setting: JudgeSetting,
    readonly status: number | undefined,
    readonly baseUrl: string,
    readonly model: string,
    message: string,
    options?: { cause?: unknown; keySource?: JudgeKeySource | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.keySource = options?.keySource;
  }
}

/** A text that cannot be put before the judge within its context (the case fails, the run goes on). */
export class JudgeInputTooLongError extends SumopsError {
  constructor(
    readonly what: 'summary' | 'source' | 'condensed source',
    readonly words: number,
    readonly limitWords: number,
  ) {
    super(`the ${what} has ${words} words, more than the ${limitWords} the judge can take`);
  }
}

/** The errors that no other case would escape: wrong key, model, endpoint. */
export function settingErrorOf(
  error: unknown,
  baseUrl: string,
  model: string,
  keySource?: JudgeKeySource,
): JudgeSettingError | undefined {
  const make = (setting: JudgeSetting, status: number | undefined, message: string) =>
    new JudgeSettingError(setting, status, baseUrl, model, message, { cause: error, keySource });
  if (error instanceof MissingApiKeyError)
    return make('apiKey', undefined, `the judge endpoint ${baseUrl} needs an API key and none was given`);
  if (error instanceof OpenAIAuthError)
    return make('apiKey', error.status, `the judge endpoint refused the API key: ${error.message}`);
  if (error instanceof UnknownModelError)
    return make('model', error.status, `the judge endpoint has no model "${model}": ${error.message}`);
  if (error instanceof OpenAIRequestError && error.status === 403)
    return make('apiKey', 403, `the judge's API key may not use model "${model}": ${error.message}`);
  if (error instanceof OpenAIRequestError && error.status === 404)
    return make('baseUrl', 404, `the judge endpoint is not an OpenAI-compatible API: ${error.message}`);
  if (error instanceof OpenAIConnectionError && !TRANSIENT_CONNECTION_CODES.has(error.code))
    return make('baseUrl', undefined, `the judge endpoint cannot be reached: ${error.message}`);
  return undefined;
}

/** Failures of one connection that the next call may not meet; the others (DNS, refused, TLS) it would. */
const TRANSIENT_CONNECTION_CODES = new Set(['TIMEOUT', 'ECONNRESET', 'UND_ERR_SOCKET', 'FETCH_FAILED']);

/** How a case's error is reported; undefined for errors that are bugs (they propagate). */
export function failureKindOf(error: unknown): JudgeFailureKind | undefined {
  if (error instanceof OpenAIConnectionError) return error.code === 'TIMEOUT' ? 'timeout' : 'request-failed';
  if (error instanceof OpenAIRateLimitError) return 'rate-limited';
  if (error instanceof EmptyCompletionError) return 'invalid-answer';
  if (
    error instanceof ContextOverflowError ||
    error instanceof JudgeInputTooLongError ||
    error instanceof SummaryDidNotShrinkError ||
    error instanceof EmptySummaryError
  )
    return 'too-long';
  if (error instanceof OpenAIRequestError)
    return (error.status ?? 0) >= 500 ? 'server-error' : 'request-failed';
  return undefined;
}
