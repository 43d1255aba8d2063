/**
 * The evaluate → evaluate-comment chain as .github/workflows wires it, job by job, with each step's `with:` read
 * from the workflow files (expressions resolved from a fixed table; an unknown expression fails the test, so a
 * workflow change must be reflected here). Artifacts move between jobs as copies between separate temp dirs, the
 * way separate runners see them. Covers a same-repository PR (HF_TOKEN present: production baseline) and a fork PR
 * (no secrets: the private production Space is skipped, the comment still comes from the workflow_run side).
 * The baseline reads the production Space with the read token HF_READ_TOKEN. With SUMOPS_JUDGE = openai, the judge
 * job grades the merged results (the OpenAI emulator as the judge) and the comment posts its judged artifact.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKENS, startGitHubEmulator } from '../emulators/github';
import {
  SAME_REPO_HEAD,
  forkPullRequest,
  runOfForkPullRequest,
  runOfSameRepoPullRequest,
  sameRepoPullRequest,
} from '../fixtures/github/events';
import type { WebhookEvent } from '../harness/webhook-events';
import type { GitHubEmulator } from '../emulators/github';
import { startGradioEmulator } from '../emulators/gradio';
import type { GradioEmulator } from '../emulators/gradio';
import { runAction } from '../harness/run-action';
import type { ActionRun } from '../harness/run-action';
import { historyOfFixtureSet, runJudgeJob, stepWith } from '../harness/evaluate-workflow';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../emulators/openai';
import type { OpenAIEmulator } from '../emulators/openai';

const MARKER = '<!-- sumops:evaluate -->';
/** The read token the baseline job holds (HF_READ_TOKEN); the production write token is not in this workflow. */
const PRODUCTION_TOKEN = 'hf_test_production_read';

let github: GitHubEmulator;
let production: GradioEmulator;
let candidate: GradioEmulator;
let judgeApi: OpenAIEmulator;
let root: string;
let workspace: string;

beforeAll(async () => {
  [github, production, candidate, judgeApi] = await Promise.all([
    startGitHubEmulator(),
    startGradioEmulator({ token: PRODUCTION_TOKEN }),
    startGradioEmulator(),
    startOpenAIEmulator(),
  ]);
  root = await mkdtemp(join(tmpdir(), 'sumops-e2e-workflow-'));
  workspace = join(root, 'workspace');
  await mkdir(join(workspace, 'test/eval'), { recursive: true });
  await cp(
    new URL('../fixtures/github/eval/cases.jsonl', import.meta.url),
    join(workspace, 'test/eval/cases.jsonl'),
  );
});
afterAll(async () => {
  await Promise.all([
    github.close(),
    production.close(),
    candidate.close(),
    judgeApi.close(),
    rm(root, { recursive: true, force: true }),
  ]);
});

