import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JudgeSettingError, MAX_JUDGE_CONCURRENCY, judgeCases } from '#lib/judge/index';
import type { JudgeCase, JudgeSettings } from '#lib/judge/index';
import type { ChatScript, OpenAIEmulator, ScriptedRequest } from '../../emulators/openai';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../../emulators/openai';
import { fakeClock, recordingLogger } from '../../harness/fakes';
import type { FakeClock } from '../../harness/fakes';

const MILL =
  'The mill opened in 1850. It made paper for the county. It closed in 1990 after the river silted.';
const VALID_OFF_SCHEMA = JSON.stringify({
  claims: [],
  faithfulness_reason: 'x',
  coverage: { reason: 'x', score: 9 },
  coherence: { reason: 'x', score: 5 },
});

/** Each case's summary names what the emulator does with it ("MALFORMED", "LIMITED 7"…). */
function script({ messages, repeats }: ScriptedRequest): ChatScript | undefined {
  const prompt = messages.at(-1)?.content ?? '';
  if (prompt.includes('MALFORMED')) return { content: '{"claims": [' };
  if (prompt.includes('FLAKY') && repeats === 0) return { content: VALID_OFF_SCHEMA };
  const limited = /LIMITED (\d+)/.exec(prompt);
  if (limited && repeats === 0)
    return {
      failure: {
        status: 429,
        code: 'rate_limit_exceeded',
        message: 'Rate limit reached for requests',
        headers: { 'retry-after': limited[1] ?? '' },
      },
    };
  const failing = /FAILING (\d+)/.exec(prompt);
  if (failing && repeats < Number(failing[1]))
    return { failure: { status: 503, code: null, message: 'The server is overloaded.' } };
  if (prompt.includes('SLOW')) return { delayMs: 3000 };
  return undefined;
}

let api: OpenAIEmulator;
beforeAll(async () => {
  api = await startOpenAIEmulator({ script });
});
afterAll(() => api.close());

const mill = (id: string, summary = 'The mill made paper.'): JudgeCase => ({ id, source: MILL, summary });

async function judge(cases: JudgeCase[], settings: JudgeSettings = {}, clock: FakeClock = fakeClock()) {
  const logger = recordingLogger();
  const run = await judgeCases(
    cases,
    { baseUrl: api.url, model: 'gpt-4o-mini', apiKey: EMULATOR_API_KEY, ...settings },
    { clock, logger },
  );
  return { run, logger };
}

/** The chats whose prompt contains `marker`. */
const chatsWith = (marker: string) => api.chats.filter((c) => c.messages.at(-1)?.content.includes(marker));

