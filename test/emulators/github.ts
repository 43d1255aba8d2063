/**
 * Loopback emulator of the GitHub REST endpoints the sumops actions call, shaped after docs.github.com:
 * - issue comments: https://docs.github.com/en/rest/issues/comments (list: `per_page` default 30, max 100, `page`;
 *   ordered by ascending id; create → 201 + `Location`; update → 200)
 * - pagination: https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api (`Link` header
 *   with rel="next"/"last"/"first"/"prev", omitted when everything fits on one page)
 * - rate limits: https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api (`x-ratelimit-*`
 *   headers; secondary limits answer 403 + `retry-after`)
 * - errors: 401 `Bad credentials`; a read-only `GITHUB_TOKEN` (fork PRs) gets 403 `Resource not accessible by
 *   integration`, as does `GET /user` for an installation token
 *   (https://docs.github.com/en/rest/users/users#get-the-authenticated-user).
 * - pulls: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request (only the fields sumops reads).
 * Routes live in one table so later features (issues, labels) add a row each.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readBodyText } from './http';

export interface TokenGrant {
  login: string;
  type: 'Bot' | 'User';
  /** false emulates the read-only GITHUB_TOKEN of a fork PR: every write answers 403. */
  write: boolean;
  /** Installation tokens (GITHUB_TOKEN, apps) may not call GET /user. */
  canReadUser: boolean;
}

/** Tokens every emulator accepts unless `tokens` replaces them. */
export const TEST_TOKENS = {
  write: 'ghs_emulator_write',
  readOnly: 'ghs_emulator_readonly',
  user: 'ghp_emulator_user',
} as const;

const DEFAULT_GRANTS: Record<string, TokenGrant> = {
  [TEST_TOKENS.write]: { login: 'github-actions[bot]', type: 'Bot', write: true, canReadUser: false },
  [TEST_TOKENS.readOnly]: { login: 'github-actions[bot]', type: 'Bot', write: false, canReadUser: false },
  [TEST_TOKENS.user]: { login: 'octo-maintainer', type: 'User', write: true, canReadUser: true },
};

export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: { login: string; id: number; type: 'Bot' | 'User' };
  created_at: string;
  updated_at: string;
  author_association: string;
}

