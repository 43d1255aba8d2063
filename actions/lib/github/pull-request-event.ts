/** The pull request a workflow run is about, read from the event payload (pure; no @actions/github context). */
export interface PullRequestRef {
  number: number;
  headSha: string;
  /** `owner/repo` of the head branch. */
  headRepo: string;
  /** `owner/repo` the PR targets. */
  baseRepo: string;
  /** Head lives in another repository: no secrets, read-only token. */
  isFork: boolean;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);

export function pullRequestFromEvent(eventName: string, payload: unknown): PullRequestRef | undefined {
  if (!PULL_REQUEST_EVENTS.has(eventName)) return undefined;
  const pr = (payload as { pull_request?: unknown } | null)?.pull_request as
    | {
        number?: unknown;
        head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
        base?: { repo?: { full_name?: unknown } | null };
      }
    | undefined;
  if (!pr || typeof pr.number !== 'number') return undefined;
  const headRepo = typeof pr.head?.repo?.full_name === 'string' ? pr.head.repo.full_name : '';
  const baseRepo = typeof pr.base?.repo?.full_name === 'string' ? pr.base.repo.full_name : '';
  return {
    number: pr.number,
    headSha: typeof pr.head?.sha === 'string' ? pr.head.sha : '',
    headRepo,
    baseRepo,
    // A deleted fork leaves head.repo null: treat it as a fork too.
    isFork: headRepo === '' || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
  };
}
