import type { Logger } from '#lib/log';

/** Where the Hub is and how to talk to it; the token is only ever sent as a Bearer header. */
export interface HubAccess {
  hubUrl: string;
  accessToken: string;
  fetch?: typeof fetch;
}

/** One file the commit will write: a local file (sync) or a file of an older revision (restore). */
export interface PlannedFile {
  path: string;
  size: number;
  /** `regular` files travel inside the commit; `lfs` ones by SHA-256 oid. Known for remote files only. */
  kind?: 'regular' | 'lfs';
}

export interface SyncPlan {
  /** The head the diff was computed against (sent as `parentCommit`); null only for an empty repo. */
  parentCommit: string | null;
  added: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
  /** Files added or updated, with sizes (internal detail for summaries and tests). */
  uploads: PlannedFile[];
  /** Sum of `uploads` sizes. */
  uploadBytes: number;
}

export interface SyncResult extends SyncPlan {
  /** The new Space commit; null when nothing changed (or on a dry run). */
  commit: string | null;
  commitUrl: string | null;
  /** Commit attempts made: 0 when nothing was committed, more than 1 after 412 conflicts. */
  attempts: number;
}

export interface SyncFolderOptions {
  access: HubAccess;
  /** `owner/name`. */
  spaceId: string;
  dir: string;
  /** Extra gitignore-style patterns, on top of the defaults and `<dir>/.spaceignore`. */
  ignore?: string[];
  /**
   * Deploy `dir` even when it is a symlink (resolved once, up front). Off by default, and in the actions: a PR whose
   * `space` is a link would upload another directory. The CLI allows it for a folder the user names.
   */
  allowFolderLink?: boolean;
  dryRun?: boolean;
  title: string;
  description?: string;
  logger?: Logger;
  signal?: AbortSignal;
  limits?: Partial<SyncLimits>;
}

export interface SyncLimits {
  /** Local files considered (after ignore rules). */
  maxFiles: number;
  /** Total bytes of the local files. */
  maxTotalBytes: number;
  /** Directory nesting below `dir`. */
  maxDepth: number;
  /** Entries accepted from the remote tree listing. */
  maxRemoteEntries: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxFiles: 5_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxDepth: 32,
  maxRemoteEntries: 20_000,
};

export interface RestoreRevisionOptions {
  access: HubAccess;
  spaceId: string;
  /** Commit sha whose tree the Space gets back. */
  revision: string;
  /**
   * Make the restore commit on top of exactly this commit (the failed deploy's), and stop when the Space has moved
   * past it (its head differs, or HTTP 412): a rollback must not overwrite what others committed since. Without
   * it the restore goes on top of whatever the head is, re-diffing after a 412.
   */
  over?: string;
  title: string;
  description?: string;
  logger?: Logger;
  limits?: Partial<SyncLimits>;
}
