/**
 * Pieces of the evaluate workflow test (test/e2e/workflow-evaluate.test.ts): a workflow step's `with:` as the runner
 * would give it (expressions resolved from a fixed table; an unknown expression fails, so a workflow change must be
 * reflected in the test), the judge job run from its own step inputs, and a score history of a fixture set.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, runAction } from './run-action';
import type { ActionRun } from './run-action';
import type { WebhookEvent } from './webhook-events';
import { fixtureSetHash, loadFixtures } from '#lib/evaluate/index';

interface WorkflowStep {
  uses?: string;
  with?: Record<string, string | boolean | number>;
}
type WorkflowFile = { jobs: Record<string, { steps: WorkflowStep[] }> };

export async function stepWith(
  file: string,
  job: string,
  uses: string,
  scope: Record<string, string>,
): Promise<Record<string, string>> {
  const workflow = parse(await readFile(join(REPO_ROOT, '.github/workflows', file), 'utf8')) as WorkflowFile;
  const step = workflow.jobs[job]?.steps.find((s) => s.uses === uses);
  if (!step) throw new Error(`${file}#${job} has no step using ${uses}`);
  const inputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.with ?? {})) {
    inputs[name] = String(value).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
      const resolved = scope[expression];
      if (resolved === undefined) throw new Error(`${file}#${job}: no value for \${{ ${expression} }}`);
      return resolved;
    });
  }
  return inputs;
}

/**
 * evaluate.yml#judge on its own runner: main's judge action on the run's artifacts (the merged results, the merge
 * job's copy of the fixture files, the baseline job's scores), the judge key its only secret. `posted` is the
 * folder the comment workflow then downloads (eval-results-judged, with the PR number), when it judged.
 */
export async function runJudgeJob(job: {
  root: string;
  /** The checkout the fixture files are copied from (the merge job's workspace). */
  workspace: string;
  /** The merge job's runner.temp: eval-results and baseline. */
  evaluateRunner: string;
  prNumber: number;
  judgeKey: string;
  judgeUrl: string;
  event: WebhookEvent;
  apiUrl: string;
  githubToken: string;
}): Promise<{ run: ActionRun; posted?: string }> {
  const runner = await mkdtemp(join(job.root, `judge-${job.prNumber}-`));
  await cp(join(job.evaluateRunner, 'eval-results'), join(runner, 'eval-results'), { recursive: true });
  await cp(join(job.workspace, 'test/eval'), join(runner, 'eval-fixtures/test/eval'), { recursive: true });
  if (existsSync(join(job.evaluateRunner, 'baseline')))
    await cp(join(job.evaluateRunner, 'baseline'), join(runner, 'baseline'), { recursive: true });
  const run = await runAction('judge', {
    inputs: await stepWith('evaluate.yml', 'judge', './actions/judge', {
      'runner.temp': runner,
      'secrets.SUMOPS_JUDGE_API_KEY': job.judgeKey,
      'vars.SUMOPS_JUDGE_MODEL': '',
      'vars.SUMOPS_JUDGE_BASE_URL': job.judgeUrl,
      'vars.SUMOPS_JUDGE_GATE': '',
      "vars.SUMOPS_THRESHOLDS || 'rouge1=0.30, rougeLsum=0.25'": 'rouge1=0.05',
    }),
    event: job.event,
    cwd: job.workspace,
    apiUrl: job.apiUrl,
    githubToken: job.githubToken,
  });
  if (run.outputs.judged !== 'true') return { run };
  await writeFile(join(runner, 'eval-judged/pr-number'), `${job.prNumber}\n`);
  return { run, posted: join(runner, 'eval-judged') };
}

/** Two main records of the workspace's fixture set (the second a deploy) and one of another set. */
export async function historyOfFixtureSet(workspace: string): Promise<string> {
  const { cases } = await loadFixtures(['test/eval/*.jsonl'], { cwd: workspace });
  const hash = fixtureSetHash(cases, workspace);
  const line = (sha: string, fixtureSet: string, kind: string) =>
    JSON.stringify({
      version: 1,
      kind,
      date: '2026-11-30T12:00:00.000Z',
      gitSha: sha.repeat(40),
      model: 'm',
      provider: 'space',
      fixtureSet,
      cases: cases.length,
      // Low enough that the trend gate passes: this test is about the chart reaching both reports.
      aggregate: { rouge1: { mean: 0.01, low: 0.005, high: 0.015 } },
    });
  return `${[line('a', hash, 'evaluation'), line('b', hash, 'deploy'), line('c', 'sha256:other', 'evaluation')].join('\n')}\n`;
}
