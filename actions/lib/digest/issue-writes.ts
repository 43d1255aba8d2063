import pLimit from 'p-limit';
import { errorMessage } from '#lib/errors';
import { explainGitHubError } from '#lib/github/errors';
import { LOW_FAITHFULNESS_LABEL } from './faithfulness';
import type { FaithfulnessCheck } from './faithfulness';
import { DIGEST_LABEL } from './issue-list';
import { driftComment, goneComment, plainTitle, replaceMarker, updatedComment } from './render-issue';
import type { DigestDeps, DigestOptions, DigestResult, DigestTarget, ExistingIssue } from './types';

const DRIFT_LABEL = 'drift';

/** A new or changed summary, ready to write: the issue body and what the job summary shows. */
export interface FreshSummary {
  target: DigestTarget;
  /** The page's title as extracted (the target's own title wins). */
  documentTitle: string;
  body: string;
  words: number;
  summary: string;
  faithfulness?: FaithfulnessCheck;
}

/**
 * The GitHub side of a digest run: creating and updating issues, noting a page gone or drifted. Writes go one at a
 * time, as GitHub asks of content-creating requests; each failure names what was being written and becomes that
 * page's failed result, never the run's.
 */
export function digestIssueWriter(
  deps: Pick<DigestDeps, 'octokit' | 'owner' | 'repo' | 'logger'>,
  options: Pick<DigestOptions, 'dryRun' | 'assignees' | 'closeWhenGone'> & {
    describe: (error: unknown, url: string) => string;
  },
) {
  const { octokit, owner, repo, logger } = deps;
  const write = pLimit(1);
  const gh = <T>(what: string, task: () => Promise<T>): Promise<T> =>
    write(async () => {
      try {
        return await task();
      } catch (error) {
        throw explainGitHubError(error, what);
      }
    });
  const comment = (issueNumber: number, body: string) =>
    gh(`the comments of ${owner}/${repo}#${issueNumber}`, () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
    );
  const update = (
    issueNumber: number,
    fields: { body: string; state?: 'open' | 'closed'; state_reason?: 'not_planned' },
  ) =>
    gh(`${owner}/${repo}#${issueNumber}`, () =>
      octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, ...fields }),
    );
  const addLabel = (issueNumber: number, label: string) =>
    gh(`the labels of ${owner}/${repo}#${issueNumber}`, () =>
      octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: [label] }),
    );
  const failed = (url: string, issue: number | null, error: unknown): DigestResult => ({
    url,
    issue,
    status: 'failed',
    reason: options.describe(error, url),
  });

  /** Creates the page's issue, or updates it with the new summary (reopening one closed as gone). */
  const publish = async (fresh: FreshSummary, issue: ExistingIssue | undefined): Promise<DigestResult> => {
    const { target, faithfulness } = fresh;
    const base = { url: target.url, issue: issue?.number ?? null };
    const done = { ...base, summary: { title: target.title ?? fresh.documentTitle, text: fresh.summary } };
    const ref = issue ? `${owner}/${repo}#${issue.number}` : `${owner}/${repo}`;
    try {
      if (!issue) {
        if (options.dryRun) return { ...done, status: 'created', reason: 'dry run: would create an issue' };
        const title = plainTitle(target.title ?? fresh.documentTitle, target.key);
        const { data } = await gh(`a new issue in ${ref}`, () =>
          octokit.rest.issues.create({
            owner,
            repo,
            title,
            body: fresh.body,
            labels: [DIGEST_LABEL, ...target.labels, ...(faithfulness?.low ? [LOW_FAITHFULNESS_LABEL] : [])],
            ...(options.assignees.length > 0 ? { assignees: options.assignees } : {}),
          }),
        );
        return { ...done, status: 'created', issue: data.number };
      }
      const note =
        issue.marker.drift !== undefined
          ? `The page recovered (${issue.marker.drift} no longer holds); the summary above is updated.`
          : issue.marker.gone > 0
            ? 'The page is back; the summary above is updated.'
            : updatedComment(issue.marker.words, fresh.words);
      if (options.dryRun) return { ...done, status: 'updated', reason: 'dry run: would update the issue' };
      await update(issue.number, {
        body: fresh.body,
        ...(issue.state === 'closed' && issue.marker.gone >= 2 ? { state: 'open' as const } : {}),
      });
      await comment(issue.number, note);
      const removeLabel = (name: string) =>
        gh(`the labels of ${ref}`, () =>
          octokit.rest.issues.removeLabel({ owner, repo, issue_number: issue.number, name }),
        ).catch((error: unknown) => logger.warn(errorMessage(error)));
      if (issue.labels.includes(DRIFT_LABEL)) await removeLabel(DRIFT_LABEL);
      const lowLabelled = issue.labels.includes(LOW_FAITHFULNESS_LABEL);
      if (faithfulness?.low === true && !lowLabelled) {
        await addLabel(issue.number, LOW_FAITHFULNESS_LABEL);
      } else if (faithfulness?.low !== true && lowLabelled) await removeLabel(LOW_FAITHFULNESS_LABEL);
      return { ...done, status: 'updated' };
    } catch (error) {
      return failed(base.url, base.issue, error);
    }
  };

  /** A 404/410: the first miss is noted in the marker, the second reports it gone (and closes, if configured). */
  const gone = async (target: DigestTarget, issue: ExistingIssue, status: number): Promise<DigestResult> => {
    const base = { url: target.url, issue: issue.number };
    if (issue.marker.gone >= 2)
      return { ...base, status: 'gone', reason: `HTTP ${status}, already reported` };
    const count = issue.marker.gone + 1;
    const marker = { ...issue.marker, gone: count };
    const closing = count >= 2 && options.closeWhenGone && issue.state !== 'closed';
    if (options.dryRun)
      return count >= 2
        ? { ...base, status: 'gone', reason: `dry run: would comment${closing ? ' and close' : ''}` }
        : { ...base, status: 'failed', reason: `HTTP ${status} (dry run: would note a first miss)` };
    try {
      await update(issue.number, {
        body: replaceMarker(issue.body, marker),
        ...(closing ? { state: 'closed' as const, state_reason: 'not_planned' as const } : {}),
      });
      if (count < 2)
        return {
          ...base,
          status: 'failed',
          reason: `HTTP ${status}; it counts as gone if the next run gets it too`,
        };
      await comment(issue.number, goneComment(status, closing));
      return {
        ...base,
        status: 'gone',
        reason: `HTTP ${status} on two runs in a row${closing ? '; closed' : ''}`,
      };
    } catch (error) {
      return failed(base.url, base.issue, error);
    }
  };

  /** The page changed shape (a drift signal): label the issue and say why, once per signal. */
  const drifted = async (
    target: DigestTarget,
    issue: ExistingIssue,
    signal: string,
  ): Promise<DigestResult> => {
    const base = { url: target.url, issue: issue.number };
    if (issue.marker.drift === signal) return { ...base, status: 'drifted', reason: signal };
    if (options.dryRun)
      return { ...base, status: 'drifted', reason: `${signal} (dry run: would label and comment)` };
    try {
      await update(issue.number, {
        body: replaceMarker(issue.body, { ...issue.marker, drift: signal.slice(0, 200) }),
      });
      if (!issue.labels.includes(DRIFT_LABEL)) await addLabel(issue.number, DRIFT_LABEL);
      await comment(issue.number, driftComment(signal));
      return { ...base, status: 'drifted', reason: signal };
    } catch (error) {
      return failed(base.url, base.issue, error);
    }
  };

  return { publish, gone, drifted };
}
