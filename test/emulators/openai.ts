/**
 * Loopback emulator of an OpenAI-compatible API, shaped after OpenAI's API reference:
 * - POST /v1/chat/completions (https://platform.openai.com/docs/api-reference/chat/create): `model`, `messages`,
 *   `max_tokens` or `max_completion_tokens`, `response_format` (checked as openai-schema.ts says); answers a
 *   `chat.completion` object with `usage`.
 * - GET /v1/models (https://platform.openai.com/docs/api-reference/models/list).
 * - errors as openai-replies.ts shapes them: 401 `invalid_api_key`; 404 `model_not_found` ("The model `x` does not
 *   exist or you do not have access to it."); 400 `context_length_exceeded` ("This model's maximum context length
 *   is N tokens…"); 400 `unsupported_parameter` for `max_tokens` on o-series/GPT-5 models ("Use
 *   'max_completion_tokens' instead."); 400 with param `response_format` for a schema strict mode refuses; 429 with
 *   `retry-after`.
 * Answers: a json_schema request gets the lexical judge's answer (openai-judge.ts), checked against the schema the
 * way strict mode guarantees; any other request the first sentences of the last user message. `script` overrides
 * any request: a delay, an error, or raw content (a server that does not enforce the schema).
 * Tokens are counted as one per 4 characters (OpenAI's rule of thumb), which is all the tests need.
 */
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readJsonBody } from './http';
import { lexicalJudgeAnswer } from './openai-judge';
import { failures, sendCompletion, sendError } from './openai-replies';
import type { EmulatedFailure } from './openai-replies';
import { answerProblem, checkResponseFormat } from './openai-schema';

export type { EmulatedFailure } from './openai-replies';

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
  /** The request's `response_format`, as sent. */
  responseFormat?: unknown;
  status: number;
}

/** What a script sees of a request. */
export interface ScriptedRequest {
  model: string;
  messages: ChatMessage[];
  /** How many earlier requests had the same messages (0 the first time): a retry can be answered differently. */
  repeats: number;
}

/** What a script makes of a request; each part is optional. */
export interface ChatScript {
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer this error instead. */
  failure?: EmulatedFailure;
  /** Answer this content, unchecked against the schema. */
  content?: string;
}

export interface OpenAIEmulatorOptions {
  apiKey?: string;
  models?: OpenAIModel[];
  /** What the assistant says to plain-text requests; default: the first sentences of the last user message. */
  respond?: (messages: ChatMessage[], model: string) => string;
  /** Delay before every answer, ms (slow servers). */
  delayMs?: number;
  /** Per-request behaviour, decided from the request itself (so it holds whatever order concurrent calls come in). */
  script?: (request: ScriptedRequest) => ChatScript | undefined;
}

export interface OpenAIEmulator {
  /** Base URL with /v1, as `baseURL` for the openai client. */
  url: string;
  chats: RecordedChat[];
  usage: { promptTokens: number; completionTokens: number };
  /** Every HTTP request received, including those refused (401) before they were recorded as chats. */
  readonly requests: number;
  /** Most chat completion requests being answered at the same time. */
  readonly maxInFlight: number;
  /** The next chat completion requests answer this error (once each). */
  failNext(failure: EmulatedFailure): void;
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

export async function startOpenAIEmulator(options: OpenAIEmulatorOptions = {}): Promise<OpenAIEmulator> {
  const apiKey = options.apiKey ?? EMULATOR_API_KEY;
  const models = options.models ?? DEFAULT_MODELS;
  const queued: EmulatedFailure[] = [];
  const chats: RecordedChat[] = [];
  const usage = { promptTokens: 0, completionTokens: 0 };
  const seen = new Map<string, number>();
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const answerChat = async (res: ServerResponse, body: Record<string, unknown> | undefined) => {
    const modelId = typeof body?.model === 'string' ? body.model : '';
    const messages = Array.isArray(body?.messages) ? (body.messages as ChatMessage[]) : [];
    const record: RecordedChat = { model: modelId, messages, status: 200 };
    if (typeof body?.max_tokens === 'number') record.maxTokens = body.max_tokens;
    if (typeof body?.max_completion_tokens === 'number')
      record.maxCompletionTokens = body.max_completion_tokens;
    if (body?.response_format !== undefined) record.responseFormat = body.response_format;
    chats.push(record);
    const fail = (failure: EmulatedFailure) => {
      record.status = failure.status;
      sendError(res, failure);
    };
    const messagesKey = JSON.stringify(messages);
    const repeats = seen.get(messagesKey) ?? 0;
    seen.set(messagesKey, repeats + 1);
    const script = options.script?.({ model: modelId, messages, repeats }) ?? {};
    if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
    const failure = script.failure ?? queued.shift();
    if (failure) return fail(failure);
    const model = models.find((m) => m.id === modelId);
    if (!model) return fail(failures.unknownModel(modelId));
    if (model.completionTokensOnly && record.maxTokens !== undefined)
      return fail({
        status: 400,
        code: 'unsupported_parameter',
        param: 'max_tokens',
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      });
    const format = checkResponseFormat(record.responseFormat);
    if (format.kind === 'invalid') return fail(failures.invalidSchema(format.name, format.message));
    const promptTokens = messages.reduce((sum, m) => sum + countTokens(String(m.content)) + 4, 0);
    const maxOut = record.maxCompletionTokens ?? record.maxTokens ?? 0;
    if (promptTokens + maxOut > model.contextTokens)
      return fail({
        status: 400,
        code: 'context_length_exceeded',
        param: 'messages',
        message: `This model's maximum context length is ${model.contextTokens} tokens. However, you requested ${promptTokens + maxOut} tokens (${promptTokens} in the messages, ${maxOut} in the completion). Please reduce the length of the messages or completion.`,
      });
    let content: string;
    if (model.exhaustsBudget) content = '';
    else if (script.content !== undefined) content = script.content;
    else if (format.kind === 'json_schema') {
      const answer = lexicalJudgeAnswer(messages.map((m) => String(m.content)).join('\n'));
      if (!answer)
        return fail({ status: 400, code: null, message: 'emulator: no scripted answer for this schema' });
      content = JSON.stringify(answer);
      // Strict mode guarantees the answer matches the schema; the emulator holds itself to that.
      const problem = format.format.strict ? answerProblem(format.format.schema, content) : undefined;
      if (problem)
        return fail({ status: 500, code: null, message: `emulator: answer off schema: ${problem}` });
    } else content = (options.respond ?? extractive)(messages, modelId);
    const completionTokens = model.exhaustsBudget ? maxOut : countTokens(content);
    usage.promptTokens += promptTokens;
    usage.completionTokens += completionTokens;
    sendCompletion(res, chats.length, modelId, content, model.exhaustsBudget ? 'length' : 'stop', {
      promptTokens,
      completionTokens,
    });
  };

  const server = createServer((req, res) => {
    requests++;
    void (async () => {
      const body = (await readJsonBody(req)) as Record<string, unknown> | undefined;
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (req.headers.authorization !== `Bearer ${apiKey}`) return sendError(res, failures.invalidKey());
      const path = (req.url ?? '/').split('?')[0] ?? '/';
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
      if (req.method !== 'POST' || path !== '/v1/chat/completions')
        return sendError(res, failures.unknownUrl(req.method ?? 'GET', path));
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        await answerChat(res, body);
      } finally {
        inFlight--;
      }
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  const base = await listenOnLoopback(server);
  return {
    url: `${base}/v1`,
    chats,
    usage,
    get requests() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    failNext: (failure) => queued.push(failure),
    close: () => closeServer(server),
  };
}
