/**
 * State of the GitHub emulator (repositories, issues and pull requests, labels, comments) and the JSON shapes it
 * answers with. Shapes follow the `issue`, `issue-comment`, `label` and `simple-user` schemas of GitHub's
 * OpenAPI description (github/rest-api-description, packaged as `@octokit/openapi`); test/unit/github/
 * emulator-openapi.test.ts validates them against it. A pull request is an issue with a `pull_request` key, as
 * on GitHub (https://docs.github.com/en/rest/issues/issues#list-repository-issues: "GitHub's REST API considers
 * every pull request an issue").
 */

export type AccountType = 'Bot' | 'User' | 'Organization';

export interface SimpleUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: AccountType;
  user_view_type: 'public';
  site_admin: boolean;
}

export interface Label {
  id: number;
  node_id: string;
  url: string;
  name: string;
  description: string | null;
  color: string;
  default: boolean;
}

/** The `reaction-rollup` schema: counts only (the emulator has no reactions endpoints). */
export interface Reactions {
  url: string;
  total_count: number;
  '+1': number;
  '-1': number;
  laugh: number;
  confused: number;
  heart: number;
  hooray: number;
  eyes: number;
  rocket: number;
}

const noReactions = (url: string): Reactions => ({
  url: `${url}/reactions`,
  total_count: 0,
  '+1': 0,
  '-1': 0,
  laugh: 0,
  confused: 0,
  heart: 0,
  hooray: 0,
  eyes: 0,
  rocket: 0,
});

export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: SimpleUser;
  created_at: string;
  updated_at: string;
  author_association: string;
  reactions: Reactions;
  performed_via_github_app: null;
}

export interface Issue {
  id: number;
  node_id: string;
  url: string;
  repository_url: string;
  labels_url: string;
  comments_url: string;
  events_url: string;
  html_url: string;
  timeline_url: string;
  number: number;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  title: string;
  body: string | null;
  user: SimpleUser;
  labels: Label[];
  assignee: SimpleUser | null;
  assignees: SimpleUser[];
  milestone: null;
  locked: boolean;
  active_lock_reason: null;
  comments: number;
  pull_request?: {
    url: string;
    html_url: string;
    diff_url: string;
    patch_url: string;
    merged_at: string | null;
  };
  closed_at: string | null;
  closed_by: SimpleUser | null;
  reactions: Reactions;
  performed_via_github_app: null;
  created_at: string;
  updated_at: string;
  author_association: string;
}

export interface SeedPull {
  number: number;
  headSha: string;
  /** `owner/repo` of the head branch; differs from the base repository for fork PRs. */
  headRepo?: string;
  headRef?: string;
  baseSha?: string;
  title?: string;
  login?: string;
}

export interface SeedIssue {
  /** Next free number unless given. */
  number?: number;
  title: string;
  body?: string | null;
  labels?: string[];
  state?: 'open' | 'closed';
  login?: string;
  type?: AccountType;
  assignees?: string[];
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  issues: Map<number, Issue>;
  pulls: Map<number, SeedPull>;
  comments: Map<number, IssueComment[]>;
  labels: Map<string, Label>;
  nextNumber: number;
  /** `owner/repo` this repository is a fork of. */
  forkOf?: string;
  /** Emulated order of updates, so `sort=updated` is stable even within one millisecond. */
  updateSeq: Map<number, number>;
}

/** GitHub answers 422 when a body exceeds this (https://docs.github.com/en/rest/issues/comments). */
export const MAX_BODY_CHARS = 65_536;

export class GitHubStore {
  readonly repos = new Map<string, RepoState>();
  private nextRepoId = 700_100;
  private nextIssueId = 2_100_000_001;
  private nextCommentId = 1_000_001;
  private nextLabelId = 5_000_001;
  private nextUserId = 500;
  private seq = 0;
  private readonly userIds = new Map<string, number>();

