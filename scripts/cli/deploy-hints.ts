import { errorMessage } from '#lib/errors';
import {
  AppTokenRequiredError,
  hubFailureStatus,
  MalformedTokenError,
  MissingTokenError,
  RejectedTokenError,
  SpaceMissingError,
  SyncConflictError,
  TokenPermissionError,
} from '#lib/deploy/errors';
import { HubUnreachableError } from '#lib/hub/errors';

/** The CLI's advice for a deploy error, in terms of its flags and environment; undefined when the message says it all. */
function deployHint(error: unknown): string | undefined {
  if (error instanceof MissingTokenError) {
    return 'export HF_TOKEN=hf_… (a write token from https://huggingface.co/settings/tokens); it is read from the environment only';
  }
  if (error instanceof MalformedTokenError)
    return 'HF_TOKEN must hold a Hub access token, which starts with hf_';
  if (error instanceof RejectedTokenError)
    return 'create a new token at https://huggingface.co/settings/tokens and put it in HF_TOKEN';
  if (error instanceof TokenPermissionError) {
    return `use a token with the "Write" role, or a fine-grained token with ${error.permission}, in HF_TOKEN`;
  }
  if (error instanceof AppTokenRequiredError)
    return 'export HF_READ_TOKEN=hf_… (a read token) for the smoke test, or run with --no-smoke';
  if (error instanceof SpaceMissingError)
    return 'or run again with --create (add --private for a private Space)';
  if (error instanceof SyncConflictError)
    return 'someone else is pushing to the Space; try again in a minute';
  if (error instanceof HubUnreachableError) return 'check your connection, or --hub-url';
  const status = hubFailureStatus(error);
  if (status === 401) return 'HF_TOKEN was refused: check that it is current';
  if (status === 403) return 'HF_TOKEN lacks write permission on this Space';
  if (status === 404) return 'check the --space name (owner/name)';
  if (status === 422)
    return 'the Hub refused the request as invalid; check DIR/README.md front matter and file names';
  if (status === 429 || (status !== undefined && status >= 500) || status === 0)
    return 'the Hub is busy or down; try again later';
  return undefined;
}

/** What `sumops deploy` prints for a failure: the message (with --debug, the stack), then a `hint:` line. */
export function deployErrorText(error: unknown, debug = false): string {
  const detail = debug && error instanceof Error ? (error.stack ?? error.message) : errorMessage(error);
  const hint = deployHint(error);
  return `sumops deploy: ${detail}${hint ? `\nhint: ${hint}` : ''}`;
}

/** Defence in depth: whatever a dependency put in a message, the token never reaches the terminal. */
export function redact(text: string, token: string): string {
  return token.length >= 8 ? text.split(token).join('hf_***') : text;
}
