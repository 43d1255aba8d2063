import { SumopsError, UsageError } from '#lib/errors';

/** No API key for an endpoint that needs one. */
export class MissingApiKeyError extends UsageError {
  constructor(readonly baseUrl: string) {
    super(`no API key for the OpenAI-compatible endpoint ${baseUrl}`);
  }
}

/** The endpoint answered an error; `status` and `code` say which. */
export class OpenAIRequestError extends SumopsError {
  constructor(
    readonly baseUrl: string,
    readonly model: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly apiMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${baseUrl} answered ${status === undefined ? 'no HTTP status' : `HTTP ${status}`}${code ? ` (${code})` : ''} for model ${model}: ${oneLine(apiMessage)}`,
      options,
    );
  }
}

export class OpenAIAuthError extends OpenAIRequestError {}
export class UnknownModelError extends OpenAIRequestError {}
export class ContextOverflowError extends OpenAIRequestError {}

export class OpenAIRateLimitError extends OpenAIRequestError {
  constructor(
    baseUrl: string,
    model: string,
    apiMessage: string,
    readonly attempts: number,
    /** What Retry-After asked for, when it was more than we are willing to wait. */
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(baseUrl, model, 429, 'rate_limited', `${apiMessage} (after ${attempts} attempts)`, options);
  }
}

/** The model stopped at its output budget before writing anything (reasoning models do this). */
export class EmptyCompletionError extends SumopsError {
  constructor(
    readonly model: string,
    readonly finishReason: string,
    readonly maxOutputTokens: number,
  ) {
    super(
      `model ${model} returned no text (finish_reason ${finishReason}, output budget ${maxOutputTokens} tokens)`,
    );
  }
}

export class OpenAIConnectionError extends SumopsError {
  constructor(
    readonly baseUrl: string,
    /** The socket error code (ECONNREFUSED, ENOTFOUND…), TIMEOUT when no answer came in time, or FETCH_FAILED. */
    readonly code: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach the OpenAI-compatible endpoint ${baseUrl}: ${reason} (${code})`, options);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
