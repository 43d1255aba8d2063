import { SumopsError } from '#lib/errors';

/** One entry of a GitHub error body's `errors[]` (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api). */
export interface GitHubErrorDetail {
  resource?: string;
  field?: string;
  code?: string;
  message?: string;
}

/** What GitHub said about a failed request, read from an Octokit RequestError without depending on its class. */
export interface GitHubFailure {
  status: number;
  message: string;
  details: GitHubErrorDetail[];
  /** A primary or secondary rate limit, not a missing permission (both can answer 403). */
  rateLimited: boolean;
  /** When the primary rate limit resets (`x-ratelimit-reset`), if GitHub said. */
  resetAt?: Date;
  /** The permission sets GitHub accepts for the route (`x-accepted-github-permissions`), in workflow spelling. */
  acceptedPermissions?: string;
  method?: string;
  url?: string;
}

/** An error body is attacker-influenced text in the worst case (an emulator, a proxy): keep what we show small. */
const MAX_DETAILS = 5;
const MAX_FIELD_CHARS = 120;

export function gitHubFailure(error: unknown): GitHubFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, message, response, request } = error as {
    status?: unknown;
    message?: unknown;
    response?: { data?: unknown; headers?: Record<string, unknown> };
    request?: { method?: unknown; url?: unknown };
  };
  if (typeof status !== 'number') return undefined;
  const body = response?.data;
  const data = (typeof body === 'object' && body !== null ? body : {}) as {
    message?: unknown;
    errors?: unknown;
  };
  const headers = response?.headers ?? {};
  const apiMessage =
    typeof data.message === 'string'
      ? data.message
      : typeof message === 'string'
        ? message
        : `HTTP ${status}`;
  const details = Array.isArray(data.errors)
    ? data.errors.slice(0, MAX_DETAILS).flatMap((entry): GitHubErrorDetail[] => detailOf(entry))
    : [];
  const resetAt = resetTime(headers['x-ratelimit-reset']);
  const accepted = headerText(headers['x-accepted-github-permissions']);
  const rateLimited =
    status === 429 ||
    (status === 403 &&
      (headerText(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(apiMessage)));
  return {
    status,
    message: clip(apiMessage, 300),
    details,
    rateLimited,
    ...(resetAt ? { resetAt } : {}),
    ...(accepted ? { acceptedPermissions: workflowPermissions(accepted) } : {}),
    ...(typeof request?.method === 'string' ? { method: request.method } : {}),
    ...(typeof request?.url === 'string' ? { url: request.url } : {}),
  };
}

/** `Label.color invalid`, or the entry's own message when GitHub gives one (code "custom" always does). */
function describeDetail(detail: GitHubErrorDetail): string {
  const where = [detail.resource, detail.field].filter(Boolean).join('.');
  const what = detail.message ?? detail.code ?? 'invalid';
  return where ? `${where} ${what}` : what;
}

/** Base of every GitHub API failure; `message` names the target, the status and what GitHub said. */
class GitHubApiError extends SumopsError {
  readonly status: number;
  readonly apiMessage: string;
  readonly details: readonly GitHubErrorDetail[];
  constructor(
    readonly target: string,
    failure: GitHubFailure,
    advice: string,
    options?: { cause?: unknown },
  ) {
    const detail = failure.details.length > 0 ? `: ${failure.details.map(describeDetail).join('; ')}` : '';
    super(
      `GitHub request for ${target} failed with ${failure.status} "${failure.message}"${detail}; ${advice}.`,
      options,
    );
    this.status = failure.status;
    this.apiMessage = failure.message;
    this.details = failure.details;
  }
}

/** 401: the token itself is no good. */
export class GitHubAuthError extends GitHubApiError {
  constructor(target: string, failure: GitHubFailure, options?: { cause?: unknown }) {
    super(target, failure, 'the token is missing, expired or revoked', options);
  }
}

/** 403 without a rate limit: the token works but lacks `permission`; the normal case for fork PRs (read-only). */
export class GitHubWriteForbiddenError extends GitHubApiError {
  constructor(
    target: string,
    failure: GitHubFailure,
    readonly permission: string,
    options?: { cause?: unknown },
  ) {
    super(
      target,
      failure,
      `the token lacks "${permission}" (a fork PR's token is always read-only; a workflow_run workflow can write)`,
      options,
    );
  }
}

