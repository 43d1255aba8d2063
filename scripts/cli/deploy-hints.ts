import { errorMessage } from '#lib/errors';
import { phraseDeployAdvice } from '#lib/deploy/failure-advice';
import type { DeployAdviceWording } from '#lib/deploy/failure-advice';

/**
 * The deploy advice (lib/deploy/failure-advice.ts) in the CLI's words: its flags and environment. A preview's tag
 * and a linked folder can't happen here (the CLI makes no previews and deploys the folder a link names).
 */
const CLI_WORDING: DeployAdviceWording = {
  'missing-token':
    'export HF_TOKEN=hf_… (a write token from https://huggingface.co/settings/tokens); it is read from the environment only',
  'malformed-token': 'HF_TOKEN must hold a Hub access token, which starts with hf_',
  'rejected-token': 'create a new token at https://huggingface.co/settings/tokens and put it in HF_TOKEN',
  'token-permission': ({ permission }) =>
    `use a token with the "Write" role, or a fine-grained token with ${permission}, in HF_TOKEN`,
  'space-missing': 'or run again with --create (add --private for a private Space)',
  'app-token-required': 'export HF_READ_TOKEN=hf_… (a read token) for the smoke test, or run with --no-smoke',
  'preview-tag-mismatch': undefined,
  'folder-link': undefined,
  'sync-conflict': 'someone else is pushing to the Space; try again in a minute',
  'hub-unreachable': 'check your connection, or --hub-url',
  'token-refused': 'HF_TOKEN was refused: check that it is current',
  'write-forbidden': 'HF_TOKEN lacks write permission on this Space',
  'space-not-found': 'check the --space name (owner/name)',
  'request-invalid':
    'the Hub refused the request as invalid; check DIR/README.md front matter and file names',
  'hub-busy': 'the Hub is busy or down; try again later',
};

/** What `sumops deploy` prints for a failure: the message (with --debug, the stack), then a `hint:` line. */
export function deployErrorText(error: unknown, debug = false): string {
  const detail = debug && error instanceof Error ? (error.stack ?? error.message) : errorMessage(error);
  const hint = phraseDeployAdvice(error, CLI_WORDING);
  return `sumops deploy: ${detail}${hint ? `\nhint: ${hint}` : ''}`;
}

/** Defence in depth: whatever a dependency put in a message, the token never reaches the terminal. */
export function redact(text: string, token: string): string {
  return token.length >= 8 ? text.split(token).join('hf_***') : text;
}
