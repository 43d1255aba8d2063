import { SumopsError, UsageError } from '#lib/errors';
import { HubRequestError, SpaceAccessError, oneLine } from '#lib/hub/errors';

/** Base of the token problems found before any write; entries add how to fix it in their own words. */
class HubTokenError extends UsageError {}

export class MissingTokenError extends HubTokenError {
  constructor(readonly spaceId: string) {
    super(`no Hugging Face token was given; writing to Space ${spaceId} needs one with write permission`);
  }
}

/** `@huggingface/hub` refuses such tokens before sending anything; so do we, without quoting it. */
export class MalformedTokenError extends HubTokenError {
  constructor(readonly spaceId: string) {
    super(`the Hugging Face token does not start with "hf_", so it is not a Hub access token`);
  }
}

export class RejectedTokenError extends HubTokenError {
  constructor(
    readonly spaceId: string,
    readonly status: number,
  ) {
    super(
      `the Hub rejected the Hugging Face token (HTTP ${status} from whoami-v2): it is invalid, expired or revoked`,
    );
  }
}

/** The token is valid but may not write this Space; `permission` names what is missing. */
export class TokenPermissionError extends HubTokenError {
  constructor(
    readonly spaceId: string,
    readonly user: string,
    readonly role: string,
    readonly permission: string,
  ) {
    super(
      `the Hugging Face token of user ${user} (role ${role}) cannot write to Space ${spaceId}: it needs ${permission}`,
    );
  }
}

/** A private Space's app needs a token to be called, and the deploy's write token is never sent to it. */
export class AppTokenRequiredError extends UsageError {
  constructor(readonly spaceId: string) {
    super(
      `Space ${spaceId} is private, so the smoke test and the evaluation need a read token for its app ` +
        '(the write token is never sent to a Space app)',
    );
  }
}

/**
 * The Space exists but does not carry the variable that marks it as the one this deploy owns (a preview made for
 * this repository's PR); nothing was written to it or deleted.
 */
export class SpaceTagMismatchError extends UsageError {
  constructor(
    readonly spaceId: string,
    readonly key: string,
    readonly expected: string,
    readonly found: string | undefined,
  ) {
    super(
      `Space ${spaceId} exists but its variable ${key} is ${found === undefined ? 'not set' : JSON.stringify(found)}, ` +
        `not ${JSON.stringify(expected)}: it is not this deploy's to write to or delete`,
    );
  }
}

/** The Space does not exist (or is invisible to the token) and creating it was not asked for. */
export class SpaceMissingError extends UsageError {
  constructor(readonly spaceId: string) {
    const [owner, name] = spaceId.split('/');
    super(
      `Space ${spaceId} does not exist or this token cannot see it; to create it: open https://huggingface.co/new-space, ` +
        `choose owner ${owner ?? ''}, name ${name ?? ''}, SDK Gradio, then deploy again`,
    );
  }
}

export class InvalidSpaceIdError extends UsageError {
  constructor(readonly spaceId: string) {
    super(`"${spaceId}" is not a Space id: expected owner/name (letters, digits, "-", "_", ".")`);
  }
}

/** A bound on the local folder or the remote listing was reached; nothing was written. */
export class SyncLimitError extends UsageError {
  constructor(
    readonly limit: 'maxFiles' | 'maxTotalBytes' | 'maxDepth' | 'maxRemoteEntries',
    readonly value: number,
    readonly where: string,
  ) {
    super(`${where} exceeds the sync limit ${limit} = ${value}`);
  }
}

/** Someone kept committing to the Space while we diffed: every attempt hit HTTP 412. */
export class SyncConflictError extends SumopsError {
  constructor(
    readonly spaceId: string,
    readonly attempts: number,
  ) {
    super(
      `Space ${spaceId} changed during each of ${attempts} commit attempts (HTTP 412, parent commit moved); nothing was committed`,
    );
  }
}

/** A rollback found commits after the one it was to undo: it stops rather than overwrite someone's work. */
export class RollbackConflictError extends SumopsError {
  constructor(
    readonly spaceId: string,
    /** The commit the rollback was to be made on top of (the failed deploy). */
    readonly over: string,
    /** The head found instead; null when the Hub refused the commit (HTTP 412) without saying. */
    readonly head: string | null,
  ) {
    super(
      `Space ${spaceId} has commits after ${over.slice(0, 12)}${head ? ` (its head is ${head.slice(0, 12)})` : ' (HTTP 412)'}: ` +
        'not rolling back over them',
    );
  }
}

/** A Hub call of the sync failed; `status` is 0 when the Hub could not be reached. */
export class HubWriteError extends SumopsError {
  constructor(
    readonly spaceId: string,
    readonly operation: string,
    readonly status: number,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${operation} for Space ${spaceId} failed${status ? ` with HTTP ${status}` : ''}${detail ? `: ${oneLine(detail)}` : ''}`,
      options,
    );
  }
}

/** A local file cannot be read or changed while it was hashed. */
export class LocalFileError extends SumopsError {
  constructor(
    readonly path: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${oneLine(detail)}`, options);
  }
}

/** A `KEY=value` line of secrets or variables is malformed; the value is never quoted. */
export class SettingsLineError extends UsageError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${source} line ${line}: ${problem}`);
  }
}

/** The Hub's HTTP status behind a deploy failure (0: no answer), for entries to phrase advice by status. */
export function hubFailureStatus(error: unknown): number | undefined {
  return error instanceof HubWriteError ||
    error instanceof HubRequestError ||
    error instanceof SpaceAccessError
    ? error.status
    : undefined;
}
