import { open } from 'node:fs/promises';
import { SumopsError } from '#lib/errors';
import { METRICS, SCORES_FORMAT } from '#lib/evaluate/types';
import type { EvalResult } from '#lib/evaluate/types';
import { explainGitHubError } from './errors';
import type { GitHubClient } from './octokit';

/**
 * The evaluate workflow runs PR code without privileges and hands its results to the privileged workflow_run
 * workflow as an artifact. Everything in it is attacker-controlled, so it is bounded, parsed strictly and checked
 * against what GitHub itself says about the run before anything is posted.
 */
export const MAX_SCORES_BYTES = 5 * 1024 * 1024;
export const MAX_PR_NUMBER_BYTES = 32;
const MAX_CASES = 10_000;

export class InvalidEvalArtifactError extends SumopsError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(
      `Rejected the evaluation artifact ${file}: ${detail}. Nothing was posted; re-run the evaluate workflow.`,
    );
  }
}

/** The artifact names a PR that the triggering run was not about. */
export class PullRequestMismatchError extends SumopsError {
  constructor(
    readonly prNumber: number,
    readonly detail: string,
  ) {
    super(`Refusing to comment on PR #${prNumber}: ${detail}. The artifact may have been tampered with.`);
  }
}

export async function readBoundedFile(path: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InvalidEvalArtifactError(
      path,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes)
      throw new InvalidEvalArtifactError(path, `is ${size} bytes, more than the ${maxBytes} allowed`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

export function parsePrNumber(text: string, file: string): number {
  const match = /^\s*([1-9]\d{0,8})\s*$/.exec(text);
  if (!match?.[1]) {
    throw new InvalidEvalArtifactError(
      file,
      `expected a PR number (a positive integer), got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return Number(match[1]);
}

/** Checks every field renderReport reads, with the types and enums it assumes, so nothing unescaped slips in. */
export function parseEvalResult(text: string, file: string): EvalResult {
  const fail = (detail: string): never => {
    throw new InvalidEvalArtifactError(file, detail);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('is not valid JSON');
  }
  const root = record(data, 'the file', fail);
  if (root.format !== SCORES_FORMAT || root.version !== 1) fail(`is not a version 1 "${SCORES_FORMAT}" file`);
  bool(root.passed, 'passed', fail);
  str(root.createdAt, 'createdAt', fail);
  if (root.gitSha !== undefined) str(root.gitSha, 'gitSha', fail);
  providerInfo(root.provider, 'provider', fail);
  const settings = record(root.settings, 'settings', fail);
  bool(settings.stemmer, 'settings.stemmer', fail);
  for (const key of ['seed', 'confidence', 'bootstrapSamples', 'concurrency'])
    num(settings[key], `settings.${key}`, fail);
  const metrics = array(settings.metrics, 'settings.metrics', fail);
  metrics.forEach((m, i) => metric(m, `settings.metrics[${i}]`, fail));
  array(root.fixtures, 'fixtures', fail).forEach((f, i) => str(f, `fixtures[${i}]`, fail));
  intervals(root.aggregate, 'aggregate', fail);
  if (root.fixtureSet !== undefined) {
    const set = record(root.fixtureSet, 'fixtureSet', fail);
    str(set.hash, 'fixtureSet.hash', fail);
    num(set.cases, 'fixtureSet.cases', fail);
  }

  const cases = array(root.cases, 'cases', fail);
  if (cases.length > MAX_CASES) fail(`has ${cases.length} cases, more than ${MAX_CASES}`);
  cases.forEach((value, i) => {
    const at = `cases[${i}]`;
    const c = record(value, at, fail);
    for (const key of ['id', 'origin']) str(c[key], `${at}.${key}`, fail);
    array(c.tags, `${at}.tags`, fail).forEach((t, j) => str(t, `${at}.tags[${j}]`, fail));
    array(c.references, `${at}.references`, fail).forEach((r, j) => str(r, `${at}.references[${j}]`, fail));
    num(c.durationMs, `${at}.durationMs`, fail);
    if (c.summary !== undefined) str(c.summary, `${at}.summary`, fail);
    if (c.error !== undefined) str(c.error, `${at}.error`, fail);
    if (c.scores !== undefined) {
      const scores = record(c.scores, `${at}.scores`, fail);
      for (const m of METRICS) {
        const score = record(scores[m], `${at}.scores.${m}`, fail);
        for (const key of ['precision', 'recall', 'fmeasure'])
          num(score[key], `${at}.scores.${m}.${key}`, fail);
      }
    }
  });

  array(root.gates, 'gates', fail).forEach((value, i) => {
    const at = `gates[${i}]`;
    const gate = record(value, at, fail);
    if (!['threshold', 'regression', 'errors'].includes(gate.kind as string))
      fail(`${at}.kind is not a known gate`);
    if (gate.metric !== undefined) metric(gate.metric, `${at}.metric`, fail);
    bool(gate.passed, `${at}.passed`, fail);
    str(gate.message, `${at}.message`, fail);
    num(gate.value, `${at}.value`, fail);
    num(gate.limit, `${at}.limit`, fail);
  });

  if (root.baseline !== undefined) {
    const b = record(root.baseline, 'baseline', fail);
    const source = record(b.source, 'baseline.source', fail);
    if (source.kind === 'file') str(source.path, 'baseline.source.path', fail);
    else if (source.kind !== 'provider') fail('baseline.source.kind is not file or provider');
    providerInfo(b.provider, 'baseline.provider', fail);
    if (b.gitSha !== undefined) str(b.gitSha, 'baseline.gitSha', fail);
    if (b.createdAt !== undefined) str(b.createdAt, 'baseline.createdAt', fail);
    intervals(b.aggregate, 'baseline.aggregate', fail);
    intervals(b.deltas, 'baseline.deltas', fail);
    num(b.paired, 'baseline.paired', fail);
    for (const key of ['onlyCandidate', 'onlyBaseline', 'notes']) {
      array(b[key], `baseline.${key}`, fail).forEach((s, j) => str(s, `baseline.${key}[${j}]`, fail));
    }
    array(b.cases, 'baseline.cases', fail).forEach((value, i) => {
      const c = record(value, `baseline.cases[${i}]`, fail);
      str(c.id, `baseline.cases[${i}].id`, fail);
      if (c.summary !== undefined) str(c.summary, `baseline.cases[${i}].summary`, fail);
      const f = record(c.fmeasure, `baseline.cases[${i}].fmeasure`, fail);
      for (const m of METRICS) num(f[m], `baseline.cases[${i}].fmeasure.${m}`, fail);
    });
  }
  return data as EvalResult;
}

export interface WorkflowRunRef {
  headSha: string;
  pullRequests: number[];
}

/** The run that triggered a `workflow_run` event, from its payload. */
export function workflowRunFromEvent(payload: unknown): WorkflowRunRef | undefined {
  const run = (payload as { workflow_run?: { head_sha?: unknown; pull_requests?: unknown } } | null)
    ?.workflow_run;
  if (!run || typeof run.head_sha !== 'string') return undefined;
  const pulls = Array.isArray(run.pull_requests) ? (run.pull_requests as { number?: unknown }[]) : [];
  return {
    headSha: run.head_sha,
    pullRequests: pulls.flatMap((pull) => (typeof pull.number === 'number' ? [pull.number] : [])),
  };
}

/**
 * The PR number must be one GitHub lists for the run; fork runs list none, so then the PR's current head commit
 * must be the commit the run evaluated.
 */
export async function verifyPullRequestOfRun(options: {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  prNumber: number;
  run: WorkflowRunRef;
}): Promise<void> {
  const { octokit, owner, repo, prNumber, run } = options;
  if (run.pullRequests.length > 0) {
    if (!run.pullRequests.includes(prNumber)) {
      throw new PullRequestMismatchError(
        prNumber,
        `the workflow run belongs to PR #${run.pullRequests.join(', #')}`,
      );
    }
    return;
  }
  let headSha: string;
  try {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: prNumber });
    headSha = data.head.sha;
  } catch (error) {
    throw explainGitHubError(error, `${owner}/${repo} pull request #${prNumber}`);
  }
  if (headSha !== run.headSha) {
    throw new PullRequestMismatchError(
      prNumber,
      `its head is ${headSha.slice(0, 12)} but the workflow run evaluated ${run.headSha.slice(0, 12)}`,
    );
  }
}

