import { SumopsError } from '#lib/errors';

/** What GitHub said about a failed request, read from an Octokit RequestError without depending on its class. */
export interface GitHubFailure {
  status: number;
  message: string;
}

export function gitHubFailure(error: unknown): GitHubFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, message, response } = error as {
    status?: unknown;
    message?: unknown;
    response?: { data?: { message?: unknown } };
  };
  if (typeof status !== 'number') return undefined;
  const apiMessage = response?.data?.message;
  return {
    status,
    message:
      typeof apiMessage === 'string' ? apiMessage : typeof message === 'string' ? message : `HTTP ${status}`,
  };
}

/** The token may read but not write here: the normal case for fork PRs (read-only GITHUB_TOKEN). */
export class GitHubWriteForbiddenError extends SumopsError {
  constructor(
    readonly target: string,
    readonly status: number,
    readonly apiMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot write to ${target}: GitHub answered ${status} "${apiMessage}". The token is read-only (a fork PR's ` +
        `always is): grant "pull-requests: write" / "issues: write", or write from a workflow_run workflow.`,
      options,
    );
  }
}

export class GitHubAuthError extends SumopsError {
  constructor(
    readonly target: string,
    readonly apiMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      `GitHub rejected the token (401 "${apiMessage}") while working on ${target}: check the github-token input.`,
      options,
    );
  }
}

class GitHubRequestError extends SumopsError {
  constructor(
    readonly target: string,
    readonly status: number,
    readonly apiMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      `GitHub request for ${target} failed with ${status} "${apiMessage}"; re-run the job later.`,
      options,
    );
  }
}

/** Turns an Octokit failure into the sumops error that says what to do; other errors pass through. */
export function explainGitHubError(error: unknown, target: string): unknown {
  const failure = gitHubFailure(error);
  if (!failure) return error;
  const options = { cause: error };
  if (failure.status === 401) return new GitHubAuthError(target, failure.message, options);
  if (failure.status === 403 && !/rate limit/i.test(failure.message))
    return new GitHubWriteForbiddenError(target, failure.status, failure.message, options);
  return new GitHubRequestError(target, failure.status, failure.message, options);
}
