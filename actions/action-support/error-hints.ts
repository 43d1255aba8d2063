import { errorMessage } from '#lib/errors';
import { GitHubAuthError, GitHubWriteForbiddenError } from '#lib/github/errors';

/** What a user of one action can change about a library error, in that action's words (its inputs, defaults). */
export type ActionHint = (error: unknown) => string | undefined;

/** The error's one-line message with the action's hint appended, for `core.setFailed` and case errors. */
export function describeActionError(error: unknown, hint: ActionHint): string {
  const message = errorMessage(error);
  const extra = hint(error);
  return extra ? `${message.replace(/[.;]\s*$/, '')}; ${extra}.` : message;
}

/** Hints for GitHub failures, shared by every action with a `github-token` input. */
export function gitHubTokenHint(error: unknown): string | undefined {
  if (error instanceof GitHubAuthError)
    return "check the github-token input (by default the job's GITHUB_TOKEN)";
  if (error instanceof GitHubWriteForbiddenError)
    return `grant the job ${error.permission} in its permissions, or pass a github-token that has it`;
  // Rate limits and 5xx: the library's "try again later" is already the whole advice.
  return undefined;
}

/** The first hint that has something to say. */
export function firstHint(...hints: ActionHint[]): ActionHint {
  return (error) => {
    for (const hint of hints) {
      const text = hint(error);
      if (text) return text;
    }
    return undefined;
  };
}
