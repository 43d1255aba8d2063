import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#lib/log';
import type { Clock } from '#lib/log';
import { createOpenAIChat, createOpenAISummarizer, inputBudgetWords } from '#lib/summarize/openai';
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
import { summarizeDocument } from '#lib/summarize/summarize-document';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../../emulators/openai';
import type { OpenAIEmulator } from '../../emulators/openai';

let api: OpenAIEmulator;
beforeAll(async () => {
  api = await startOpenAIEmulator();
});
afterAll(() => api.close());

/** A clock that records waits instead of sleeping. */
function recordingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => 0, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

const summarizer = (
  model = 'gpt-4o-mini',
  extra: Partial<Parameters<typeof createOpenAISummarizer>[0]> = {},
) =>
  createOpenAISummarizer({
    baseUrl: api.url,
    model,
    apiKey: EMULATOR_API_KEY,
    logger: silentLogger,
    clock: recordingClock(),
    ...extra,
  });

const text =
  'The keeper lit the lamp at dusk. Ships passed the rocks safely. He wrote every name down. The book grew.';

describe('the emulator, checked with the real openai client', () => {
  it('answers chat completions with usage counts and lists models', async () => {
    const client = new OpenAI({ apiKey: EMULATOR_API_KEY, baseURL: api.url });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'One. Two. Three. Four.' }],
      max_tokens: 20,
    });
    expect(completion.choices[0]?.message.content).toBe('One.\nTwo.\nThree.');
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-5-mini');
  });

  it('gives 401 with the documented error shape for a bad key', async () => {
    const client = new OpenAI({ apiKey: 'sk-wrong', baseURL: api.url, maxRetries: 0 });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('invalid_api_key');
  });
});

