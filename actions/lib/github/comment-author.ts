import { explainGitHubError, gitHubFailure } from './errors';
import type { GitHubClient } from './octokit';

/**
 * Whose comments the sticky comment can be. A personal token reads its own login from GET /user. An installation
 * token (the workflow's GITHUB_TOKEN, or a GitHub App's) gets 403 there and cannot call GET /app either (that
 * needs the app's JWT), so its login — `github-actions[bot]` or `<app-slug>[bot]` — is not knowable: any bot's
 * comment then qualifies. People's comments never do, whatever they contain.
 */
export type CommentAuthor = { kind: 'login'; login: string } | { kind: 'any-bot' };

export const ANY_BOT: CommentAuthor = { kind: 'any-bot' };

export async function resolveCommentAuthor(octokit: GitHubClient): Promise<CommentAuthor> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return { kind: 'login', login: data.login };
  } catch (error) {
    // https://docs.github.com/en/rest/users/users#get-the-authenticated-user: installation tokens get 403.
    if (gitHubFailure(error)?.status === 403) return ANY_BOT;
    throw explainGitHubError(error, 'the token owner (GET /user)');
  }
}

/** The author part of the sticky-comment test: the known login, or any account of type Bot. */
export function isByAuthor(
  user: { login: string; type?: string } | null | undefined,
  author: CommentAuthor,
): boolean {
  if (!user) return false;
  return author.kind === 'login' ? sameLogin(user.login, author.login) : user.type === 'Bot';
}

/** GraphQL spells app logins without the `[bot]` suffix that REST adds; accept either. */
function sameLogin(a: string, b: string): boolean {
  const strip = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');
  return strip(a) === strip(b);
}
