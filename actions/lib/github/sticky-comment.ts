import { silentLogger } from '#lib/log';
import type { Logger } from '#lib/log';
import { ANY_BOT, isByAuthor } from './comment-author';
import type { CommentAuthor } from './comment-author';
import { explainGitHubError } from './errors';
import type { GitHubClient } from './octokit';

/** GitHub refuses longer comment bodies with 422 "body is too long (maximum is 65536 characters)". */
export const MAX_COMMENT_CHARS = 65_536;
/** Identifies the evaluation report comment; shared by the evaluate and comment actions. */
export const EVALUATE_COMMENT_MARKER = '<!-- sumops:evaluate -->';

export interface UpsertStickyCommentOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  issueNumber: number;
  /** Hidden HTML comment, e.g. `<!-- sumops:evaluate -->`, that identifies the sticky comment. */
  marker: string;
  body: string;
  /**
   * Whose marked comment counts (from resolveCommentAuthor), so no person can plant the marker. Default: any bot,
   * which is right for every installation token (GITHUB_TOKEN or a GitHub App's).
   */
  author?: CommentAuthor;
  logger?: Logger;
}

export interface StickyCommentResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url: string;
}

interface CommentLike {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login: string; type?: string } | null;
}

/**
 * Creates or edits the ONE comment carrying `marker` by `author`, searching every page of the thread. An
 * identical body costs no write, so re-runs stay quiet; a body over GitHub's limit is cut, not rejected.
 */
export async function upsertStickyComment(options: UpsertStickyCommentOptions): Promise<StickyCommentResult> {
  const { octokit, owner, repo, issueNumber, marker } = options;
  const author = options.author ?? ANY_BOT;
  const logger = options.logger ?? silentLogger;
  const target = `${owner}/${repo}#${issueNumber}`;
  const body = fitCommentBody(withMarker(options.body, marker), marker);

  try {
    const comments: CommentLike[] = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    const matches = comments.filter((comment) => isStickyComment(comment, marker, author));
    const existing = matches.at(-1);
    if (matches.length > 1) {
      logger.warn(`${target} has ${matches.length} comments marked ${marker}; updating the newest only`);
    }
    if (!existing) {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body,
      });
      logger.info(`Created comment ${data.html_url}`);
      return { action: 'created', id: data.id, url: data.html_url };
    }
    if (normalizeNewlines(existing.body ?? '') === normalizeNewlines(body)) {
      logger.info(`Comment ${existing.html_url} is already up to date`);
      return { action: 'unchanged', id: existing.id, url: existing.html_url };
    }
    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    logger.info(`Updated comment ${data.html_url}`);
    return { action: 'updated', id: data.id, url: data.html_url };
  } catch (error) {
    throw explainGitHubError(error, `the comments of ${target}`);
  }
}

export function isStickyComment(comment: CommentLike, marker: string, author: CommentAuthor): boolean {
  return isByAuthor(comment.user, author) && (comment.body ?? '').includes(marker);
}

export function withMarker(body: string, marker: string): string {
  return body.includes(marker) ? body : `${marker}\n${body}`;
}

/** Cuts a body to GitHub's limit, keeping the marker (or the comment would be duplicated next run). */
export function fitCommentBody(body: string, marker: string, limit = MAX_COMMENT_CHARS): string {
  if (body.length <= limit) return body;
  const note = '\n\n_… cut to fit GitHub’s comment size limit; the full report is in the job summary._';
  let cut = limit - note.length - marker.length - 1;
  // Never split a UTF-16 surrogate pair.
  const code = body.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const kept = body.slice(0, cut);
  return kept + note + (kept.includes(marker) ? '' : `\n${marker}`);
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