describe('createOpenAISummarizer', () => {
  it('summarizes in the requested number of sentences and counts usage', async () => {
    const s = summarizer();
    const summary = await s.summarize({ text, sentences: 2 });
    expect(summary.sentences).toEqual(['The keeper lit the lamp at dusk.', 'Ships passed the rocks safely.']);
    expect(summary.provider).toBe('openai');
    expect(s.usage.calls).toBe(1);
    expect(s.usage.promptTokens).toBeGreaterThan(20);
    expect(api.chats.at(-1)?.maxTokens).toBe(512);
  });

  it('sends max_completion_tokens to models that need it, by name or after a 400 that asks for it', async () => {
    await summarizer('gpt-5-mini').summarize({ text });
    expect(api.chats.at(-1)).toMatchObject({ maxCompletionTokens: 512, status: 200 });
    expect(api.chats.at(-1)?.maxTokens).toBeUndefined();
    // A name the heuristic doesn't know: the server's 400 makes it switch once.
    const custom = await startOpenAIEmulator({
      models: [{ id: 'house-model', contextTokens: 100_000, completionTokensOnly: true }],
    });
    try {
      const summary = await createOpenAISummarizer({
        baseUrl: custom.url,
        model: 'house-model',
        apiKey: EMULATOR_API_KEY,
        logger: silentLogger,
        clock: recordingClock(),
      }).summarize({ text });
      expect(summary.sentences.length).toBe(3);
      expect(custom.chats.map((c) => c.status)).toEqual([400, 200]);
    } finally {
      await custom.close();
    }
  });

  it('says a key is missing for hosted endpoints before any request', () => {
    expect(() =>
      createOpenAISummarizer({
        baseUrl: 'https://api.openai.com/v1',
        logger: silentLogger,
        clock: recordingClock(),
      }),
    ).toThrow(MissingApiKeyError);
  });

  it('turns 401, unknown models, context overflow and empty answers into one-line errors', async () => {
    await expect(summarizer('gpt-4o-mini', { apiKey: 'sk-nope' }).summarize({ text })).rejects.toThrow(
      OpenAIAuthError,
    );
    const unknown = await summarizer('gpt-9-imaginary')
      .summarize({ text })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnknownModelError);
    expect((unknown as Error).message).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v1 answered HTTP 404 \(model_not_found\) for model gpt-9-imaginary: The model `gpt-9-imaginary` does not exist/,
    );
    expect((unknown as Error).message).not.toContain('\n');
    // Claiming a larger context than the server has: the overflow is reported, not truncated away.
    const overflow = await summarizer('tiny-context', { contextTokens: 100_000 })
      .summarize({ text: 'word '.repeat(3000) })
      .catch((e: unknown) => e);
    expect(overflow).toBeInstanceOf(ContextOverflowError);
    expect((overflow as Error).message).toMatch(/maximum context length is 1024 tokens/);
    await expect(summarizer('reasoner-empty').summarize({ text })).rejects.toThrow(EmptyCompletionError);
  });

  it('retries a 429 after Retry-After, and gives up when Retry-After is longer than allowed', async () => {
    const clock = recordingClock();
    api.failNext({
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached',
      headers: { 'retry-after': '2' },
    });
    const summary = await summarizer('gpt-4o-mini', { clock }).summarize({ text });
    expect(summary.sentences.length).toBe(3);
    expect(clock.waits).toEqual([2000]);
    // retry-after-ms, when sent, is more precise and wins (as in the openai client's own retries).
    api.failNext({
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached',
      headers: { 'retry-after': '2', 'retry-after-ms': '1250' },
    });
    await summarizer('gpt-4o-mini', { clock }).summarize({ text });
    expect(clock.waits).toEqual([2000, 1250]);
    api.failNext({
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached',
      headers: { 'retry-after': '3600' },
    });
    const error = await summarizer('gpt-4o-mini', { clock })
      .summarize({ text })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAIRateLimitError);
    expect((error as OpenAIRateLimitError).retryAfterMs).toBe(3_600_000);
  });

  it('retries a 5xx with exponential back-off, a bounded number of times', async () => {
    const clock = recordingClock();
    for (let i = 0; i < 2; i++)
      api.failNext({ status: 503, code: null, message: 'The server is overloaded.' });
    const summary = await summarizer('gpt-4o-mini', { clock }).summarize({ text });
    expect(summary.sentences.length).toBe(3);
    expect(clock.waits).toEqual([500, 1000]);
    for (let i = 0; i < 2; i++)
      api.failNext({ status: 500, code: null, message: 'The server had an error.' });
    const error = await summarizer('gpt-4o-mini', { clock, retries: 1 })
      .summarize({ text })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAIRequestError);
    expect(error).toMatchObject({ status: 500, apiMessage: 'The server had an error.' });
    expect(clock.waits).toEqual([500, 1000, 500]);
  });

  it('names a call that outlived its timeout as TIMEOUT, apart from refused connections', async () => {
    const slow = await startOpenAIEmulator({ script: () => ({ delayMs: 2000 }) });
    try {
      const error = await createOpenAISummarizer({
        baseUrl: slow.url,
        apiKey: EMULATOR_API_KEY,
        logger: silentLogger,
        clock: recordingClock(),
        timeoutMs: 200,
      })
        .summarize({ text })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAIConnectionError);
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect((error as Error).message).toMatch(/no answer within 200 ms \(TIMEOUT\)$/);
    } finally {
      await slow.close();
    }
    const refused = await createOpenAISummarizer({
      baseUrl: slow.url,
      apiKey: EMULATOR_API_KEY,
      logger: silentLogger,
      clock: recordingClock(),
    })
      .summarize({ text })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('passes a response_format through and budgets input by the exported rule', async () => {
    const echo = await startOpenAIEmulator({ script: () => ({ content: '{"a":"x"}' }) });
    try {
      const chat = createOpenAIChat({
        baseUrl: echo.url,
        apiKey: EMULATOR_API_KEY,
        logger: silentLogger,
        clock: recordingClock(),
        contextTokens: 4096,
        maxOutputTokens: 1024,
      });
      expect(chat.inputBudgetWords).toBe(inputBudgetWords(4096, 1024));
      expect(inputBudgetWords(4096, 1024)).toBe(Math.floor((4096 - 1024 - 200) / 2));
      const responseFormat = {
        type: 'json_schema' as const,
        json_schema: {
          name: 'echo',
          strict: true,
          schema: {
            type: 'object',
            properties: { a: { type: 'string' } },
            required: ['a'],
            additionalProperties: false,
          },
        },
      };
      expect(await chat.complete({ system: 'Answer.', user: 'One. Two.', responseFormat })).toBe('{"a":"x"}');
      expect(echo.chats.at(-1)?.responseFormat).toEqual(responseFormat);
      expect(chat.usage.calls).toBe(1);
    } finally {
      await echo.close();
    }
  });

  it('sends long input through map-reduce within the token budget instead of truncating it', async () => {
    const small = await startOpenAIEmulator({ models: [{ id: 'small', contextTokens: 2048 }] });
    try {
      const s = createOpenAISummarizer({
        baseUrl: small.url,
        model: 'small',
        apiKey: EMULATOR_API_KEY,
        logger: silentLogger,
        clock: recordingClock(),
        contextTokens: 2048,
      });
      const paragraphs = Array.from(
        { length: 120 },
        (_, i) =>
          `Paragraph ${i} tells of ship number ${i} passing the lighthouse at night. It carried cargo.`,
      );
      const summary = await summarizeDocument(paragraphs.join('\n\n'), s, { sentences: 2 });
      expect(summary.sentences.length).toBe(2);
      const firstRound = small.chats.slice(0, -1);
      expect(firstRound.length).toBeGreaterThan(1);
      // Every paragraph reached the model in the map round: nothing was cut.
      const sent = firstRound.map((c) => c.messages.at(-1)?.content ?? '').join('\n');
      for (let i = 0; i < 120; i++) expect(sent).toContain(`ship number ${i} `);
      expect(small.chats.every((c) => c.status === 200)).toBe(true);
    } finally {
      await small.close();
    }
  });
});
