/**
 * The `pull-request` and `repository` shapes of GitHub's OpenAPI description (as GET /repos/{o}/{r}/pulls/{n}
 * answers: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request), built from the emulator's state with
 * every required field; test/unit/emulators/github-openapi.test.ts validates them.
 */
import type { GitHubStore, Issue, RepoState, SeedPull } from './github-store';

export function repositoryShape(
  store: GitHubStore,
  repo: RepoState,
  serverUrl: string,
): Record<string, unknown> {
  const url = store.repoApi(repo);
  const full = `${repo.owner}/${repo.name}`;
  const html = `${serverUrl}/${full}`;
  const stamp = '2026-01-01T00:00:00Z';
  const owner = store.user(repo.owner, 'Organization');
  const openIssues = [...repo.issues.values()].filter((i) => i.state === 'open').length;
  const templated = (path: string, suffix: string) => `${url}/${path}${suffix}`;
  return {
    id: repo.id,
    node_id: `R_emulated${repo.id}`,
    name: repo.name,
    full_name: full,
    owner,
    private: false,
    html_url: html,
    description: null,
    fork: repo.forkOf !== undefined,
    url,
    archive_url: templated('{archive_format}', '{/ref}'),
    assignees_url: templated('assignees', '{/user}'),
    blobs_url: templated('git/blobs', '{/sha}'),
    branches_url: templated('branches', '{/branch}'),
    collaborators_url: templated('collaborators', '{/collaborator}'),
    comments_url: templated('comments', '{/number}'),
    commits_url: templated('commits', '{/sha}'),
    compare_url: templated('compare/{base}...{head}', ''),
    contents_url: templated('contents/{+path}', ''),
    contributors_url: templated('contributors', ''),
    deployments_url: templated('deployments', ''),
    downloads_url: templated('downloads', ''),
    events_url: templated('events', ''),
    forks_url: templated('forks', ''),
    git_commits_url: templated('git/commits', '{/sha}'),
    git_refs_url: templated('git/refs', '{/sha}'),
    git_tags_url: templated('git/tags', '{/sha}'),
    git_url: `git://github.com/${full}.git`,
    hooks_url: templated('hooks', ''),
    issue_comment_url: templated('issues/comments', '{/number}'),
    issue_events_url: templated('issues/events', '{/number}'),
    issues_url: templated('issues', '{/number}'),
    keys_url: templated('keys', '{/key_id}'),
    labels_url: templated('labels', '{/name}'),
    languages_url: templated('languages', ''),
    merges_url: templated('merges', ''),
    milestones_url: templated('milestones', '{/number}'),
    notifications_url: templated('notifications{?since,all,participating}', ''),
    pulls_url: templated('pulls', '{/number}'),
    releases_url: templated('releases', '{/id}'),
    ssh_url: `git@github.com:${full}.git`,
    stargazers_url: templated('stargazers', ''),
    statuses_url: templated('statuses/{sha}', ''),
    subscribers_url: templated('subscribers', ''),
    subscription_url: templated('subscription', ''),
    tags_url: templated('tags', ''),
    teams_url: templated('teams', ''),
    trees_url: templated('git/trees', '{/sha}'),
    clone_url: `${html}.git`,
    mirror_url: null,
    svn_url: html,
    homepage: null,
    language: 'TypeScript',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 100,
    default_branch: 'main',
    open_issues: openIssues,
    open_issues_count: openIssues,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: 'public',
    license: null,
    pushed_at: stamp,
    created_at: stamp,
    updated_at: stamp,
  };
}

export function pullShape(
  store: GitHubStore,
  repo: RepoState,
  issue: Issue,
  pull: SeedPull,
  serverUrl: string,
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const [headOwner = repo.owner, headName = repo.name] = (pull.headRepo ?? full).split('/');
  const headRepo =
    pull.headRepo && pull.headRepo.toLowerCase() !== full.toLowerCase()
      ? store.ensureRepo(headOwner, headName, undefined, full)
      : repo;
  const url = `${store.repoApi(repo)}/pulls/${issue.number}`;
  const branch = (owner: RepoState, ref: string, sha: string) => ({
    label: `${owner.owner}:${ref}`,
    ref,
    sha,
    user: store.user(owner.owner, 'Organization'),
    repo: repositoryShape(store, owner, serverUrl),
  });
  const href = (value: string) => ({ href: value });
  return {
    url,
    id: issue.id,
    node_id: `PR_emulated${issue.id}`,
    html_url: issue.html_url,
    diff_url: `${issue.html_url}.diff`,
    patch_url: `${issue.html_url}.patch`,
    issue_url: issue.url,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${store.repoApi(repo)}/pulls/comments{/number}`,
    comments_url: issue.comments_url,
    statuses_url: `${store.repoApi(repo)}/statuses/${pull.headSha}`,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: issue.user,
    body: issue.body,
    labels: issue.labels,
    milestone: null,
    active_lock_reason: null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: null,
    merge_commit_sha: null,
    assignee: issue.assignee,
    assignees: issue.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: branch(headRepo, pull.headRef ?? `pr-${issue.number}`, pull.headSha),
    base: branch(repo, 'main', pull.baseSha ?? 'ba5e'.padEnd(40, '0')),
    _links: {
      self: href(url),
      html: href(issue.html_url),
      issue: href(issue.url),
      comments: href(issue.comments_url),
      review_comments: href(`${url}/comments`),
      review_comment: href(`${store.repoApi(repo)}/pulls/comments{/number}`),
      commits: href(`${url}/commits`),
      statuses: href(`${store.repoApi(repo)}/statuses/${pull.headSha}`),
    },
    author_association: issue.author_association,
    auto_merge: null,
    draft: false,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: issue.comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}
