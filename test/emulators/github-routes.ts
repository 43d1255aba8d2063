/**
 * The REST routes of the GitHub emulator, one row each, shaped after docs.github.com:
 * - issues: https://docs.github.com/en/rest/issues/issues (list: `state` open|closed|all default open, `labels`
 *   comma-separated and all required, `sort` created|updated|comments, `direction`, `since`, `creator`; pull
 *   requests are listed too, with a `pull_request` key; create → 201 + `Location`; update → 200)
 * - labels: https://docs.github.com/en/rest/issues/labels (create → 201, a taken name → 422 `already_exists`;
 *   adding unknown labels to an issue creates them; removing one the issue lacks → 404 "Label does not exist")
 * - issue comments: https://docs.github.com/en/rest/issues/comments (ascending id; create → 201 + `Location`)
 * - pagination: https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api (`per_page`
 *   default 30, max 100; `Link` rel="prev"/"next"/"last"/"first" on `/repositories/{id}/…` URLs, as GitHub sends)
 * - pulls: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request
 * - GET /user: https://docs.github.com/en/rest/users/users#get-the-authenticated-user (403 for installation tokens)
 * A missing repository, issue or comment answers 404 `Not Found`.
 */
import { pullShape } from './github-pull-shape';
import { MAX_BODY_CHARS } from './github-store';
import type { AccountType, GitHubStore, Issue, Label, RepoState } from './github-store';

export interface TokenGrant {
  login: string;
  type: 'Bot' | 'User';
  /** false emulates the read-only GITHUB_TOKEN of a fork PR: every write answers 403. */
  write: boolean;
  /** Installation tokens (GITHUB_TOKEN, apps) may not call GET /user. */
  canReadUser: boolean;
}

export interface ValidationDetail {
  resource: string;
  code: string;
  field?: string;
  message?: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly docsPath: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: ValidationDetail[],
  ) {
    super(message);
  }
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  grant: TokenGrant;
  /** The emulator's base URL (stands in for https://api.github.com). */
  base: string;
  store: GitHubStore;
  /** Builds `html_url`-style links. */
  serverUrl: string;
}

export interface Route {
  method: string;
  pattern: RegExp;
  write: boolean;
  docsPath: string;
  handle(ctx: RouteContext): Reply;
}

const REPO = String.raw`^\/repos\/([^/]+)\/([^/]+)`;
const route = (method: string, path: string, docsPath: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`${path}$`),
  write: method !== 'GET',
  docsPath,
  handle,
});

function repoOr404(ctx: RouteContext, docsPath: string): RepoState {
  const [owner = '', name = ''] = ctx.params;
  const repo = ctx.store.repo(owner, name);
  if (!repo) throw new HttpError(404, 'Not Found', docsPath);
  return repo;
}

function issueOr404(ctx: RouteContext, docsPath: string): { repo: RepoState; issue: Issue } {
  const repo = repoOr404(ctx, docsPath);
  const issue = repo.issues.get(Number(ctx.params[2]));
  if (!issue) throw new HttpError(404, 'Not Found', docsPath);
  return { repo, issue };
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

function optionalText(body: unknown, key: string, resource: string, docsPath: string): string | undefined {
  const value = field(body, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new HttpError(422, 'Invalid request.', docsPath, {}, [{ resource, code: 'invalid', field: key }]);
  }
  if (value.length > MAX_BODY_CHARS) {
    throw new HttpError(422, 'Validation Failed', docsPath, {}, [
      { resource, code: 'custom', field: key, message: `${key} is too long (maximum is 65536 characters)` },
    ]);
  }
  return value;
}

function requireCommentBody(body: unknown, docsPath: string): string {
  const text = optionalText(body, 'body', 'IssueComment', docsPath);
  if (text === undefined) throw new HttpError(422, 'Invalid request.\n\n"body" wasn\'t supplied.', docsPath);
  return text;
}

/** `labels` as GitHub accepts it: names, `{name}` objects, or (add-labels only) a bare array of names. */
function labelNames(value: unknown, docsPath: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new HttpError(422, 'Invalid request.', docsPath, {}, [
      { resource: 'Label', code: 'invalid', field: 'labels' },
    ]);
  }
  return value.map((item: unknown) => {
    const name = typeof item === 'string' ? item : field(item, 'name');
    if (typeof name !== 'string' || name.trim() === '') {
      throw new HttpError(422, 'Validation Failed', docsPath, {}, [
        { resource: 'Label', code: 'invalid', field: 'name' },
      ]);
    }
    return name.trim();
  });
}