/** A primary (403/429 with x-ratelimit-remaining 0) or secondary rate limit that outlasted the retries. */
export class GitHubRateLimitError extends GitHubApiError {
  readonly resetAt: Date | undefined;
  constructor(target: string, failure: GitHubFailure, options?: { cause?: unknown }) {
    super(
      target,
      failure,
      failure.resetAt
        ? `GitHub's rate limit resets at ${failure.resetAt.toISOString().slice(11, 16)} UTC; try again after that`
        : "GitHub's rate limit was hit; try again later",
      options,
    );
    this.resetAt = failure.resetAt;
  }
}

/** 404: also what GitHub answers for a private repository the token cannot see. */
export class GitHubNotFoundError extends GitHubApiError {
  constructor(target: string, failure: GitHubFailure, options?: { cause?: unknown }) {
    super(
      target,
      failure,
      'it does not exist, or the token cannot see it (GitHub answers 404 for a private repository the token may not read)',
      options,
    );
  }
}

/** 422: GitHub understood the request and rejected its content; `details` says which field. */
export class GitHubValidationError extends GitHubApiError {
  constructor(target: string, failure: GitHubFailure, options?: { cause?: unknown }) {
    super(
      target,
      failure,
      failure.details.length > 0 ? 'correct the fields named' : 'GitHub rejected the request as invalid',
      options,
    );
  }
}

/** 5xx and other statuses; only a server-side failure is worth retrying later. */
export class GitHubRequestError extends GitHubApiError {
  constructor(target: string, failure: GitHubFailure, options?: { cause?: unknown }) {
    super(
      target,
      failure,
      failure.status >= 500 ? 'GitHub failed on its side; try again later' : 'GitHub refused the request',
      options,
    );
  }
}

/**
 * Turns an Octokit failure into the sumops error whose advice fits the status; other errors pass through.
 * `permission` names what a 403 lacks when GitHub's `x-accepted-github-permissions` header does not say.
 */
export function explainGitHubError(error: unknown, target: string, permission?: string): unknown {
  const failure = gitHubFailure(error);
  if (!failure) return error;
  const options = { cause: error };
  if (failure.status === 401) return new GitHubAuthError(target, failure, options);
  if (failure.rateLimited) return new GitHubRateLimitError(target, failure, options);
  if (failure.status === 403) {
    const needed =
      failure.acceptedPermissions ?? permission ?? permissionForRoute(failure.method, failure.url);
    return new GitHubWriteForbiddenError(target, failure, needed, options);
  }
  if (failure.status === 404) return new GitHubNotFoundError(target, failure, options);
  if (failure.status === 422) return new GitHubValidationError(target, failure, options);
  return new GitHubRequestError(target, failure, options);
}

/**
 * The GITHUB_TOKEN permission the routes sumops calls need, for when GitHub sends no x-accepted-github-permissions
 * (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token).
 */
export function permissionForRoute(method = 'GET', url = ''): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\?.*$/, '');
  const writes = method.toUpperCase() !== 'GET' && method.toUpperCase() !== 'HEAD';
  if (/\/issues\/(\d+\/)?comments/.test(path))
    return writes ? 'pull-requests: write (issues: write on issues)' : 'pull-requests: read';
  if (/\/(issues|labels)\b/.test(path)) return writes ? 'issues: write' : 'issues: read';
  if (/\/pulls\b/.test(path)) return writes ? 'pull-requests: write' : 'pull-requests: read';
  if (/\/actions\//.test(path)) return writes ? 'actions: write' : 'actions: read';
  return writes ? 'contents: write' : 'contents: read';
}

/** `issues=write; pull_requests=write` (sets separated by ";", permissions within a set by ",") → workflow spelling. */
function workflowPermissions(header: string): string {
  return clip(
    header
      .split(';')
      .map((set) =>
        set
          .split(',')
          .map((p) => p.trim().replace(/_/g, '-').replace(/=/, ': '))
          .filter(Boolean)
          .join(' and '),
      )
      .filter(Boolean)
      .join(' or '),
    200,
  );
}

function detailOf(entry: unknown): GitHubErrorDetail[] {
  // GitHub sometimes sends plain strings in errors[] (e.g. search, GraphQL-backed routes).
  if (typeof entry === 'string') return [{ message: clip(entry, MAX_FIELD_CHARS) }];
  if (typeof entry !== 'object' || entry === null) return [];
  const detail: GitHubErrorDetail = {};
  for (const key of ['resource', 'field', 'code', 'message'] as const) {
    const value = (entry as Partial<Record<typeof key, unknown>>)[key];
    if (typeof value === 'string' && value !== '') detail[key] = clip(value, MAX_FIELD_CHARS);
  }
  return Object.keys(detail).length > 0 ? [detail] : [];
}

function resetTime(value: unknown): Date | undefined {
  const seconds = Number(headerText(value));
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