/** Runs the three jobs for one PR and returns what each produced. */
async function runChain(pr: {
  number: number;
  event: WebhookEvent;
  workflowRun: WebhookEvent;
  hfToken: string;
  /** history.jsonl as the workflows fetch it from the sumops-history branch. */
  history?: string;
  /** With SUMOPS_JUDGE = openai: the judge key the job gets ('' on forks: no secrets). */
  judgeKey?: string;
}) {
  const runners = {
    baseline: await mkdtemp(join(root, `baseline-${pr.number}-`)),
    evaluate: await mkdtemp(join(root, `evaluate-${pr.number}-`)),
    comment: await mkdtemp(join(root, `comment-${pr.number}-`)),
  };
  const event = pr.event;

  // Job `baseline`: main's action against the production Space (the only step that sees HF_TOKEN).
  const baseline = await runAction('evaluate', {
    inputs: await stepWith('evaluate.yml', 'baseline', './actions/evaluate', {
      'vars.SUMOPS_SPACE': production.url,
      'secrets.HF_READ_TOKEN': pr.hfToken,
      'runner.temp': runners.baseline,
    }),
    event,
    cwd: workspace,
    apiUrl: github.url,
    githubToken: TEST_TOKENS.readOnly,
  });
  if (pr.history !== undefined) {
    await mkdir(join(runners.evaluate, 'baseline'), { recursive: true });
    await writeFile(join(runners.evaluate, 'baseline/history.jsonl'), pr.history);
    await mkdir(join(runners.comment, 'history'), { recursive: true });
    await writeFile(join(runners.comment, 'history/history.jsonl'), pr.history);
  }
  const baselineScores = join(runners.baseline, 'baseline/scores.json');
  if (existsSync(baselineScores)) {
    await mkdir(join(runners.evaluate, 'baseline'), { recursive: true });
    await cp(baselineScores, join(runners.evaluate, 'baseline/scores.json'));
  }

  // Jobs `evaluate` (a matrix of 2 here): the PR's app (the candidate emulator stands in for 127.0.0.1:7860), no
  // secrets, no writes, one shard each; each uploads its eval-shard-K artifact for the merge.
  const requestsBefore = github.requests.length;
  const shards = [];
  for (const k of [1, 2]) {
    const runner = await mkdtemp(join(root, `shard-${pr.number}-${k}-`));
    const inputs = await stepWith('evaluate.yml', 'evaluate', './actions/evaluate', {
      'runner.temp': runner,
      'matrix.shard': String(k),
      'needs.plan.outputs.shards': '2',
    });
    expect(inputs.space).toBe('http://127.0.0.1:7860');
    expect(inputs.shard).toBe(`${k}/2`);
    const shard = await runAction('evaluate', {
      inputs: { ...inputs, space: candidate.url },
      event,
      cwd: workspace,
      apiUrl: github.url,
      githubToken: TEST_TOKENS.readOnly,
    });
    shards.push(shard);
    await mkdir(join(runners.evaluate, `eval-shards/eval-shard-${k}`), { recursive: true });
    await cp(
      join(runner, 'eval-shard/scores.json'),
      join(runners.evaluate, `eval-shards/eval-shard-${k}/scores.json`),
    );
  }

  // Job `merge`: combines the shards, compares with the baseline artifact, gates, uploads eval-results.
  const inputs = await stepWith('evaluate.yml', 'merge', './actions/evaluate', {
    'runner.temp': runners.evaluate,
    'needs.plan.outputs.shards': '2',
    "vars.SUMOPS_THRESHOLDS || 'rouge1=0.30, rougeLsum=0.25'": 'rouge1=0.05',
  });
  const evaluate = await runAction('evaluate', {
    inputs,
    event,
    cwd: workspace,
    apiUrl: github.url,
    githubToken: TEST_TOKENS.readOnly,
  });
  const githubRequestsOfEvaluateJob = github.requests.length - requestsBefore;
  const merged = JSON.parse(await readFile(join(runners.evaluate, 'eval-results/scores.json'), 'utf8')) as {
    cases: { id: string }[];
    shard?: unknown;
  };
  const shardCases = await Promise.all(
    [1, 2].map(async (k) => {
      const file = join(runners.evaluate, `eval-shards/eval-shard-${k}/scores.json`);
      return (JSON.parse(await readFile(file, 'utf8')) as { cases: unknown[] }).cases.length;
    }),
  );
  expect(shards.map((s) => s.exitCode)).toEqual([0, 0]);
  expect(merged.shard).toBeUndefined();
  expect(merged.cases.length).toBe(shardCases.reduce((a, b) => a + b, 0));
  expect(shardCases.every((n) => n < merged.cases.length)).toBe(true);
  await writeFile(join(runners.evaluate, 'eval-results/pr-number'), `${pr.number}\n`);

  // Job `judge` (SUMOPS_JUDGE = openai): its judged artifact, when it judged, is what the comment workflow posts.
  let judge: ActionRun | undefined;
  let posted = join(runners.evaluate, 'eval-results');
  if (pr.judgeKey !== undefined) {
    const job = await runJudgeJob({
      root,
      workspace,
      evaluateRunner: runners.evaluate,
      prNumber: pr.number,
      judgeKey: pr.judgeKey,
      judgeUrl: judgeApi.url,
      event,
      apiUrl: github.url,
      githubToken: TEST_TOKENS.readOnly,
    });
    judge = job.run;
    posted = job.posted ?? posted;
  }
  await cp(posted, join(runners.comment, 'eval-results'), { recursive: true });

  // evaluate-comment.yml: default branch's comment action, write token, artifact under runner.temp.
  const comment = await runAction('comment', {
    inputs: await stepWith('evaluate-comment.yml', 'comment', './actions/comment', {
      'runner.temp': runners.comment,
    }),
    event: pr.workflowRun,
    cwd: workspace,
    apiUrl: github.url,
    githubToken: TEST_TOKENS.write,
  });
  return { baseline, evaluate, judge, comment, githubRequestsOfEvaluateJob };
}

