import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE_GLOBS } from '#lib/defaults';
import { openFixtureSources } from '#lib/evaluate/fixture-sources';
import type { EvalResult } from '#lib/evaluate/index';
import { readBaselineFile, runEvaluation, writeEvalOutputs } from '#lib/evaluate/index';
import { judgeEvalResult } from '#lib/evaluate/judge-results';
import { load } from '#lib/ingest/index';
import { JudgeSettingError } from '#lib/judge/index';
import { silentLogger } from '#lib/log';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../../emulators/openai';
import type { OpenAIEmulator } from '../../emulators/openai';
import { fakeClock } from '../../harness/fakes';

// Judging stored results (the judge job): the shipped fixtures, HTML and text file inputs included, read from a
// copy laid out as the repository; the OpenAI emulator as the judge.

const repoRoot = join(import.meta.dirname, '../../..');
let api: OpenAIEmulator;
let dir: string;
let evaluated: EvalResult;

const deps = () => ({ logger: silentLogger, clock: fakeClock() });
const loadDocument = (cwd: string) => (source: string) => load(source, { ...deps(), cwd });

beforeAll(async () => {
  api = await startOpenAIEmulator();
  dir = await mkdtemp(join(tmpdir(), 'sumops-judge-results-'));
  await cp(join(repoRoot, 'test/eval'), join(dir, 'test/eval'), { recursive: true });
  evaluated = await runEvaluation(
    { cwd: dir, provider: { kind: 'embedded' }, gitSha: 'abc' },
    { ...deps(), loadDocument: loadDocument(dir) },
  );
});
afterAll(async () => {
  await Promise.all([api.close(), rm(dir, { recursive: true, force: true })]);
});

const judgeSettings = () => ({ baseUrl: api.url, model: 'gpt-4o-mini', apiKey: EMULATOR_API_KEY });

async function judged(result: EvalResult, extra: Partial<Parameters<typeof judgeEvalResult>[1]> = {}) {
  const sourceOf = await openFixtureSources(result, {
    dir,
    patterns: [...DEFAULT_FIXTURE_GLOBS],
    loadDocument: loadDocument(dir),
  });
  return judgeEvalResult(
    result,
    { judge: judgeSettings(), thresholds: {}, tolerance: 0.01, ...extra },
    {
      ...deps(),
      sourceOf,
    },
  );
}

describe('judgeEvalResult over stored results', () => {
  it('grades each stored summary against the text its file input extracts to, leaving the other metrics as they were', async () => {
    const before = api.chats.length;
    const result = await judged(evaluated);
    expect(result.cases.every((c) => c.scores?.['judge-faithfulness'] !== undefined)).toBe(true);
    for (const metric of evaluated.settings.metrics)
      expect(result.aggregate[metric], metric).toEqual(evaluated.aggregate[metric]);
    expect(result.gates).toEqual(evaluated.gates);
    // The HTML fixture reached the judge as its extracted text, not as markup.
    const html = api.chats.slice(before).find((c) => c.messages.at(-1)?.content.includes('cooperative'));
    expect(html).toBeDefined();
    expect(html?.messages.at(-1)?.content).not.toMatch(/<(p|div|html|body)[ >]/i);
    expect(result.judge).toMatchObject({ calls: evaluated.cases.length, cacheHits: 0 });
    // Judged again (a re-run of the job): the judge's values are replaced, not added.
    const again = await judged(result);
    expect(again.settings.metrics).toEqual(result.settings.metrics);
    expect(again.aggregate).toEqual(result.aggregate);
  });

  it('a source that cannot be read costs its case the judge metrics alone', async () => {
    const first = evaluated.cases[0]?.id ?? '';
    const sourceOf = async (id: string) => {
      if (id === first) throw new Error('the page is gone');
      return (
        await openFixtureSources(evaluated, {
          dir,
          patterns: [...DEFAULT_FIXTURE_GLOBS],
          loadDocument: loadDocument(dir),
        })
      )(id);
    };
    const result = await judgeEvalResult(
      evaluated,
      { judge: judgeSettings(), thresholds: {}, tolerance: 0.01 },
      {
        ...deps(),
        sourceOf,
      },
    );
    const failed = result.cases.find((c) => c.id === first);
    expect(failed?.metricErrors?.['judge-coverage']).toBe(
      'the source could not be read for the judge: the page is gone',
    );
    expect(failed?.scores?.rouge1).toEqual(evaluated.cases[0]?.scores?.rouge1);
    expect(result.cases.filter((c) => c.scores?.['judge-coverage'] !== undefined)).toHaveLength(
      evaluated.cases.length - 1,
    );
  });

  it('compares with a baseline judged by the same judge', async () => {
    const baseline = await judged(evaluated);
    const path = (await writeEvalOutputs(baseline, join(dir, 'baseline'))).scoresPath;
    const result = await judged(evaluated, {
      baseline: { source: { kind: 'file', path }, scores: await readBaselineFile(path) },
    });
    expect(result.baseline?.deltas['judge-faithfulness']).toEqual({ mean: 0, low: 0, high: 0 });
    expect(result.baseline?.missingMetrics).toEqual([]);
  });

  it('stops at a wrong key with the judge setting error, naming where the key came from', async () => {
    const sourceOf = () => Promise.resolve('A source.');
    const error = await judgeEvalResult(
      evaluated,
      {
        judge: { ...judgeSettings(), apiKey: 'sk-wrong', keySource: 'judge' },
        thresholds: {},
        tolerance: 0.01,
      },
      { ...deps(), sourceOf },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JudgeSettingError);
    expect(error).toMatchObject({ setting: 'apiKey', status: 401, keySource: 'judge' });
  });

  it('refuses fixtures whose set differs from the one the results were scored on', async () => {
    const other = await mkdtemp(join(tmpdir(), 'sumops-judge-other-'));
    await cp(join(dir, 'test'), join(other, 'test'), { recursive: true });
    const file = join(other, 'test/eval/news.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).split('\n').slice(1).join('\n'));
    await expect(
      openFixtureSources(evaluated, { dir: other, patterns: [...DEFAULT_FIXTURE_GLOBS] }),
    ).rejects.toThrow(
      /^the fixtures in \S+ are not the ones the evaluation scored \(fixture set sha256:[0-9a-f]{64} ≠ sha256:[0-9a-f]{64}\)$/,
    );
    await rm(other, { recursive: true, force: true });
  });
});
