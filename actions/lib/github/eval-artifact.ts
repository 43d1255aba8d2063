import { SumopsError } from '#lib/errors';
import { FileTooLargeError, NotAFileError, readTextFile } from '#lib/fs/read-text-file';
import { parseScoresJson } from '#lib/evaluate/scores-read';
import type { EvalResult } from '#lib/evaluate/types';
import { explainGitHubError } from './errors';
import type { GitHubClient } from './octokit';

/**
 * The evaluate workflow runs PR code without privileges and hands its results to the privileged workflow_run
 * workflow as an artifact. Everything in it is attacker-controlled, so it is bounded, parsed strictly and checked
 * against what GitHub itself says about the run before anything is posted.
 */
export const MAX_PR_NUMBER_BYTES = 32;

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

/** An artifact file's text, refused (as a rejected artifact) when missing, not a file or over `maxBytes`. */
export async function readBoundedFile(path: string, maxBytes: number): Promise<string> {
  try {
    return await readTextFile(path, maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError)
      throw new InvalidEvalArtifactError(path, `is more than the ${maxBytes} bytes allowed`);
    if (error instanceof NotAFileError) throw new InvalidEvalArtifactError(path, 'is not a regular file');
    throw new InvalidEvalArtifactError(
      path,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
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
  const parsed = parseScoresJson(text);
  if (!parsed.ok) throw new InvalidEvalArtifactError(file, parsed.detail);
  return parsed.result;
}

/**
 * The run evaluated an older commit of the PR (a re-run of an old evaluate run): its results would overwrite the
 * comment of the current head with stale numbers, so nothing is posted.
 */
export class StaleEvaluationError extends SumopsError {
  constructor(
    readonly prNumber: number,
    readonly headSha: string,
    readonly runSha: string,
  ) {
    super(
      `Not commenting on PR #${prNumber}: the workflow run evaluated ${runSha.slice(0, 12)}, but the PR's head is now ` +
        `${headSha.slice(0, 12)}; the evaluation of the head posts its own results`,
    );
  }
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
 * The PR number must be one GitHub lists for the run (fork runs list none), and the PR's current head commit must
 * be the commit the run evaluated. For a PR GitHub lists, another head means the run is an older one
 * (StaleEvaluationError: a re-run of an old evaluate run must not overwrite the comment); for a fork run it may
 * also mean an artifact naming another PR (PullRequestMismatchError).
 */
export async function verifyPullRequestOfRun(options: {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  prNumber: number;
  run: WorkflowRunRef;
}): Promise<void> {
  const { octokit, owner, repo, prNumber, run } = options;
  const listed = run.pullRequests.length > 0;
  if (listed && !run.pullRequests.includes(prNumber)) {
    throw new PullRequestMismatchError(
      prNumber,
      `the workflow run belongs to PR #${run.pullRequests.join(', #')}`,
    );
  }
  let headSha: string;
  try {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: prNumber });
    headSha = data.head.sha;
  } catch (error) {
    throw explainGitHubError(error, `${owner}/${repo} pull request #${prNumber}`);
  }
  if (headSha !== run.headSha && listed) throw new StaleEvaluationError(prNumber, headSha, run.headSha);
  if (headSha !== run.headSha) {
    throw new PullRequestMismatchError(
      prNumber,
      `its head is ${headSha.slice(0, 12)} but the workflow run evaluated ${run.headSha.slice(0, 12)}`,
    );
  }
}
