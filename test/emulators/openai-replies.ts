/**
 * Bodies the OpenAI emulator answers with, shaped after OpenAI's API reference:
 * - errors (https://platform.openai.com/docs/guides/error-codes): `{"error": {message, type, param, code}}`, where
 *   `code` may be null (as for an invalid response_format schema);
 * - `chat.completion` objects (https://platform.openai.com/docs/api-reference/chat/object) with `choices[].message`,
 *   `finish_reason` and `usage` {prompt_tokens, completion_tokens, total_tokens}.
 */
import type { ServerResponse } from 'node:http';

/** An error the emulator answers with, as OpenAI sends it. */
export interface EmulatedFailure {
  status: number;
  code: string | null;
  message: string;
  /** Default: `requests` for 429 (OpenAI's rate-limit type), `server_error` for 5xx, else `invalid_request_error`. */
  type?: string;
  param?: string | null;
  headers?: Record<string, string>;
}

export function sendError(res: ServerResponse, failure: EmulatedFailure): void {
  const type =
    failure.type ??
    (failure.status === 429 ? 'requests' : failure.status >= 500 ? 'server_error' : 'invalid_request_error');
  res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
  res.end(
    JSON.stringify({
      error: { message: failure.message, type, param: failure.param ?? null, code: failure.code },
    }),
  );
}

export const failures = {
  invalidKey: (): EmulatedFailure => ({
    status: 401,
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
  }),
  unknownModel: (model: string): EmulatedFailure => ({
    status: 404,
    code: 'model_not_found',
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
  }),
  unknownUrl: (method: string, path: string): EmulatedFailure => ({
    status: 404,
    code: 'unknown_url',
    message: `Unknown request URL: ${method} ${path}.`,
  }),
  invalidSchema: (name: string, message: string): EmulatedFailure => ({
    status: 400,
    code: null,
    param: 'response_format',
    message: `Invalid schema for response_format '${name}': ${message}`,
  }),
};

export function sendCompletion(
  res: ServerResponse,
  id: number,
  model: string,
  content: string,
  finishReason: 'stop' | 'length',
  usage: { promptTokens: number; completionTokens: number },
): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${id}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
      },
    }),
  );
}