  constructor(
    /** Base of `url` fields: the emulator's own address, standing in for https://api.github.com. */
    private readonly apiBase: () => string,
    /** Base of `html_url` fields, like GITHUB_SERVER_URL. */
    private readonly serverUrl: string,
    /** The clock behind every timestamp; tests of `since` or age pass a fake one. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The current time as GitHub writes it: ISO 8601 in UTC, whole seconds. */
  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  repoById(id: number): RepoState | undefined {
    for (const repo of this.repos.values()) if (repo.id === id) return repo;
    return undefined;
  }

  ensureRepo(owner: string, name: string, id?: number, forkOf?: string): RepoState {
    const existing = this.repo(owner, name);
    if (existing) return existing;
    const repo: RepoState = {
      id: id ?? this.nextRepoId++,
      owner,
      name,
      issues: new Map(),
      pulls: new Map(),
      comments: new Map(),
      labels: new Map(),
      nextNumber: 1,
      forkOf,
      updateSeq: new Map(),
    };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  user(login: string, type: AccountType): SimpleUser {
    let id = this.userIds.get(login);
    if (id === undefined) this.userIds.set(login, (id = ++this.nextUserId));
    const url = `${this.apiBase()}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: `${type === 'Bot' ? 'BOT' : 'U'}_emulated${id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url,
      html_url: `${this.serverUrl}/${type === 'Bot' ? `apps/${login.replace(/\[bot\]$/, '')}` : login}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** The label named `name` (case-insensitive, as on GitHub), created with GitHub's default colour if missing. */
  label(repo: RepoState, name: string, fields: { color?: string; description?: string | null } = {}): Label {
    const existing = repo.labels.get(name.toLowerCase());
    if (existing) return existing;
    const id = this.nextLabelId++;
    const label: Label = {
      id,
      node_id: `LA_emulated${id}`,
      url: `${this.repoApi(repo)}/labels/${encodeURIComponent(name)}`,
      name,
      description: fields.description ?? null,
      color: fields.color ?? 'ededed',
      default: false,
    };
    repo.labels.set(name.toLowerCase(), label);
    return label;
  }

  createIssue(repo: RepoState, seed: SeedIssue, pull?: SeedPull): Issue {
    const number = seed.number ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const id = this.nextIssueId++;
    const now = this.now();
    const url = `${this.repoApi(repo)}/issues/${number}`;
    const html = `${this.serverUrl}/${repo.owner}/${repo.name}/${pull ? 'pull' : 'issues'}/${number}`;
    const type = seed.type ?? 'User';
    const assignees = (seed.assignees ?? []).map((login) => this.user(login, 'User'));
    const issue: Issue = {
      id,
      node_id: `${pull ? 'PR' : 'I'}_emulated${id}`,
      url,
      repository_url: this.repoApi(repo),
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: html,
      timeline_url: `${url}/timeline`,
      number,
      state: seed.state ?? 'open',
      state_reason: seed.state === 'closed' ? 'completed' : null,
      title: seed.title,
      body: seed.body ?? null,
      user: this.user(seed.login ?? 'octo-maintainer', type),
      labels: (seed.labels ?? []).map((name) => this.label(repo, name)),
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: 0,
      ...(pull
        ? {
            pull_request: {
              url: `${this.repoApi(repo)}/pulls/${number}`,
              html_url: html,
              diff_url: `${html}.diff`,
              patch_url: `${html}.patch`,
              merged_at: null,
            },
          }
        : {}),
      closed_at: seed.state === 'closed' ? now : null,
      closed_by: null,
      reactions: noReactions(url),
      performed_via_github_app: null,
      created_at: now,
      updated_at: now,
      author_association: type === 'Bot' ? 'NONE' : 'MEMBER',
    };
    repo.issues.set(number, issue);
    repo.comments.set(number, []);
    this.touch(repo, issue);
    if (pull) repo.pulls.set(number, { ...pull, number });
    return issue;
  }

  createComment(repo: RepoState, issue: Issue, body: string, login: string, type: AccountType): IssueComment {
    const id = this.nextCommentId++;
    const now = this.now();
    const comment: IssueComment = {
      id,
      node_id: `IC_emulated${id}`,
      url: `${this.repoApi(repo)}/issues/comments/${id}`,
      html_url: `${issue.html_url}#issuecomment-${id}`,
      issue_url: issue.url,
      body,
      user: this.user(login, type),
      created_at: now,
      updated_at: now,
      author_association: type === 'Bot' ? 'NONE' : 'MEMBER',
      reactions: noReactions(`${this.repoApi(repo)}/issues/comments/${id}`),
      performed_via_github_app: null,
    };
    repo.comments.get(issue.number)?.push(comment);
    issue.comments += 1;
    this.touch(repo, issue);
    return comment;
  }

  findComment(repo: RepoState, id: number): IssueComment | undefined {
    for (const list of repo.comments.values()) {
      const hit = list.find((c) => c.id === id);
      if (hit) return hit;
    }
    return undefined;
  }

  touch(repo: RepoState, issue: Issue): void {
    issue.updated_at = this.now();
    repo.updateSeq.set(issue.number, ++this.seq);
  }

  repoApi(repo: RepoState): string {
    return `${this.apiBase()}/repos/${repo.owner}/${repo.name}`;
  }
}
