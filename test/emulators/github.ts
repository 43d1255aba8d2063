/**
 * Loopback emulator of the GitHub REST API as sumops uses it: the routes (issues, labels, issue comments, pulls,
 * GET /user) are in ./github-routes.ts, the state and JSON shapes in ./github-store.ts. This file is the server:
 * - authentication: `token`/`bearer` header; 401 `Bad credentials`. A read-only `GITHUB_TOKEN` (fork PRs) gets
 *   403 `Resource not accessible by integration` on every write, and installation tokens get it on GET /user.
 * - errors: `{"message","documentation_url","status"}`, the `basic-error` schema of GitHub's OpenAPI description
 *   (`status` is the HTTP status as a string, as api.github.com sends it today); 422 adds `errors[]`
 *   (`validation-error`).
 * - `/repositories/{id}/…` is served like `/repos/{owner}/{repo}/…`: GitHub's `Link` headers point there
 *   (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 * - rate limits: https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api (`x-ratelimit-*`
 *   on every answer; the primary limit answers 403 or 429 with `x-ratelimit-remaining: 0` and
 *   `x-ratelimit-reset`; secondary limits answer 403 or 429 with `retry-after`).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readBodyText } from './http';
import { GitHubStore } from './github-store';
import type { AccountType, Issue, IssueComment, Label, SeedIssue, SeedPull } from './github-store';
import { HttpError, ROUTES } from './github-routes';
import type { Reply, TokenGrant } from './github-routes';

export type { AccountType, Issue, IssueComment, Label, SeedIssue, SeedPull, TokenGrant };

/** Tokens every emulator accepts unless `tokens` replaces them. */
export const TEST_TOKENS = {
  write: 'ghs_emulator_write',
  readOnly: 'ghs_emulator_readonly',
  user: 'ghp_emulator_user',
  /** A GitHub App installation token: comments as `sumops-app[bot]`, may not call GET /user or GET /app. */
  app: 'ghs_emulator_app_installation',
} as const;

export const DEFAULT_GRANTS: Record<string, TokenGrant> = {
  [TEST_TOKENS.write]: { login: 'github-actions[bot]', type: 'Bot', write: true, canReadUser: false },
  [TEST_TOKENS.readOnly]: { login: 'github-actions[bot]', type: 'Bot', write: false, canReadUser: false },
  [TEST_TOKENS.user]: { login: 'octo-maintainer', type: 'User', write: true, canReadUser: true },
  [TEST_TOKENS.app]: { login: 'sumops-app[bot]', type: 'Bot', write: true, canReadUser: false },
};

