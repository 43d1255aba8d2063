import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJudgePrompt } from '#lib/judge/prompt';
import { JUDGE_RESPONSE_FORMAT, judgeAnswerSchema } from '#lib/judge/schema';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../../emulators/openai';
import type { OpenAIEmulator } from '../../emulators/openai';

const SOURCE = 'The bridge opened in 1932. It carries six lanes. Ferries stopped running soon after.';

let api: OpenAIEmulator;
beforeAll(async () => {
  api = await startOpenAIEmulator({
    script: ({ messages }) =>
      messages.at(-1)?.content.includes('RAW') ? { content: '{"claims": "not a list"' } : undefined,
  });
});
afterAll(() => api.close());

const client = (maxRetries = 0) => new OpenAI({ apiKey: EMULATOR_API_KEY, baseURL: api.url, maxRetries });

const judgeMessages = (summary: string) => {
  const prompt = renderJudgePrompt(SOURCE, summary, false);
  return [
    { role: 'system' as const, content: prompt.system },
    { role: 'user' as const, content: prompt.user },
  ];
};

describe('the OpenAI emulator as a judge, driven by the real openai client', () => {
  it("answers a strict json_schema request with JSON the client's zod helper parses, and reports usage", async () => {
    const completion = await client().chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: judgeMessages('The bridge opened in 1932. It carries eight lanes.'),
      response_format: zodResponseFormat(judgeAnswerSchema, 'sumops_judge'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    // "eight" is not in the source: a claim with an unknown word is not_in_source; the date matches.
    expect(parsed?.claims).toEqual([
      { claim: 'The bridge opened in 1932.', verdict: 'supported' },
      { claim: 'It carries eight lanes.', verdict: 'not_in_source' },
    ]);
    // Two of the three source sentences have half their long words in the summary.
    expect(parsed?.coverage.score).toBe(1 + Math.round((4 * 2) / 3));
    expect(parsed?.coherence.score).toBe(5);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(100);
    expect(api.chats.at(-1)?.responseFormat).toEqual(JUDGE_RESPONSE_FORMAT);
  });

  it('marks a claim with a number the source lacks as contradicted', async () => {
    const completion = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: judgeMessages('The bridge opened in 1931.'),
      response_format: JUDGE_RESPONSE_FORMAT,
    });
    const answer = judgeAnswerSchema.parse(JSON.parse(completion.choices[0]?.message.content ?? ''));
    expect(answer.claims).toEqual([{ claim: 'The bridge opened in 1931.', verdict: 'contradicted' }]);
  });

  it("refuses a strict schema that strict mode would refuse, with OpenAI's error body", async () => {
    const error = await client()
      .chat.completions.create({
        model: 'gpt-4o-mini',
        messages: judgeMessages('The bridge opened in 1932.'),
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'loose',
            strict: true,
            schema: {
              type: 'object',
              properties: {
                score: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
              },
              required: ['score'],
              additionalProperties: false,
            },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(apiError.error).toEqual({
      message:
        "Invalid schema for response_format 'loose': In context=('properties', 'score'), 'additionalProperties' is required to be supplied and to be false.",
      type: 'invalid_request_error',
      param: 'response_format',
      code: null,
    });
  });

  it('gives 404 model_not_found and 429 with Retry-After in the shapes the client reads', async () => {
    const missing = await client()
      .chat.completions.create({ model: 'gpt-imaginary', messages: judgeMessages('x.') })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).error).toEqual({
      message: 'The model `gpt-imaginary` does not exist or you do not have access to it.',
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
    api.failNext({
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached',
      headers: { 'retry-after': '7' },
    });
    const limited = await client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: judgeMessages('x.') })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    const rateError = limited as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateError.headers?.get('retry-after')).toBe('7');
    expect(rateError.code).toBe('rate_limit_exceeded');
    expect(rateError.type).toBe('requests');
    // The client's own retry (which sumops turns off) reads the same header: a Retry-After of 0 is retried at once.
    const before = api.requests;
    api.failNext({
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached',
      headers: { 'retry-after': '0' },
    });
    const retried = await client(1).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: judgeMessages('x.'),
    });
    expect(retried.choices[0]?.finish_reason).toBe('stop');
    expect(api.requests - before).toBe(2);
  });

  it('answers scripted raw content unchecked, delays scripted requests, and counts what is in flight', async () => {
    const raw = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: judgeMessages('RAW'),
      response_format: JUDGE_RESPONSE_FORMAT,
    });
    expect(raw.choices[0]?.message.content).toBe('{"claims": "not a list"');
    const slow = await startOpenAIEmulator({ script: () => ({ delayMs: 100 }) });
    try {
      const c = new OpenAI({ apiKey: EMULATOR_API_KEY, baseURL: slow.url, maxRetries: 0 });
      await Promise.all(
        [1, 2, 3].map((n) =>
          c.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: `Call ${n}.` }],
          }),
        ),
      );
      expect(slow.maxInFlight).toBe(3);
      expect(slow.requests).toBe(3);
    } finally {
      await slow.close();
    }
  });
});