describe('judgeCases when answers or calls fail', () => {
  it('asks once more after an invalid answer, then fails that case alone', async () => {
    const { run, logger } = await judge([
      mill('ok'),
      mill('broken', 'MALFORMED summary.'),
      mill('flaky', 'FLAKY summary.'),
    ]);
    expect(run.cases[0]?.status).toBe('scored');
    expect(run.cases[1]).toEqual({
      id: 'broken',
      status: 'error',
      kind: 'invalid-answer',
      reason: expect.stringMatching(/^the judge's answer was invalid twice: answer is not JSON \(/) as string,
    });
    expect(chatsWith('MALFORMED')).toHaveLength(2);
    // The second answer was valid: the case counts.
    expect(run.cases[2]).toMatchObject({ id: 'flaky', status: 'scored' });
    expect(chatsWith('FLAKY')).toHaveLength(2);
    expect(logger.text('warn')).toMatch(
      /flaky: answer does not match the schema \(claims: .*; asking once more/,
    );
    expect(run.usage.calls).toBe(5);
  });

  it("waits as long as a 429's Retry-After says, on the injected clock, up to a bound", async () => {
    const clock = fakeClock();
    const { run } = await judge([mill('limited', 'LIMITED 7 summary.'), mill('ok')], {}, clock);
    expect(run.cases.map((c) => c.status)).toEqual(['scored', 'scored']);
    expect(clock.sleeps).toEqual([7000]);
    expect(chatsWith('LIMITED 7').map((c) => c.status)).toEqual([429, 200]);
    const patient = fakeClock();
    const { run: refused } = await judge(
      [mill('too-long-a-wait', 'LIMITED 3600 summary.'), mill('ok')],
      { maxRetryAfterMs: 60_000 },
      patient,
    );
    expect(patient.sleeps).toEqual([]);
    expect(refused.cases[0]).toMatchObject({
      status: 'error',
      kind: 'rate-limited',
      reason: expect.stringMatching(/HTTP 429 \(rate_limited\)/) as string,
    });
    expect(refused.cases[1]?.status).toBe('scored');
  });

  it('retries 5xx with back-off a bounded number of times', async () => {
    const clock = fakeClock();
    const { run } = await judge(
      [mill('recovers', 'FAILING 2 summary.'), mill('gives-up', 'FAILING 9 summary.')],
      { retries: 2, concurrency: 1 },
      clock,
    );
    expect(run.cases[0]?.status).toBe('scored');
    expect(run.cases[1]).toMatchObject({
      status: 'error',
      kind: 'server-error',
      reason: expect.stringMatching(/HTTP 503/) as string,
    });
    expect(chatsWith('FAILING 9')).toHaveLength(3);
    expect(clock.sleeps).toEqual([500, 1000, 500, 1000]);
  });

  it('times out a slow call without holding up the others', async () => {
    const { run } = await judge([mill('slow', 'SLOW summary.'), mill('a'), mill('b'), mill('c')], {
      timeoutMs: 300,
      concurrency: 2,
    });
    expect(run.cases[0]).toMatchObject({
      status: 'error',
      kind: 'timeout',
      reason: expect.stringMatching(/no answer within 300 ms/) as string,
    });
    expect(run.cases.slice(1).map((c) => c.status)).toEqual(['scored', 'scored', 'scored']);
  });

  it('fails the cases not started once the run has used its time budget', async () => {
    const clock = fakeClock();
    const { run } = await judge(
      [mill('first', 'LIMITED 5 summary.'), mill('second')],
      { maxTotalMs: 1000, concurrency: 1 },
      clock,
    );
    expect(run.cases[0]?.status).toBe('scored');
    expect(run.cases[1]).toEqual({
      id: 'second',
      status: 'error',
      kind: 'time-budget',
      reason: "the judge's time budget of 1000 ms was spent before this case",
    });
  });

  it('stops at the first 401 or unknown model with one typed error naming the setting', async () => {
    const many = Array.from({ length: 12 }, (_, i) => mill(`c${i}`, `The mill made paper, case ${i}.`));
    const cases: [JudgeSettings, Partial<JudgeSettingError>][] = [
      [{ apiKey: 'sk-wrong' }, { setting: 'apiKey', status: 401 }],
      [{ model: 'gpt-imaginary' }, { setting: 'model', status: 404 }],
      [{ baseUrl: api.url.replace(/\/v1$/, '') }, { setting: 'baseUrl', status: 404 }],
    ];
    for (const [settings, expected] of cases) {
      const before = api.requests;
      const error = await judge(many, { concurrency: 2, ...settings }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JudgeSettingError);
      expect(error).toMatchObject(expected);
      expect((error as Error).message).not.toContain('\n');
      // The calls already in flight end; no other starts.
      expect(api.requests - before).toBeLessThanOrEqual(2);
    }
    const missing = await judge(many, { baseUrl: 'https://api.openai.com/v1', apiKey: undefined }).catch(
      (e: unknown) => e,
    );
    expect(missing).toMatchObject({
      setting: 'apiKey',
      status: undefined,
      message: 'the judge endpoint https://api.openai.com/v1 needs an API key and none was given',
    });
    const closed = await startOpenAIEmulator();
    await closed.close();
    const unreachable = await judge(many, { baseUrl: closed.url }).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({
      setting: 'baseUrl',
      status: undefined,
      message: expect.stringMatching(/connection refused \(ECONNREFUSED\)/) as string,
    });
    await expect(judge(many, { contextTokens: 2048 })).rejects.toMatchObject({ setting: 'contextTokens' });
    for (const concurrency of [0, 1.5, MAX_JUDGE_CONCURRENCY + 1])
      await expect(judge(many, { concurrency })).rejects.toThrow(
        `invalid judge concurrency "${concurrency}"`,
      );
  });
});