export interface RecordedRequest {
  method: string;
  /** As requested; `/repositories/{id}/…` stays as sent. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface InjectedFailure {
  /** `*` matches every method. */
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface PrimaryRateLimit {
  /** 403 (what GitHub mostly sends) or 429. */
  status?: 403 | 429;
  /** Seconds from now written to `x-ratelimit-reset`. Default 1. */
  resetInSeconds?: number;
  /** How many requests are refused before the window resets. Default 1. */
  requests?: number;
}

export interface SecondaryRateLimit {
  status?: 403 | 429;
  /** Seconds written to `retry-after`. Default 1. */
  retryAfter?: number;
  /** Only this method; every method by default. */
  method?: string;
  /** Only requests whose path matches; every path by default. */
  path?: RegExp;
  requests?: number;
}

export interface GitHubEmulatorOptions {
  tokens?: Record<string, TokenGrant>;
  /** Base of the `html_url` fields, like GITHUB_SERVER_URL. */
  serverUrl?: string;
  /** `x-ratelimit-limit`; once this many requests are used, the next ones answer 403 (primary limit). */
  rateLimit?: number;
  /** The clock behind `created_at`, `updated_at`, `closed_at` (and `since`); the real one by default. */
  now?: () => Date;
}

export interface GitHubEmulator {
  url: string;
  close(): Promise<void>;
  /** Every request, in order, with the status it got. */
  requests: RecordedRequest[];
  /** Requests other than GET/HEAD, answered or refused: `writes().length === 0` means nothing was attempted. */
  writes(): RecordedRequest[];
  /** Creates a repository (if missing); seeding an issue, pull or comment creates its repository too. */
  seedRepo(owner: string, repo: string, options?: { id?: number }): { id: number };
  seedIssue(owner: string, repo: string, issue: SeedIssue): Issue;
  /** A pull request: an issue with a `pull_request` key, plus what GET /pulls/{n} answers; again: a new head. */
  seedPull(owner: string, repo: string, pull: SeedPull): Issue;
  seedLabels(
    owner: string,
    repo: string,
    labels: { name: string; color?: string; description?: string }[],
  ): Label[];
  /** Comments on an issue or pull request, which is created (as a pull request) if missing. */
  seedComments(
    owner: string,
    repo: string,
    issueNumber: number,
    comments: { body: string; login: string; type?: AccountType }[],
  ): IssueComment[];
  /** Issues and pull requests of a repository, by ascending number (copies). */
  issues(owner: string, repo: string): Issue[];
  issue(owner: string, repo: string, issueNumber: number): Issue | undefined;
  /** The comments of one issue or PR, oldest first (copies). */
  comments(owner: string, repo: string, issueNumber: number): IssueComment[];
  /** The repository's labels by name (copies). */
  labels(owner: string, repo: string): Label[];
  /** Answers the next matching request with this failure instead of handling it (once per call). */
  failNext(failure: InjectedFailure): void;
  /** The primary rate limit is used up: the next requests are refused until the window resets. */
  exhaustRateLimit(limit?: PrimaryRateLimit): void;
  /** The next matching requests hit a secondary rate limit. */
  secondaryRateLimit(limit?: SecondaryRateLimit): void;
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const grants = options.tokens ?? DEFAULT_GRANTS;
  const serverUrl = options.serverUrl ?? 'https://github.com';
  const limit = options.rateLimit ?? 5000;
  let url = '';
  const store = new GitHubStore(() => url, serverUrl, options.now);
  const failures: InjectedFailure[] = [];
  const requests: RecordedRequest[] = [];
  let resetAt = Math.floor(Date.now() / 1000) + 3600;
  let used = 0;
  let refusals: { status: 403 | 429; left: number } | undefined;

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const requested = new URL(req.url ?? '/', 'http://emulator');
    const raw = await readBodyText(req);
    const record: RecordedRequest = {
      method,
      path: requested.pathname,
      query: Object.fromEntries(requested.searchParams),
      authorization: req.headers.authorization,
      body: raw,
      status: 0,
    };
    requests.push(record);
    const rateHeaders = (): Record<string, string> => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(refusals ? 0 : Math.max(0, limit - used)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-used': String(refusals ? limit : used),
      'x-ratelimit-resource': 'core',
    });
    const send = (reply: Reply) => {
      record.status = reply.status;
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        ...rateHeaders(),
        ...reply.headers,
      });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    };
    const sendError = (error: HttpError) =>
      send({
        status: error.status,
        headers: error.headers,
        body: {
          message: error.message,
          ...(error.errors ? { errors: error.errors } : {}),
          documentation_url: `https://docs.github.com/rest/${error.docsPath}`,
          status: String(error.status),
        },
      });

    try {
      let body: unknown = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'Problems parsing JSON', 'overview/troubleshooting');
        }
      }
      record.body = body;
      const failureIndex = failures.findIndex(
        (f) => (f.method === '*' || f.method === method) && f.path.test(requested.pathname),
      );
      if (failureIndex >= 0) {
        const [failure] = failures.splice(failureIndex, 1);
        if (failure)
          return send({ status: failure.status, body: failure.body, headers: failure.headers ?? {} });
      }
      const grant = authenticate(req.headers.authorization, grants);
      if (!grant) throw new HttpError(401, 'Bad credentials', 'overview/troubleshooting');
      if (!refusals && used >= limit) refusals = { status: 403, left: Number.POSITIVE_INFINITY };
      if (refusals) {
        const { status } = refusals;
        const headers = rateHeaders();
        if (--refusals.left <= 0) {
          refusals = undefined;
          used = 0;
        }
        return send({
          status,
          headers,
          body: {
            message: `API rate limit exceeded for installation ID ${installationId(grant)}. If you reach out to GitHub Support for help, please include the request ID.`,
            documentation_url: RATE_LIMIT_DOCS,
            status: String(status),
          },
        });
      }
      used += 1;
      const path = canonicalPath(requested.pathname);
      for (const route of ROUTES) {
        const match = route.method === method ? route.pattern.exec(path) : null;
        if (!match) continue;
        if (route.write && !grant.write) {
          throw new HttpError(403, 'Resource not accessible by integration', route.docsPath);
        }
        return send(
          route.handle({
            params: match.slice(1).map(decodeSegment),
            query: requested.searchParams,
            body,
            grant,
            base: url,
            store,
            serverUrl,
          }),
        );
      }
      throw new HttpError(404, 'Not Found', 'overview/troubleshooting');
    } catch (error) {
      if (error instanceof HttpError) return sendError(error);
      send({
        status: 500,
        body: { message: String(error), documentation_url: 'https://docs.github.com/rest' },
      });
    }
  }

  /** `/repositories/{id}/rest` → `/repos/{owner}/{repo}/rest`; an unknown id stays unroutable (404). */
  function canonicalPath(path: string): string {
    const match = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
    if (!match) return path;
    const repo = store.repoById(Number(match[1]));
    return repo ? `/repos/${repo.owner}/${repo.name}${match[2] ?? ''}` : path;
  }

  url = await listenOnLoopback(server);

  const copy = <T>(value: T): T => structuredClone(value);
  const seedIssueIn = (owner: string, repo: string, seed: SeedIssue, pull?: SeedPull): Issue => {
    const state = store.ensureRepo(owner, repo);
    if (seed.number !== undefined && state.issues.has(seed.number)) {
      throw new Error(`github emulator: ${owner}/${repo}#${seed.number} already exists`);
    }
    return store.createIssue(state, seed, pull);
  };

  return {
    url,
    requests,
    close: () => closeServer(server),
    writes: () => requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    seedRepo: (owner, repo, opts) => ({ id: store.ensureRepo(owner, repo, opts?.id).id }),
    seedIssue: (owner, repo, seed) => copy(seedIssueIn(owner, repo, seed)),
    seedPull: (owner, repo, pull) => {
      const existing = store.repo(owner, repo)?.issues.get(pull.number);
      if (existing?.pull_request) {
        // Re-seeding a pull request moves its head (a new push), as tests of the workflow_run side need.
        store.repo(owner, repo)?.pulls.set(pull.number, pull);
        return copy(existing);
      }
      const title = pull.title ?? `Pull request #${pull.number}`;
      return copy(seedIssueIn(owner, repo, { number: pull.number, title, login: pull.login }, pull));
    },
    seedLabels: (owner, repo, labels) => {
      const state = store.ensureRepo(owner, repo);
      return labels.map((l) => copy(store.label(state, l.name, l)));
    },
    seedComments: (owner, repo, n, seeds) => {
      const state = store.ensureRepo(owner, repo);
      const issue =
        state.issues.get(n) ??
        store.createIssue(
          state,
          { number: n, title: `Pull request #${n}` },
          { number: n, headSha: '0'.repeat(40) },
        );
      return seeds.map((s) => copy(store.createComment(state, issue, s.body, s.login, s.type ?? 'User')));
    },
    issues: (owner, repo) =>
      [...(store.repo(owner, repo)?.issues.values() ?? [])].sort((a, b) => a.number - b.number).map(copy),
    issue: (owner, repo, n) => {
      const issue = store.repo(owner, repo)?.issues.get(n);
      return issue ? copy(issue) : undefined;
    },
    comments: (owner, repo, n) => (store.repo(owner, repo)?.comments.get(n) ?? []).map(copy),
    labels: (owner, repo) =>
      [...(store.repo(owner, repo)?.labels.values() ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(copy),
    failNext: (failure) => {
      failures.push(failure);
    },
    exhaustRateLimit: (opts = {}) => {
      resetAt = Math.floor(Date.now() / 1000) + (opts.resetInSeconds ?? 1);
      refusals = { status: opts.status ?? 403, left: opts.requests ?? 1 };
    },
    secondaryRateLimit: (opts = {}) => {
      const status = opts.status ?? 403;
      for (let i = 0; i < (opts.requests ?? 1); i++) {
        failures.push({
          method: opts.method ?? '*',
          path: opts.path ?? /./,
          status,
          headers: { 'retry-after': String(opts.retryAfter ?? 1) },
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
            documentation_url:
              'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: String(status),
          },
        });
      }
    },
  };
}

/** A path segment as GitHub reads it; a malformed %-escape names nothing there, so 404. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(404, 'Not Found', 'overview/troubleshooting');
  }
}

function authenticate(
  header: string | undefined,
  grants: Record<string, TokenGrant>,
): TokenGrant | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ? grants[match[1]] : undefined;
}

/** A stable stand-in for the installation id GitHub names in its rate-limit message. */
function installationId(grant: TokenGrant): number {
  let hash = 0;
  for (const char of grant.login) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 10_000_000 + (hash % 1_000_000);
}