export interface SeedPull {
  number: number;
  headSha: string;
  /** `owner/repo` of the head branch; differs from the base repository for fork PRs. */
  headRepo?: string;
  /** Default open. */
  state?: 'open' | 'closed';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface InjectedFailure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface GitHubEmulatorOptions {
  tokens?: Record<string, TokenGrant>;
  /** Base of the `html_url` fields, like GITHUB_SERVER_URL. */
  serverUrl?: string;
  rateLimit?: number;
}

export interface GitHubEmulator {
  url: string;
  close(): Promise<void>;
  /** The comments of one issue or PR, oldest first (a copy). */
  comments(owner: string, repo: string, issueNumber: number): IssueComment[];
  seedComments(
    owner: string,
    repo: string,
    issueNumber: number,
    comments: { body: string; login: string; type?: 'Bot' | 'User' }[],
  ): IssueComment[];
  seedPull(owner: string, repo: string, pull: SeedPull): void;
  /** Answers the next matching request with this failure instead of handling it (once per call). */
  failNext(failure: InjectedFailure): void;
  requests: RecordedRequest[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly docsPath: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RouteContext {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  grant: TokenGrant;
  base: string;
}

interface Route {
  method: string;
  pattern: RegExp;
  write: boolean;
  docsPath: string;
  handle(ctx: RouteContext): Reply;
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const grants = options.tokens ?? DEFAULT_GRANTS;
  const serverUrl = options.serverUrl ?? 'https://github.com';
  const rateLimit = options.rateLimit ?? 5000;
  const threads = new Map<string, IssueComment[]>();
  const pulls = new Map<string, SeedPull>();
  const failures: InjectedFailure[] = [];
  const requests: RecordedRequest[] = [];
  const resetAt = Math.floor(Date.now() / 1000) + 3600;
  let used = 0;
  let nextCommentId = 1_000_001;
  let userIds = 500;
  const idsByLogin = new Map<string, number>();

  const threadKey = (owner: string, repo: string, n: number) => `${owner}/${repo}#${n}`.toLowerCase();
  const thread = (owner: string, repo: string, n: number): IssueComment[] => {
    const key = threadKey(owner, repo, n);
    let list = threads.get(key);
    if (!list) threads.set(key, (list = []));
    return list;
  };
  const userFor = (login: string, type: 'Bot' | 'User') => {
    let id = idsByLogin.get(login);
    if (id === undefined) idsByLogin.set(login, (id = ++userIds));
    return { login, id, type };
  };
  const makeComment = (
    base: string,
    owner: string,
    repo: string,
    n: number,
    body: string,
    login: string,
    type: 'Bot' | 'User',
  ): IssueComment => {
    const id = nextCommentId++;
    const now = new Date().toISOString();
    return {
      id,
      node_id: `IC_emulated${id}`,
      url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `${serverUrl}/${owner}/${repo}/pull/${n}#issuecomment-${id}`,
      issue_url: `${base}/repos/${owner}/${repo}/issues/${n}`,
      body,
      user: userFor(login, type),
      created_at: now,
      updated_at: now,
      author_association: type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  };
  const findComment = (owner: string, repo: string, id: number): IssueComment | undefined => {
    const prefix = `${owner}/${repo}#`.toLowerCase();
    for (const [key, list] of threads) {
      if (!key.startsWith(prefix)) continue;
      const hit = list.find((c) => c.id === id);
      if (hit) return hit;
    }
    return undefined;
  };
  const requireBody = (body: unknown, docsPath: string): string => {
    const text = (body as { body?: unknown } | null)?.body;
    if (typeof text !== 'string')
      throw new HttpError(422, 'Invalid request.\n\n"body" wasn\'t supplied.', docsPath);
    if (text.length > 65_536) {
      throw new HttpError(422, 'Validation Failed: body is too long (maximum is 65536 characters)', docsPath);
    }
    return text;
  };

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/user$/,
      write: false,
      docsPath: 'users/users#get-the-authenticated-user',
      handle: ({ grant }) => {
        if (!grant.canReadUser) {
          throw new HttpError(
            403,
            'Resource not accessible by integration',
            'users/users#get-the-authenticated-user',
          );
        }
        return { status: 200, body: userFor(grant.login, grant.type) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      write: false,
      docsPath: 'issues/comments#list-issue-comments',
      handle: ({ params: [owner = '', repo = '', n = ''], query, base }): Reply => {
        const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
        const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
        const all = thread(owner, repo, Number(n));
        const lastPage = Math.max(1, Math.ceil(all.length / perPage));
        const link = paginationLink(
          `${base}/repos/${owner}/${repo}/issues/${n}/comments`,
          perPage,
          page,
          lastPage,
        );
        return {
          status: 200,
          body: all.slice((page - 1) * perPage, page * perPage),
          headers: link ? { link } : undefined,
        };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      write: true,
      docsPath: 'issues/comments#create-an-issue-comment',
      handle: ({ params: [owner = '', repo = '', n = ''], body, grant, base }) => {
        const text = requireBody(body, 'issues/comments#create-an-issue-comment');
        const comment = makeComment(base, owner, repo, Number(n), text, grant.login, grant.type);
        thread(owner, repo, Number(n)).push(comment);
        return { status: 201, body: comment, headers: { location: comment.url } };
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      write: true,
      docsPath: 'issues/comments#update-an-issue-comment',
      handle: ({ params: [owner = '', repo = '', id = ''], body }) => {
        const comment = findComment(owner, repo, Number(id));
        if (!comment) throw new HttpError(404, 'Not Found', 'issues/comments#update-an-issue-comment');
        comment.body = requireBody(body, 'issues/comments#update-an-issue-comment');
        comment.updated_at = new Date().toISOString();
        return { status: 200, body: comment };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/,
      write: false,
      docsPath: 'pulls/pulls#get-a-pull-request',
      handle: ({ params: [owner = '', repo = '', n = ''] }) => {
        const pull = pulls.get(threadKey(owner, repo, Number(n)));
        if (!pull) throw new HttpError(404, 'Not Found', 'pulls/pulls#get-a-pull-request');
        const headRepo = pull.headRepo ?? `${owner}/${repo}`;
        return {
          status: 200,
          body: {
            number: pull.number,
            state: pull.state ?? 'open',
            html_url: `${serverUrl}/${owner}/${repo}/pull/${pull.number}`,
            head: { sha: pull.headSha, repo: { full_name: headRepo, fork: headRepo !== `${owner}/${repo}` } },
            base: { repo: { full_name: `${owner}/${repo}` } },
          },
        };
      },
    },
  ];

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator');
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    const raw = await readBodyText(req);
    let body: unknown = undefined;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: raw,
      status: 0,
    };
    requests.push(record);
    used += 1;
    const rateHeaders: Record<string, string> = {
      'x-ratelimit-limit': String(rateLimit),
      'x-ratelimit-remaining': String(Math.max(0, rateLimit - used)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core',
    };
    const send = (reply: Reply) => {
      record.status = reply.status;
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        ...rateHeaders,
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
          documentation_url: `https://docs.github.com/rest/${error.docsPath}`,
          status: String(error.status),
        },
      });

    try {
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'Problems parsing JSON', 'overview/troubleshooting');
        }
      }
      record.body = body;
      const failureIndex = failures.findIndex((f) => f.method === method && f.path.test(url.pathname));
      if (failureIndex >= 0) {
        const [failure] = failures.splice(failureIndex, 1);
        if (failure)
          return send({ status: failure.status, body: failure.body, headers: failure.headers ?? {} });
      }
      const grant = authenticate(req.headers.authorization, grants);
      if (!grant) throw new HttpError(401, 'Bad credentials', 'overview/troubleshooting');
      for (const route of routes) {
        const match = route.method === method ? route.pattern.exec(url.pathname) : null;
        if (!match) continue;
        if (route.write && !grant.write) {
          throw new HttpError(403, 'Resource not accessible by integration', route.docsPath);
        }
        return send(route.handle({ params: match.slice(1), query: url.searchParams, body, grant, base }));
      }
      throw new HttpError(404, 'Not Found', 'overview/troubleshooting');
    } catch (error) {
      if (error instanceof HttpError) return sendError(error);
      send({ status: 500, body: { message: String(error) } });
    }
  }

