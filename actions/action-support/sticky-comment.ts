import { resolveCommentAuthor } from '#lib/github/comment-author';
import { GitHubWriteForbiddenError } from '#lib/github/errors';
import { upsertStickyComment } from '#lib/github/sticky-comment';
import type { StickyCommentResult, UpsertStickyCommentOptions } from '#lib/github/sticky-comment';
import type { ActionLog } from './job';

/**
 * Upserts an action's sticky comment as the token's own identity. A token that may not write (a fork PR's
 * read-only GITHUB_TOKEN) is a normal case: a notice with the error and `whereInstead`, and undefined.
 */
export async function postStickyComment(
  options: Omit<UpsertStickyCommentOptions, 'author' | 'logger'> & {
    log: ActionLog;
    /** Where the reader finds the content instead, e.g. "The report is in the job summary." */
    whereInstead: string;
  },
): Promise<StickyCommentResult | undefined> {
  const { octokit, log } = options;
  try {
    return await upsertStickyComment({
      octokit,
      owner: options.owner,
      repo: options.repo,
      issueNumber: options.issueNumber,
      marker: options.marker,
      body: options.body,
      author: await resolveCommentAuthor(octokit),
      logger: log,
    });
  } catch (error) {
    if (!(error instanceof GitHubWriteForbiddenError)) throw error;
    log.notice(`${error.message} ${options.whereInstead}`);
    return undefined;
  }
}
