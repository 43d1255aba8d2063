import { firstHint, gitHubTokenHint } from '#action-support/error-hints';
import type { ActionHint } from '#action-support/error-hints';
import { GitHubNotFoundError } from '#lib/github/errors';

/** The comment action's words for library errors: its inputs (pr-number, github-token). */
const commentInputHint: ActionHint = (error) => {
  if (error instanceof GitHubNotFoundError)
    return 'check that pr-number / pr-number-path names a PR of this repository';
  return undefined;
};

export const commentHint: ActionHint = firstHint(commentInputHint, gitHubTokenHint);
