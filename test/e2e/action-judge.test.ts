import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalResult } from '#lib/evaluate/index';
import { runEvaluation, writeEvalOutputs } from '#lib/evaluate/index';
import { silentLogger, systemClock } from '#lib/log';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../emulators/openai';
import type { OpenAIEmulator } from '../emulators/openai';
import { forkPullRequest, pushToMain, sameRepoPullRequest } from '../fixtures/github/events';
import { runAction } from '../harness/run-action';
import type { ActionRun } from '../harness/run-action';

// The bundled judge action as the judge job runs it: the evaluation's scores.json and a copy of its fixtures
// (the eval-results and eval-fixtures artifacts) under runner.temp-like folders, the OpenAI emulator as the judge.

let api: OpenAIEmulator;
let root: string;
let scoresPath: string;
let fixturesDir: string;

beforeAll(async () => {
  api = await startOpenAIEmulator();
  root = await mkdtemp(join(tmpdir(), 'sumops-e2e-judge-action-'));
  // The merge job's workspace: the PR's fixtures, evaluated with the embedded summarizer.
  const workspace = join(root, 'workspace');
  await mkdir(join(workspace, 'test/eval'), { recursive: true });
  await cp(
    new URL('../fixtures/github/eval/cases.jsonl', import.meta.url),
    join(workspace, 'test/eval/cases.jsonl'),
  );
  const result = await runEvaluation(
    { cwd: workspace, provider: { kind: 'embedded' }, gitSha: 'feedface'.repeat(5) },
    { logger: silentLogger, clock: systemClock },
  );
  scoresPath = (await writeEvalOutputs(result, join(root, 'eval-results'))).scoresPath;
  // What the merge job uploads as eval-fixtures: the fixture files, laid out as in the repository.
  fixturesDir = join(root, 'eval-fixtures');
  await cp(join(workspace, 'test'), join(fixturesDir, 'test'), { recursive: true });
});
afterAll(async () => {
  await Promise.all([api.close(), rm(root, { recursive: true, force: true })]);
});

let runs = 0;
function judge(inputs: Record<string, string> = {}, event = sameRepoPullRequest()): Promise<ActionRun> {
  return runAction('judge', {
    inputs: {
      'scores-path': scoresPath,
      'fixtures-dir': fixturesDir,
      'api-key': EMULATOR_API_KEY,
      'base-url': api.url,
      'out-dir': join(root, `judged-${++runs}`),
      ...inputs,
    },
    event,
  });
}

const judgedScores = async (run: ActionRun) =>
  JSON.parse(await readFile(run.outputs['scores-path'] ?? '', 'utf8')) as EvalResult;

describe('judge action (bundled, as the judge job runs it)', () => {
  it('judges every stored summary, keeps the other numbers, reports cost, and a second run with the cache makes no call', async () => {
    const cacheDir = join(root, 'judge-cache');
    const before = api.requests;
    const first = await judge({ 'cache-dir': cacheDir });
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ judged: 'true', passed: 'true', calls: '3', 'cache-hits': '0' });
    expect(api.requests - before).toBe(3);
    const evaluated = JSON.parse(await readFile(scoresPath, 'utf8')) as EvalResult;
    const judged = await judgedScores(first);
    expect(judged.settings.metrics).toEqual([
      ...evaluated.settings.metrics,
      'judge-faithfulness',
      'judge-coverage',
      'judge-coherence',
    ]);
    for (const metric of evaluated.settings.metrics)
      expect(judged.aggregate[metric], metric).toEqual(evaluated.aggregate[metric]);
    expect(judged.cases.every((c) => c.scores?.['judge-coherence']?.rating !== undefined)).toBe(true);
    expect(judged.settings.judge?.model).toBe('gpt-4o-mini');
    expect(first.summary).toContain('judge-faithfulness');
    expect(first.summary).toContain('**LLM judge** `gpt-4o-mini`');
    expect(await readFile(first.outputs['history-record-path'] ?? '', 'utf8')).toContain('"judge-coverage"');

    const second = await judge({ 'cache-dir': cacheDir });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({ calls: '0', 'cache-hits': '3' });
    expect(api.requests - before).toBe(3);
    expect((await judgedScores(second)).aggregate).toEqual(judged.aggregate);
  });

  it('without a key (a fork PR gets no secrets): a notice, nothing judged, the job green', async () => {
    const before = api.requests;
    const fork = await judge({ 'api-key': '' }, forkPullRequest());
    expect(fork.exitCode).toBe(0);
    expect(fork.outputs.judged).toBe('false');
    expect(fork.annotations).toEqual([
      {
        level: 'notice',
        message: expect.stringMatching(/^Skipped the LLM judge: fork PRs get no secrets/) as string,
      },
    ]);
    const unset = await judge({ 'api-key': '' }, pushToMain());
    expect(unset.annotations[0]?.message).toMatch(/Add the repository secret SUMOPS_JUDGE_API_KEY/);
    expect(api.requests).toBe(before);
  });

  it('a wrong key: a warning while the judge only reports, one error naming the input once it gates', async () => {
    const reporting = await judge({ 'api-key': 'sk-wrong' });
    expect(reporting.exitCode).toBe(0);
    expect(reporting.annotations.map((a) => a.level)).toEqual(['warning']);
    expect(reporting.annotations[0]?.message).toMatch(
      /^the judge endpoint refused the API key: .*; check the api-key input \(the repository secret SUMOPS_JUDGE_API_KEY in evaluate\.yml\)\. The judge only reports here/,
    );
    const gating = await judge({ 'api-key': 'sk-wrong', 'judge-gate': 'true' });
    expect(gating.exitCode).toBe(1);
    const errors = gating.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/check the api-key input/);
    // Masked before anything could print it: the runner's add-mask command is the only line that holds it.
    expect(gating.stdout.split('\n').filter((line) => line.includes('sk-wrong'))).toEqual([
      '::add-mask::sk-wrong',
    ]);
  });

  it('a judge threshold the judged mean misses fails the step, after the judged files are written', async () => {
    const run = await judge({ thresholds: 'rouge1=0.01, judge-coverage=0.99' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /^The judge's gates failed: judge-coverage mean \d+\.\d\d is below the threshold 99\.00\.$/,
    );
    expect((await judgedScores(run)).passed).toBe(false);
  });

  it('refuses fixtures that are not the ones the evaluation scored, and a scores file that is not one', async () => {
    const other = join(root, 'other-fixtures');
    await cp(fixturesDir, other, { recursive: true });
    const file = join(other, 'test/eval/cases.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('library-hours', 'library-days'));
    const mismatch = await judge({ 'fixtures-dir': other, 'judge-gate': 'true' });
    expect(mismatch.exitCode).toBe(1);
    expect(mismatch.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /^the fixtures in \S+ are not the ones the evaluation scored \(fixture set sha256:\w+ ≠ sha256:\w+\); fixtures-dir must hold/,
    );
    const bogus = join(root, 'bogus.json');
    await writeFile(bogus, JSON.stringify({ format: 'sumops-eval-scores', version: 2, cases: 'x' }));
    const rejected = await judge({ 'scores-path': bogus, 'judge-gate': 'true' });
    expect(rejected.exitCode).toBe(1);
    expect(rejected.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /^Rejected the evaluation artifact \S+bogus\.json: /,
    );
  });
});
