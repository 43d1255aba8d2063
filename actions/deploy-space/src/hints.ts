import type { DeployFailure } from '#lib/deploy/deploy-space';
import { phraseDeployAdvice } from '#lib/deploy/failure-advice';
import type { DeployAdviceWording } from '#lib/deploy/failure-advice';

/** The deploy advice (lib/deploy/failure-advice.ts) in terms of this action's inputs and the repository's secrets. */
const ACTION_WORDING: DeployAdviceWording = {
  'missing-token':
    'Add a fine-grained Hugging Face write token as the secret HF_TOKEN of the production environment and pass it as hf-token. Fork PRs get no secrets.',
  'malformed-token': 'The HF_TOKEN secret must hold a Hub access token (it starts with hf_).',
  'rejected-token': 'Create a new token at huggingface.co/settings/tokens and update the HF_TOKEN secret.',
  'token-permission': ({ permission }) =>
    `Store a token with the "Write" role, or a fine-grained token with ${permission}, in the HF_TOKEN secret.`,
  'space-missing': 'Or set the input create: true to let the action create it.',
  'app-token-required':
    'Pass a read token as read-token (the repository secret HF_READ_TOKEN), or set smoke: false and evaluate: false.',
  'preview-tag-mismatch':
    'A preview is only written to when it carries the tag this action gives the previews it creates; delete or rename that Space, or set the variable on it if it is yours.',
  'folder-link': 'Set the path input to the folder itself.',
  'sync-conflict': 'Someone else is pushing to the Space; re-run the job in a minute.',
  'hub-unreachable': 'Check the hub-url input and the runner’s network.',
  'token-refused': 'The HF_TOKEN secret was refused: check that it is current.',
  'write-forbidden': 'The HF_TOKEN secret lacks write permission on this Space.',
  'space-not-found': 'Check the space input (owner/name).',
  'request-invalid':
    'The Hub refused the request as invalid: check the folder’s README.md front matter and file names.',
  'hub-busy': 'The Hub is busy or down; re-run the job later.',
};

/** Advice for a deploy error in terms of this action's inputs and the repository's secrets. */
export function actionHint(error: unknown): string | undefined {
  return phraseDeployAdvice(error, ACTION_WORDING);
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