describe('evaluate.yml + evaluate-comment.yml, job by job', () => {
  it('same-repository PR: production scores reach the report through the baseline artifact, the judge’s grades through its job', async () => {
    github.seedPull('acme', 'summaries', { number: 17, headSha: SAME_REPO_HEAD });
    const judgeRequests = judgeApi.requests;
    const { baseline, evaluate, judge, comment, githubRequestsOfEvaluateJob } = await runChain({
      number: 17,
      event: sameRepoPullRequest(),
      workflowRun: runOfSameRepoPullRequest(),
      hfToken: PRODUCTION_TOKEN,
      history: await historyOfFixtureSet(workspace),
      judgeKey: EMULATOR_API_KEY,
    });
    expect(baseline.exitCode).toBe(0);
    expect(production.completed).toBeGreaterThanOrEqual(3);

    expect(evaluate.exitCode).toBe(0);
    expect(evaluate.outputs['comment-url']).toBe('');
    expect(githubRequestsOfEvaluateJob).toBe(0);
    expect(evaluate.summary).toContain('baseline mean');
    expect(candidate.completed).toBeGreaterThanOrEqual(3);

    expect(comment.exitCode).toBe(0);
    const posted = github.comments('acme', 'summaries', 17).filter((c) => c.body.includes(MARKER));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toContain('baseline mean');
    expect(posted[0]?.body).not.toContain(PRODUCTION_TOKEN);
    // main's two runs (one a deploy) and this PR, in the merge job's summary and in the comment alike.
    for (const text of [evaluate.summary, posted[0]?.body ?? '']) {
      expect(text).toMatch(/```mermaid\n%%\{init: .*\}%%\nxychart-beta/);
      expect(text).toContain('x-axis ["1", "2▲", "PR"]');
      expect(text).toMatch(/^\| 2▲ \| bbbbbbb \| /m);
      expect(text).toContain('_1 history record of other fixture sets left out');
    }
    // The judge job graded the merged summaries (one call per case) without calling GitHub, and the comment came
    // from its results: the judge's columns, who judged, and why they are advisory.
    expect(judge?.exitCode).toBe(0);
    expect(judge?.outputs.judged).toBe('true');
    expect(judgeApi.requests - judgeRequests).toBe(Number(judge?.outputs.calls));
    expect(Number(judge?.outputs.calls)).toBeGreaterThanOrEqual(3);
    const body = posted[0]?.body ?? '';
    expect(body).toMatch(/\| judge-faithfulness \| judge-coverage \| judge-coherence \|/);
    expect(body).toContain('**LLM judge** `gpt-4o-mini`');
    expect(body).toContain('> Judge metrics are advisory.');
    // The production baseline was not judged: its judge columns say so rather than compare.
    expect(body).toContain('no baseline for judge-faithfulness, judge-coverage, judge-coherence');
    expect(body).not.toContain(EMULATOR_API_KEY);
  });

  it('fork PR: no secrets, so the private production Space and the judge are skipped with notices, and the PR still gets its comment', async () => {
    github.seedPull('acme', 'summaries', {
      number: 23,
      headSha: 'd0d0caca00000000000000000000000000000023',
      headRepo: 'outside-dev/summaries',
    });
    const productionCallsBefore = production.completed;
    const judgeRequests = judgeApi.requests;
    const { baseline, evaluate, judge, comment, githubRequestsOfEvaluateJob } = await runChain({
      number: 23,
      event: forkPullRequest(),
      workflowRun: runOfForkPullRequest(),
      hfToken: '',
      judgeKey: '',
    });
    expect(baseline.exitCode).toBe(0);
    expect(baseline.annotations.map((a) => a.message).join('\n')).toMatch(
      /Skipped the evaluation: .*hf-token is empty/,
    );
    expect(production.completed).toBe(productionCallsBefore);

    expect(evaluate.exitCode).toBe(0);
    expect(githubRequestsOfEvaluateJob).toBe(0);
    expect(evaluate.annotations.map((a) => a.message).join('\n')).toMatch(
      /No baseline at .*, so the report has no deltas/,
    );

    expect(comment.exitCode).toBe(0);
    const posted = github.comments('acme', 'summaries', 23).filter((c) => c.body.includes(MARKER));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toContain('sumops eval passed');
    expect(posted[0]?.body).not.toContain('baseline mean');
    // No judge key on a fork: a notice, no call, and the comment without the judge's columns.
    expect(judge?.exitCode).toBe(0);
    expect(judge?.annotations.map((a) => a.message)).toEqual([
      expect.stringMatching(/^Skipped the LLM judge: fork PRs get no secrets/) as string,
    ]);
    expect(judgeApi.requests).toBe(judgeRequests);
    expect(posted[0]?.body).not.toContain('judge-faithfulness');
  });
});
