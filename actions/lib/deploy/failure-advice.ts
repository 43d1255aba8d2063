import { phraseAdvice } from '#lib/advice';
import type { AdviceWording } from '#lib/advice';
import { LinkRefusedError } from '#lib/fs/no-follow';
import { HubUnreachableError } from '#lib/hub/errors';
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
} from './errors';

/**
 * What a user can change about a failed deploy, one kind per fix, with the data the advice needs. Which error (or
 * Hub status) calls for which fix is decided here once; each entry (the deploy-space action, `sumops deploy`)
 * words every kind in its own terms, an input and a secret or a flag and a variable (phraseDeployAdvice).
 */
export type DeployAdvice =
  /** No write token at all. */
  | { kind: 'missing-token' }
  /** The token is not a Hub access token (no hf_ prefix). */
  | { kind: 'malformed-token' }
  /** whoami refused the token: expired or revoked. */
  | { kind: 'rejected-token' }
  /** The token is valid but lacks this permission on the Space. */
  | { kind: 'token-permission'; permission: string }
  /** The Space does not exist and creating it was not asked for. */
  | { kind: 'space-missing' }
  /** A private Space's app needs a read token for the smoke test and the evaluation. */
  | { kind: 'app-token-required' }
  /** A Space with the preview's name that this repository's previews did not create. */
  | { kind: 'preview-tag-mismatch' }
  /** The folder to deploy is a symbolic link. */
  | { kind: 'folder-link' }
  /** Someone else committed to the Space meanwhile. */
  | { kind: 'sync-conflict' }
  /** The Hub could not be reached at all. */
  | { kind: 'hub-unreachable' }
  /** A Hub call answered 401: the token was refused. */
  | { kind: 'token-refused' }
  /** A Hub call answered 403: the token may not write this Space. */
  | { kind: 'write-forbidden' }
  /** A Hub call answered 404: the Space name is wrong. */
  | { kind: 'space-not-found' }
  /** A Hub call answered 422: the folder's README front matter or file names. */
  | { kind: 'request-invalid' }
  /** 429, a 5xx or no answer: the Hub is busy or down. */
  | { kind: 'hub-busy' };

/** The fix a deploy error calls for, or undefined when its message says it all. */
export function deployAdvice(error: unknown): DeployAdvice | undefined {
  if (error instanceof MissingTokenError) return { kind: 'missing-token' };
  if (error instanceof MalformedTokenError) return { kind: 'malformed-token' };
  if (error instanceof RejectedTokenError) return { kind: 'rejected-token' };
  if (error instanceof TokenPermissionError)
    return { kind: 'token-permission', permission: error.permission };
  if (error instanceof SpaceMissingError) return { kind: 'space-missing' };
  if (error instanceof AppTokenRequiredError) return { kind: 'app-token-required' };
  if (error instanceof SpaceTagMismatchError) return { kind: 'preview-tag-mismatch' };
  if (error instanceof LinkRefusedError && error.kind === 'folder') return { kind: 'folder-link' };
  if (error instanceof SyncConflictError) return { kind: 'sync-conflict' };
  if (error instanceof HubUnreachableError) return { kind: 'hub-unreachable' };
  const status = hubFailureStatus(error);
  if (status === 401) return { kind: 'token-refused' };
  if (status === 403) return { kind: 'write-forbidden' };
  if (status === 404) return { kind: 'space-not-found' };
  if (status === 422) return { kind: 'request-invalid' };
  if (status === 429 || status === 0 || (status !== undefined && status >= 500)) return { kind: 'hub-busy' };
  return undefined;
}

/** An entry's words for every kind of deploy advice (see AdviceWording). */
export type DeployAdviceWording = AdviceWording<DeployAdvice>;

/** The advice for a deploy error in one entry's words; undefined when there is none. */
export function phraseDeployAdvice(error: unknown, wording: DeployAdviceWording): string | undefined {
  return phraseAdvice(deployAdvice(error), wording);
}
