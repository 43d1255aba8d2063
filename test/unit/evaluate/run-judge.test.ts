import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '#lib/evaluate/index';
import type { Clock } from '#lib/log';
import { silentLogger } from '#lib/log';
import { JudgeSettingError } from '#lib/judge/index';
import { createSummarizer } from '#lib/summarize/providers';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../../emulators/openai';
import type { OpenAIEmulator } from '../../emulators/openai';

// runEvaluation with the judge: a slow evaluation keeps its judge (no whole-run time budget counts the provider's
// time), and a wrong key stops the run with the judge's one error instead of summarizing every case first.

let api: OpenAIEmulator;
let dir: string;
beforeAll(async () => {
  api = await startOpenAIEmulator();
  dir = await mkdtemp(join(tmpdir(), 'sumops-run-judge-'));
  const cases = ['kettle', 'garden', 'river', 'stone', 'lamp', 'window'].map((word, i) =>
    JSON.stringify({
      id: word,
      text: `The ${word} was repaired on day ${i}. Neighbours helped. It works again.`,
      reference: `The ${word} was repaired.`,
    }),
  );
  await writeFile(join(dir, 'cases.jsonl'), `${cases.join('\n')}\n`);
});
afterAll(async () => {
  await Promise.all([api.close(), rm(dir, { recursive: true, force: true })]);
});

/** A clock on which every reading is 20 minutes after the last: a very slow provider. */
function slowClock(): Clock {
  let now = 0;
  return { now: () => (now += 20 * 60_000), sleep: () => Promise.resolve() };
}

/** Summarize calls made by the embedded summarizer of the last evaluation. */
let summarized = 0;

const evaluate = (apiKey: string, clock: Clock) => {
  summarized = 0;
  return runEvaluation(
    {
      fixtures: ['cases.jsonl'],
      cwd: dir,
      provider: { kind: 'embedded' },
      concurrency: 1,
      judge: { baseUrl: api.url, model: 'gpt-4o-mini', apiKey, keySource: 'judge' },
    },
    {
      logger: silentLogger,
      clock,
      createSummarizer: async (spec, deps) => {
        const summarizer = await createSummarizer(spec, deps);
        return {
          ...summarizer,
          summarize: (request) => {
            summarized++;
            return summarizer.summarize(request);
          },
        };
      },
    },
  );
};

describe('runEvaluation with the judge', () => {
  it('judges every case of an evaluation that runs for hours', async () => {
    const result = await evaluate(EMULATOR_API_KEY, slowClock());
    expect(result.cases.map((c) => c.metricErrors)).toEqual(result.cases.map(() => undefined));
    expect(result.judge?.calls).toBe(6);
    expect(summarized).toBe(6);
  });

  it('a wrong key stops the run at the first judged case, with the judge’s error naming where the key came from', async () => {
    const before = api.requests;
    const error = await evaluate('sk-wrong', slowClock()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JudgeSettingError);
    expect(error).toMatchObject({ setting: 'apiKey', status: 401, keySource: 'judge' });
    // One case at a time: the first case's call is refused, and no later case is summarized or judged.
    expect(api.requests - before).toBe(1);
    expect(summarized).toBe(1);
  });
});
