/**
 * Event payloads for actions under test, derived from the real ones GitHub documents: `@octokit/webhooks-examples`
 * (api.github.com/index.json, the examples of docs.github.com "Webhook events and payloads"). Each builder copies
 * one real example, moves it to the test repository (every URL and `full_name` that named the example's
 * repository now names ours), and overrides only the fields a test states: the PR number, commits, the head
 * repository of a fork PR, the run id. Everything else keeps GitHub's shape.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Json = Record<string, unknown>;
interface WebhookDefinition {
  name: string;
  examples: Json[];
}
interface RepoLike {
  id: number;
  name: string;
  full_name: string;
  fork?: boolean;
  owner?: { login: string };
}

export interface WebhookEvent {
  name: string;
  payload: Json;
}

let definitions: WebhookDefinition[] | undefined;

function examplesOf(event: string): Json[] {
  definitions ??= JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8'),
  ) as WebhookDefinition[];
  return definitions.find((d) => d.name === event)?.examples ?? [];
}

/** A deep copy of the first real example of `event` that `pick` accepts. */
export function webhookExample(event: string, pick: (example: Json) => boolean = () => true): Json {
  const example = examplesOf(event).find(pick);
  if (!example) throw new Error(`@octokit/webhooks-examples has no matching ${event} example`);
  return structuredClone(example);
}

/** Rewrites every mention of the `from` repositories (URLs, full_name) to `to`, then fixes name and owner. */
function moveTo(payload: Json, from: string[], to: string): Json {
  let text = JSON.stringify(payload);
  for (const name of from) text = text.split(name).join(to);
  return JSON.parse(text) as Json;
}

function renameRepo(repo: RepoLike | null | undefined, fullName: string, id?: number): void {
  if (!repo) return;
  const [owner = '', name = ''] = fullName.split('/');
  repo.full_name = fullName;
  repo.name = name;
  if (id !== undefined) repo.id = id;
  if (repo.owner) repo.owner.login = owner;
}

const EXAMPLE_REPOS = ['Codertocat/Hello-World', 'octo-org/octo-repo'];
const REPO_ID = 700_100;
const FORK_ID = 900_200;

export interface PullRequestEventOptions {
  number: number;
  headSha: string;
  baseSha?: string;
  /** `owner/repo` of a fork; the PR comes from the base repository itself when omitted. */
  forkRepo?: string;
  headRef?: string;
  repository?: string;
  action?: 'opened' | 'synchronize' | 'reopened';
}

export function pullRequestEvent(options: PullRequestEventOptions): WebhookEvent {
  const repository = options.repository ?? 'acme/summaries';
  const action = options.action ?? 'opened';
  const payload = moveTo(
    webhookExample('pull_request', (e) => e.action === action),
    EXAMPLE_REPOS,
    repository,
  );
  const pr = payload.pull_request as {
    number: number;
    head: { sha: string; ref: string; label: string; repo: RepoLike | null; user: { login: string } };
    base: { sha: string; repo: RepoLike };
  };
  payload.number = options.number;
  pr.number = options.number;
  const fields = pr as unknown as Json;
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && /^https:\/\//.test(value)) {
      fields[key] = value.replace(/\/(pulls|pull|issues)\/\d+/, `/$1/${options.number}`);
    }
  }
  pr.head.sha = options.headSha;
  if (options.baseSha) pr.base.sha = options.baseSha;
  renameRepo(payload.repository as RepoLike, repository, REPO_ID);
  renameRepo(pr.base.repo, repository, REPO_ID);
  const head = options.forkRepo ?? repository;
  renameRepo(pr.head.repo, head, options.forkRepo ? FORK_ID : REPO_ID);
  if (pr.head.repo) pr.head.repo.fork = options.forkRepo !== undefined;
  pr.head.ref = options.headRef ?? pr.head.ref;
  pr.head.label = `${head.split('/')[0] ?? ''}:${pr.head.ref}`;
  pr.head.user.login = head.split('/')[0] ?? '';
  return { name: 'pull_request', payload };
}

