import { explainGitHubError } from '#lib/github/errors';
import type { DigestDeps, ExistingIssue } from './types';
import { parseMarker } from './marker';
import { normalizeUrl } from './normalize-url';

/** Every digest issue carries it; existing issues are listed by it (the search API lags, listing does not). */
export const DIGEST_LABEL = 'sumops-digest';

/** Every issue with the digest label and a valid marker, by normalized URL. Listing failure fails the run. */
export async function listDigestIssues(
  deps: Pick<DigestDeps, 'octokit' | 'owner' | 'repo' | 'logger'>,
): Promise<Map<string, ExistingIssue>> {
  const { octokit, owner, repo, logger } = deps;
  let issues: Awaited<ReturnType<typeof octokit.rest.issues.listForRepo>>['data'];
  try {
    issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      labels: DIGEST_LABEL,
      state: 'all',
      per_page: 100,
    });
  } catch (error) {
    throw explainGitHubError(error, `the ${DIGEST_LABEL} issues of ${owner}/${repo}`);
  }
  const byKey = new Map<string, ExistingIssue>();
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const marker = parseMarker(issue.body);
    if (!marker) continue;
    const key = normalizeUrl(marker.url);
    if (!key) continue;
    const previous = byKey.get(key);
    if (previous) {
      logger.warn(`#${previous.number} and #${issue.number} both track ${key}; using the older one`);
      if (previous.number < issue.number) continue;
    }
    byKey.set(key, {
      number: issue.number,
      state: issue.state,
      body: issue.body ?? '',
      marker,
      labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
    });
  }
  return byKey;
}