function assigneeNames(value: unknown, docsPath: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new HttpError(422, 'Invalid request.', docsPath, {}, [
      { resource: 'Issue', code: 'invalid', field: 'assignees' },
    ]);
  }
  return value;
}

function page(query: URLSearchParams): { perPage: number; page: number } {
  return {
    perPage: Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30)),
    page: Math.max(1, Number(query.get('page') ?? 1) || 1),
  };
}

/** One page of `items` and its `Link` header on `/repositories/{id}/…`, keeping the caller's other parameters. */
function paginated<T>(ctx: RouteContext, repo: RepoState, rest: string, items: T[]): Reply {
  const { perPage, page: current } = page(ctx.query);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((current - 1) * perPage, current * perPage);
  if (lastPage <= 1) return { status: 200, body };
  const at = (p: number) => {
    const query = new URLSearchParams(ctx.query);
    query.delete('page');
    query.append('page', String(p));
    return `<${ctx.base}/repositories/${repo.id}${rest}?${query.toString()}>`;
  };
  const parts: string[] = [];
  if (current > 1) parts.push(`${at(current - 1)}; rel="prev"`);
  if (current < lastPage) parts.push(`${at(current + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`);
  if (current > 1) parts.push(`${at(1)}; rel="first"`);
  return { status: 200, body, headers: { link: parts.join(', ') } };
}

