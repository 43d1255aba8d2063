import {
  AppTokenRequiredError,
  hubFailureStatus,
  MalformedTokenError,
  MissingTokenError,
  RejectedTokenError,
  SpaceMissingError,
  SpaceTagMismatchError,
  SyncConflictError,
  TokenPermissionError,
} from '#lib/deploy/errors';
import type { DeployFailure } from '#lib/deploy/deploy-space';
import { LinkRefusedError } from '#lib/fs/no-follow';
import { HubUnreachableError } from '#lib/hub/errors';

/** Advice for a deploy error in terms of this action's inputs and the repository's secrets. */
export function actionHint(error: unknown): string | undefined {
  if (error instanceof MissingTokenError) {
    return 'Add a fine-grained Hugging Face write token as the secret HF_TOKEN of the production environment and pass it as hf-token. Fork PRs get no secrets.';
  }
  if (error instanceof MalformedTokenError)
    return 'The HF_TOKEN secret must hold a Hub access token (it starts with hf_).';
  if (error instanceof RejectedTokenError)
    return 'Create a new token at huggingface.co/settings/tokens and update the HF_TOKEN secret.';
  if (error instanceof TokenPermissionError) {
    return `Store a token with the "Write" role, or a fine-grained token with ${error.permission}, in the HF_TOKEN secret.`;
  }
  if (error instanceof SpaceMissingError) return 'Or set the input create: true to let the action create it.';
  if (error instanceof AppTokenRequiredError)
    return 'Pass a read token as read-token (the repository secret HF_READ_TOKEN), or set smoke: false and evaluate: false.';
  if (error instanceof SpaceTagMismatchError)
    return 'A preview is only written to when it carries the tag this action gives the previews it creates; delete or rename that Space, or set the variable on it if it is yours.';
  if (error instanceof LinkRefusedError && error.kind === 'folder')
    return 'Set the path input to the folder itself.';
  if (error instanceof SyncConflictError)
    return 'Someone else is pushing to the Space; re-run the job in a minute.';
  if (error instanceof HubUnreachableError) return 'Check the hub-url input and the runner’s network.';
  const status = hubFailureStatus(error);
  if (status === 401) return 'The HF_TOKEN secret was refused: check that it is current.';
  if (status === 403) return 'The HF_TOKEN secret lacks write permission on this Space.';
  if (status === 404) return 'Check the space input (owner/name).';
  if (status === 422)
    return 'The Hub refused the request as invalid: check the folder’s README.md front matter and file names.';
  if (status === 429 || status === 0 || (status !== undefined && status >= 500))
    return 'The Hub is busy or down; re-run the job later.';
  return undefined;
}

export function failureHint(failure: DeployFailure): string {
  switch (failure.kind) {
    case 'build':
      return 'The log tail is in the job summary; fix the app or its requirements and push again.';
    case 'timeout':
      return 'Raise wait-timeout-minutes if the build is just slow.';
    case 'smoke':
      return 'The Space started but /summarize did not answer with a summary; check its run log on the Hub.';
  }
}