  const url = await listenOnLoopback(server);

  return {
    url,
    requests,
    close: () => closeServer(server),
    comments: (owner, repo, n) => thread(owner, repo, n).map((c) => structuredClone(c)),
    seedComments: (owner, repo, n, seeds) => {
      const list = thread(owner, repo, n);
      const created = seeds.map((s) => makeComment(url, owner, repo, n, s.body, s.login, s.type ?? 'User'));
      list.push(...created);
      return created.map((c) => structuredClone(c));
    },
    seedPull: (owner, repo, pull) => {
      pulls.set(threadKey(owner, repo, pull.number), pull);
    },
    failNext: (failure) => {
      failures.push(failure);
    },
  };
}

function authenticate(
  header: string | undefined,
  grants: Record<string, TokenGrant>,
): TokenGrant | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ? grants[match[1]] : undefined;
}

function paginationLink(
  endpoint: string,
  perPage: number,
  page: number,
  lastPage: number,
): string | undefined {
  if (lastPage <= 1) return undefined;
  const at = (p: number) => `<${endpoint}?per_page=${perPage}&page=${p}>`;
  const parts: string[] = [];
  if (page > 1) parts.push(`${at(page - 1)}; rel="prev"`);
  if (page < lastPage) parts.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`);
  if (page > 1) parts.push(`${at(1)}; rel="first"`);
  return parts.join(', ');
}