function listIssues(ctx: RouteContext): Reply {
  const docs = 'issues/issues#list-repository-issues';
  const repo = repoOr404(ctx, docs);
  const state = ctx.query.get('state') ?? 'open';
  const sort = ctx.query.get('sort') ?? 'created';
  const direction = ctx.query.get('direction') ?? 'desc';
  if (!['open', 'closed', 'all'].includes(state) || !['created', 'updated', 'comments'].includes(sort)) {
    throw new HttpError(422, 'Validation Failed', docs, {}, [
      {
        resource: 'Issue',
        code: 'invalid',
        field: ['open', 'closed', 'all'].includes(state) ? 'sort' : 'state',
      },
    ]);
  }
  const wanted = (ctx.query.get('labels') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const sinceText = ctx.query.get('since');
  const since = sinceText === null ? undefined : Date.parse(sinceText);
  if (Number.isNaN(since)) {
    throw new HttpError(422, 'Validation Failed', docs, {}, [
      { resource: 'Issue', code: 'invalid', field: 'since' },
    ]);
  }
  const creator = ctx.query.get('creator')?.toLowerCase();
  const key = (issue: Issue): number =>
    sort === 'updated'
      ? (repo.updateSeq.get(issue.number) ?? 0)
      : sort === 'comments'
        ? issue.comments
        : issue.number;
  const items = [...repo.issues.values()]
    .filter((issue) => state === 'all' || issue.state === state)
    .filter((issue) => wanted.every((name) => issue.labels.some((l) => l.name.toLowerCase() === name)))
    .filter((issue) => since === undefined || Date.parse(issue.updated_at) >= since)
    .filter((issue) => !creator || issue.user.login.toLowerCase() === creator)
    .sort((a, b) => (direction === 'asc' ? key(a) - key(b) : key(b) - key(a)) || b.number - a.number);
  return paginated(ctx, repo, '/issues', items);
}

function createIssue(ctx: RouteContext): Reply {
  const docs = 'issues/issues#create-an-issue';
  const repo = repoOr404(ctx, docs);
  const title = field(ctx.body, 'title');
  if (typeof title !== 'string' && typeof title !== 'number') {
    throw new HttpError(422, 'Invalid request.\n\n"title" wasn\'t supplied.', docs);
  }
  const issue = ctx.store.createIssue(repo, {
    title: String(title),
    body: optionalText(ctx.body, 'body', 'Issue', docs) ?? null,
    labels: labelNames(field(ctx.body, 'labels'), docs),
    assignees: assigneeNames(field(ctx.body, 'assignees'), docs),
    login: ctx.grant.login,
    type: ctx.grant.type,
  });
  return { status: 201, body: issue, headers: { location: issue.url } };
}

function updateIssue(ctx: RouteContext): Reply {
  const docs = 'issues/issues#update-an-issue';
  const { repo, issue } = issueOr404(ctx, docs);
  const title = field(ctx.body, 'title');
  if (typeof title === 'string' || typeof title === 'number') issue.title = String(title);
  const text = field(ctx.body, 'body');
  if (text === null) issue.body = null;
  else if (text !== undefined) issue.body = optionalText(ctx.body, 'body', 'Issue', docs) ?? null;
  const state = field(ctx.body, 'state');
  if (state !== undefined) {
    if (state !== 'open' && state !== 'closed') {
      throw new HttpError(422, 'Validation Failed', docs, {}, [
        { resource: 'Issue', code: 'invalid', field: 'state' },
      ]);
    }
    if (state !== issue.state) {
      issue.state = state;
      issue.closed_at = state === 'closed' ? ctx.store.now() : null;
      issue.closed_by = state === 'closed' ? ctx.store.user(ctx.grant.login, ctx.grant.type) : null;
      const reason = field(ctx.body, 'state_reason');
      issue.state_reason =
        state === 'closed' ? (reason === 'not_planned' ? 'not_planned' : 'completed') : 'reopened';
    }
  }
  const labels = labelNames(field(ctx.body, 'labels'), docs);
  if (labels) issue.labels = unique(labels).map((name) => ctx.store.label(repo, name));
  const assignees = assigneeNames(field(ctx.body, 'assignees'), docs);
  if (assignees) {
    issue.assignees = assignees.map((login) => ctx.store.user(login, 'User'));
    issue.assignee = issue.assignees[0] ?? null;
  }
  ctx.store.touch(repo, issue);
  return { status: 200, body: issue };
}

function addLabels(ctx: RouteContext): Reply {
  const docs = 'issues/labels#add-labels-to-an-issue';
  const { repo, issue } = issueOr404(ctx, docs);
  const names = labelNames(Array.isArray(ctx.body) ? ctx.body : field(ctx.body, 'labels'), docs) ?? [];
  for (const name of unique(names)) {
    const label = ctx.store.label(repo, name);
    if (!issue.labels.includes(label)) issue.labels.push(label);
  }
  ctx.store.touch(repo, issue);
  return { status: 200, body: issue.labels };
}

function removeLabel(ctx: RouteContext): Reply {
  const docs = 'issues/labels#remove-a-label-from-an-issue';
  const { repo, issue } = issueOr404(ctx, docs);
  const name = (ctx.params[3] ?? '').toLowerCase();
  const index = issue.labels.findIndex((l) => l.name.toLowerCase() === name);
  if (index < 0) throw new HttpError(404, 'Label does not exist', docs);
  issue.labels.splice(index, 1);
  ctx.store.touch(repo, issue);
  return { status: 200, body: issue.labels };
}

function createLabel(ctx: RouteContext): Reply {
  const docs = 'issues/labels#create-a-label';
  const repo = repoOr404(ctx, docs);
  const name = field(ctx.body, 'name');
  if (typeof name !== 'string' || name.trim() === '') {
    throw new HttpError(422, 'Invalid request.\n\n"name" wasn\'t supplied.', docs);
  }
  const color = field(ctx.body, 'color');
  if (color !== undefined && (typeof color !== 'string' || !/^[0-9a-f]{6}$/i.test(color))) {
    throw new HttpError(422, 'Validation Failed', docs, {}, [
      { resource: 'Label', code: 'invalid', field: 'color' },
    ]);
  }
  if (repo.labels.has(name.trim().toLowerCase())) {
    throw new HttpError(422, 'Validation Failed', docs, {}, [
      { resource: 'Label', code: 'already_exists', field: 'name' },
    ]);
  }
  const description = optionalText(ctx.body, 'description', 'Label', docs);
  const label = ctx.store.label(repo, name.trim(), {
    color: typeof color === 'string' ? color : undefined,
    description,
  });
  return { status: 201, body: label, headers: { location: label.url } };
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}

function sortedLabels(repo: RepoState): Label[] {
  return [...repo.labels.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/user$/,
    write: false,
    docsPath: 'users/users#get-the-authenticated-user',
    handle: ({ grant, store }) => {
      if (!grant.canReadUser) {
        throw new HttpError(
          403,
          'Resource not accessible by integration',
          'users/users#get-the-authenticated-user',
        );
      }
      return { status: 200, body: authenticatedUser(store.user(grant.login, grant.type)) };
    },
  },
  route('GET', `${REPO}/issues`, 'issues/issues#list-repository-issues', listIssues),
  route('POST', `${REPO}/issues`, 'issues/issues#create-an-issue', createIssue),
  route('GET', `${REPO}/issues/(\\d+)`, 'issues/issues#get-an-issue', (ctx) => ({
    status: 200,
    body: issueOr404(ctx, 'issues/issues#get-an-issue').issue,
  })),
  route('PATCH', `${REPO}/issues/(\\d+)`, 'issues/issues#update-an-issue', updateIssue),
  route('POST', `${REPO}/issues/(\\d+)/labels`, 'issues/labels#add-labels-to-an-issue', addLabels),
  route(
    'DELETE',
    `${REPO}/issues/(\\d+)/labels/([^/]+)`,
    'issues/labels#remove-a-label-from-an-issue',
    removeLabel,
  ),
  route('GET', `${REPO}/labels`, 'issues/labels#list-labels-for-a-repository', (ctx) => {
    const repo = repoOr404(ctx, 'issues/labels#list-labels-for-a-repository');
    return paginated(ctx, repo, '/labels', sortedLabels(repo));
  }),
  route('POST', `${REPO}/labels`, 'issues/labels#create-a-label', createLabel),
  route('GET', `${REPO}/issues/(\\d+)/comments`, 'issues/comments#list-issue-comments', (ctx) => {
    const { repo, issue } = issueOr404(ctx, 'issues/comments#list-issue-comments');
    return paginated(ctx, repo, `/issues/${issue.number}/comments`, repo.comments.get(issue.number) ?? []);
  }),
  route('POST', `${REPO}/issues/(\\d+)/comments`, 'issues/comments#create-an-issue-comment', (ctx) => {
    const docs = 'issues/comments#create-an-issue-comment';
    const { repo, issue } = issueOr404(ctx, docs);
    const text = requireCommentBody(ctx.body, docs);
    const comment = ctx.store.createComment(repo, issue, text, ctx.grant.login, ctx.grant.type);
    return { status: 201, body: comment, headers: { location: comment.url } };
  }),
  route('PATCH', `${REPO}/issues/comments/(\\d+)`, 'issues/comments#update-an-issue-comment', (ctx) => {
    const docs = 'issues/comments#update-an-issue-comment';
    const repo = repoOr404(ctx, docs);
    const comment = ctx.store.findComment(repo, Number(ctx.params[2]));
    if (!comment) throw new HttpError(404, 'Not Found', docs);
    comment.body = requireCommentBody(ctx.body, docs);
    comment.updated_at = ctx.store.now();
    return { status: 200, body: comment };
  }),
  route('GET', `${REPO}/pulls/(\\d+)`, 'pulls/pulls#get-a-pull-request', (ctx) => {
    const docs = 'pulls/pulls#get-a-pull-request';
    const { repo, issue } = issueOr404(ctx, docs);
    const pull = repo.pulls.get(issue.number);
    if (!pull) throw new HttpError(404, 'Not Found', docs);
    return { status: 200, body: pullShape(ctx.store, repo, issue, pull, ctx.serverUrl) };
  }),
];

/** GET /user answers a `public-user`: the simple user plus profile fields. */
function authenticatedUser(user: ReturnType<GitHubStore['user']>): Record<string, unknown> {
  const epoch = '2020-01-01T00:00:00Z';
  return {
    ...user,
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: epoch,
    updated_at: epoch,
  };
}

export type { AccountType };