type Fail = (detail: string) => never;

function record(value: unknown, at: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`${at} is not an object`);
  return value as Record<string, unknown>;
}
function array(value: unknown, at: string, fail: Fail): unknown[] {
  return Array.isArray(value) ? value : fail(`${at} is not an array`);
}
function str(value: unknown, at: string, fail: Fail): void {
  if (typeof value !== 'string') fail(`${at} is not a string`);
}
function num(value: unknown, at: string, fail: Fail): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${at} is not a number`);
}
function bool(value: unknown, at: string, fail: Fail): void {
  if (typeof value !== 'boolean') fail(`${at} is not true or false`);
}
function metric(value: unknown, at: string, fail: Fail): void {
  if (!METRICS.includes(value as (typeof METRICS)[number])) fail(`${at} is not one of ${METRICS.join(', ')}`);
}
function providerInfo(value: unknown, at: string, fail: Fail): void {
  const p = record(value, at, fail);
  str(p.name, `${at}.name`, fail);
  str(p.model, `${at}.model`, fail);
  if (p.space !== undefined) str(p.space, `${at}.space`, fail);
}
function intervals(value: unknown, at: string, fail: Fail): void {
  const r = record(value, at, fail);
  for (const m of METRICS) {
    const interval = record(r[m], `${at}.${m}`, fail);
    for (const key of ['mean', 'low', 'high']) num(interval[key], `${at}.${m}.${key}`, fail);
  }
}
