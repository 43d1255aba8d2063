import { explainGitHubError, gitHubFailure } from './errors';
import type { GitHubClient } from './octokit';
import { ACTIONS_BOT_LOGIN } from './sticky-comment';

/**
 * Who will author comments made with this token. A personal token may read GET /user; the workflow's
 * GITHUB_TOKEN (an installation token) gets 403 there, and its comments are by github-actions[bot].
 */
export async function resolveCommentAuthor(octokit: GitHubClient): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    if (gitHubFailure(error)?.status === 403) return ACTIONS_BOT_LOGIN;
    throw explainGitHubError(error, 'the token owner (GET /user)');
  }
}