export interface WorkflowRunEventOptions {
  runId: number;
  headSha: string;
  /** The PRs GitHub lists for the run: same-repository PRs only (a fork PR's run lists none). */
  pullRequests: { number: number; headSha?: string }[];
  /** `owner/repo` the run's head commit came from (a fork); the base repository by default. */
  headRepo?: string;
  headBranch?: string;
  repository?: string;
  workflowName?: string;
}

export function workflowRunEvent(options: WorkflowRunEventOptions): WebhookEvent {
  const repository = options.repository ?? 'acme/summaries';
  const payload = moveTo(
    webhookExample(
      'workflow_run',
      (e) => e.action === 'completed' && ((e.workflow_run as Json).pull_requests as unknown[]).length > 0,
    ),
    EXAMPLE_REPOS,
    repository,
  );
  const run = payload.workflow_run as Json & {
    pull_requests: {
      number: number;
      url: string;
      head: { sha: string; repo: RepoLike };
      base: { repo: RepoLike };
    }[];
    repository: RepoLike;
    head_repository: RepoLike;
  };
  const [template] = run.pull_requests;
  if (!template) throw new Error('the workflow_run example lists no pull request');
  run.id = options.runId;
  run.name = options.workflowName ?? 'evaluate';
  run.event = 'pull_request';
  run.status = 'completed';
  run.conclusion = 'success';
  run.head_sha = options.headSha;
  run.head_branch = options.headBranch ?? run.head_branch;
  run.html_url = `https://github.com/${repository}/actions/runs/${options.runId}`;
  run.pull_requests = options.pullRequests.map((pull) => {
    const copy = structuredClone(template);
    copy.number = pull.number;
    copy.url = copy.url.replace(/\/pulls\/\d+$/, `/pulls/${pull.number}`);
    copy.head.sha = pull.headSha ?? options.headSha;
    renameRepo(copy.head.repo, repository, REPO_ID);
    renameRepo(copy.base.repo, repository, REPO_ID);
    return copy;
  });
  renameRepo(payload.repository as RepoLike, repository, REPO_ID);
  renameRepo(run.repository, repository, REPO_ID);
  renameRepo(run.head_repository, options.headRepo ?? repository, options.headRepo ? FORK_ID : REPO_ID);
  if (payload.workflow && typeof payload.workflow === 'object') (payload.workflow as Json).name = run.name;
  return { name: 'workflow_run', payload };
}

export interface PushEventOptions {
  after: string;
  before?: string;
  ref?: string;
  repository?: string;
}

export function pushEvent(options: PushEventOptions): WebhookEvent {
  const repository = options.repository ?? 'acme/summaries';
  const payload = moveTo(
    webhookExample('push', (e) => typeof e.ref === 'string' && e.ref.startsWith('refs/heads/')),
    EXAMPLE_REPOS,
    repository,
  );
  payload.ref = options.ref ?? 'refs/heads/main';
  payload.after = options.after;
  if (options.before) payload.before = options.before;
  renameRepo(payload.repository as RepoLike, repository, REPO_ID);
  return { name: 'push', payload };
}

/** The object each event is about; its keys are checked one level down. */
const SUBJECT: Record<string, string> = {
  pull_request: 'pull_request',
  workflow_run: 'workflow_run',
  push: 'head_commit',
};

/**
 * What `payload` lacks of the keys that every real example of `event` has (at the top, and in the object the
 * event is about), as `key` / `pull_request.key` paths. Empty for events this check does not cover.
 */
export function missingWebhookKeys(event: string, payload: unknown): string[] {
  const examples = SUBJECT[event] === undefined ? [] : examplesOf(event);
  if (examples.length === 0) return [];
  const subject = SUBJECT[event] ?? '';
  const common = (objects: unknown[]): string[] => {
    const [first, ...rest] = objects.filter((o): o is Json => typeof o === 'object' && o !== null);
    return Object.keys(first ?? {}).filter((key) => rest.every((o) => key in o));
  };
  const given = (typeof payload === 'object' && payload !== null ? payload : {}) as Json;
  const missing = common(examples).filter((key) => !(key in given));
  const inner = given[subject];
  if (typeof inner === 'object' && inner !== null) {
    for (const key of common(examples.map((e) => e[subject]))) {
      if (!(key in inner)) missing.push(`${subject}.${key}`);
    }
  }
  return missing;
}
