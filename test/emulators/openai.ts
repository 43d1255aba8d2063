/**
 * Loopback emulator of an OpenAI-compatible API, shaped after OpenAI's API reference:
 * - POST /v1/chat/completions (https://platform.openai.com/docs/api-reference/chat/create): `model`, `messages`,
 *   `max_tokens` or `max_completion_tokens`; answers a `chat.completion` object with `choices[].message`,
 *   `finish_reason` and `usage` {prompt_tokens, completion_tokens, total_tokens}.
 * - GET /v1/models (https://platform.openai.com/docs/api-reference/models/list).
 * - errors (https://platform.openai.com/docs/guides/error-codes): `{"error": {message, type, param, code}}`;
 *   401 `invalid_api_key`; 404 `model_not_found` ("The model `x` does not exist or you do not have access to
 *   it."); 400 `context_length_exceeded` ("This model's maximum context length is N tokens…"); 400
 *   `unsupported_parameter` for `max_tokens` on o-series/GPT-5 models ("Use 'max_completion_tokens' instead.");
 *   429 with `retry-after`.
 * Tokens are counted as one per 4 characters (OpenAI's rule of thumb), which is all the tests need.
 */
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readJsonBody } from './http';

export interface OpenAIModel {
  id: string;
  contextTokens: number;
  /** o-series/GPT-5 style: refuses `max_tokens`. */
  completionTokensOnly?: boolean;
  /** Answers with empty content and finish_reason "length" (a reasoning model that spent its budget). */
  exhaustsBudget?: boolean;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedChat {
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  maxCompletionTokens?: number;
  status: number;
}

export interface OpenAIEmulatorOptions {
  apiKey?: string;
  models?: OpenAIModel[];
  /** What the assistant says; default: the first sentences of the last user message (extractive). */
  respond?: (messages: ChatMessage[], model: string) => string;
  /** Delay before every answer, ms (slow servers). */
  delayMs?: number;
}

export interface OpenAIEmulator {
  /** Base URL with /v1, as `baseURL` for the openai client. */
  url: string;
  chats: RecordedChat[];
  usage: { promptTokens: number; completionTokens: number };
  /** The next chat completion requests answer this error (once each). */
  failNext(failure: {
    status: number;
    code: string;
    message: string;
    headers?: Record<string, string>;
  }): void;
  close(): Promise<void>;
}

export const EMULATOR_API_KEY = 'sk-emulator-0123456789';

const DEFAULT_MODELS: OpenAIModel[] = [
  { id: 'gpt-4o-mini', contextTokens: 128_000 },
  { id: 'tiny-context', contextTokens: 1_024 },
  { id: 'gpt-5-mini', contextTokens: 128_000, completionTokensOnly: true },
  { id: 'reasoner-empty', contextTokens: 128_000, exhaustsBudget: true },
];

const countTokens = (text: string): number => Math.ceil(text.length / 4);

function extractive(messages: ChatMessage[]): string {
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const wanted = Number(/exactly (\d+) sentences/.exec(system)?.[1] ?? 3);
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const sentences = user.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+/g) ?? [user];
  return sentences
    .slice(0, wanted)
    .map((s) => s.trim())
    .join('\n');
}

function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  code: string,
  message: string,
  param: string | null = null,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type, param, code } }));
}

export async function startOpenAIEmulator(options: OpenAIEmulatorOptions = {}): Promise<OpenAIEmulator> {
  const apiKey = options.apiKey ?? EMULATOR_API_KEY;
  const models = options.models ?? DEFAULT_MODELS;
  const failures: { status: number; code: string; message: string; headers?: Record<string, string> }[] = [];
  const chats: RecordedChat[] = [];
  const usage = { promptTokens: 0, completionTokens: 0 };

  const server = createServer((req, res) => {
    void (async () => {
      const body = (await readJsonBody(req)) as Record<string, unknown> | undefined;
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        sendError(
          res,
          401,
          'invalid_request_error',
          'invalid_api_key',
          'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
        );
        return;
      }
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            data: models.map((m) => ({
              id: m.id,
              object: 'model',
              created: 1_700_000_000,
              owned_by: 'emulator',
            })),
          }),
        );
        return;
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        sendError(
          res,
          404,
          'invalid_request_error',
          'unknown_url',
          `Unknown request URL: ${req.method} ${path}.`,
        );
        return;
      }
      const modelId = typeof body?.model === 'string' ? body.model : '';
      const messages = Array.isArray(body?.messages) ? (body.messages as ChatMessage[]) : [];
      const record: RecordedChat = { model: modelId, messages, status: 200 };
      if (typeof body?.max_tokens === 'number') record.maxTokens = body.max_tokens;
      if (typeof body?.max_completion_tokens === 'number')
        record.maxCompletionTokens = body.max_completion_tokens;
      chats.push(record);
      const failure = failures.shift();
      if (failure) {
        record.status = failure.status;
        sendError(
          res,
          failure.status,
          failure.status === 429 ? 'requests' : 'server_error',
          failure.code,
          failure.message,
          null,
          failure.headers,
        );
        return;
      }
      const model = models.find((m) => m.id === modelId);
      if (!model) {
        record.status = 404;
        sendError(
          res,
          404,
          'invalid_request_error',
          'model_not_found',
          `The model \`${modelId}\` does not exist or you do not have access to it.`,
        );
        return;
      }
      if (model.completionTokensOnly && record.maxTokens !== undefined) {
        record.status = 400;
        sendError(
          res,
          400,
          'invalid_request_error',
          'unsupported_parameter',
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          'max_tokens',
        );
        return;
      }
      const promptTokens = messages.reduce((sum, m) => sum + countTokens(String(m.content)) + 4, 0);
      const maxOut = record.maxCompletionTokens ?? record.maxTokens ?? 0;
      if (promptTokens + maxOut > model.contextTokens) {
        record.status = 400;
        sendError(
          res,
          400,
          'invalid_request_error',
          'context_length_exceeded',
          `This model's maximum context length is ${model.contextTokens} tokens. However, you requested ${promptTokens + maxOut} tokens (${promptTokens} in the messages, ${maxOut} in the completion). Please reduce the length of the messages or completion.`,
          'messages',
        );
        return;
      }
      const content = model.exhaustsBudget ? '' : (options.respond ?? extractive)(messages, modelId);
      const completionTokens = model.exhaustsBudget ? maxOut : countTokens(content);
      usage.promptTokens += promptTokens;
      usage.completionTokens += completionTokens;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${chats.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: modelId,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content, refusal: null },
              logprobs: null,
              finish_reason: model.exhaustsBudget ? 'length' : 'stop',
            },
          ],
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
          },
        }),
      );
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  const base = await listenOnLoopback(server);
  return {
    url: `${base}/v1`,
    chats,
    usage,
    failNext: (failure) => failures.push(failure),
    close: () => closeServer(server),
  };
}
