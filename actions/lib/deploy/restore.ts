import { downloadFile } from '@huggingface/hub';
import { silentLogger } from '#lib/log';
import { postCommit } from './commit-ndjson';
import type { CommitLine } from './commit-ndjson';
import { HubWriteError, RollbackConflictError, SyncConflictError, SyncLimitError } from './errors';
import { hubCall } from './hub-call';
import { PROTECTED_PATHS } from './diff';
import { headCommit, listTreeAt, spaceRepo } from './remote-tree';
import type { RemoteFile } from './remote-tree';
import { assertSpaceId } from './space-id';
import { MAX_COMMIT_ATTEMPTS, describePlan } from './sync';
import { DEFAULT_SYNC_LIMITS } from './types';
import type { HubAccess, PlannedFile, RestoreRevisionOptions, SyncLimits, SyncResult } from './types';

/** Same stored blob: the git oid covers the content (or, for LFS, the pointer and so the SHA-256). */
function sameBlob(a: RemoteFile, b: RemoteFile): boolean {
  return a.oid === b.oid && a.lfs?.oid === b.lfs?.oid;
}

/**
 * Gives the Space back exactly the tree of `revision` (a rollback) in one commit: the diff engine run between
 * two remote trees. With `over`, only on top of that commit (see RestoreRevisionOptions). LFS files go back by oid (`lfsFile` lines, nothing re-uploaded); regular files are read at
 * `revision` and sent inline; files the revision lacks are deleted (never `.gitattributes`). No commit when the
 * head already holds that tree.
 */
export async function restoreRevision(options: RestoreRevisionOptions): Promise<SyncResult> {
  const { access, spaceId, revision } = options;
  assertSpaceId(spaceId);
  const logger = options.logger ?? silentLogger;
  const limits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
  const target = await listTreeAt(access, spaceId, revision, limits.maxRemoteEntries);

  for (let attempt = 1; ; attempt++) {
    const head = await headCommit(access, spaceId);
    if (options.over !== undefined && head !== options.over) {
      throw new RollbackConflictError(spaceId, options.over, head);
    }
    const current = head
      ? await listTreeAt(access, spaceId, head, limits.maxRemoteEntries)
      : new Map<string, RemoteFile>();
    const plan = planRestore(target, current);
    if (attempt === 1) logger.info(`restoring ${revision.slice(0, 12)}: ${describePlan(spaceId, plan)}`);
    const base = { ...plan, parentCommit: head };
    if (plan.uploads.length === 0 && plan.deleted.length === 0) {
      return { ...base, commit: null, commitUrl: null, attempts: attempt - 1 };
    }
    const lines = await restoreLines(access, spaceId, revision, target, plan.uploads, plan.deleted, limits);
    try {
      const committed = await postCommit(access, spaceId, {
        title: options.title,
        description: options.description,
        parentCommit: head,
        lines,
      });
      logger.info(`Space ${spaceId}: committed ${committed.oid} (the tree of ${revision.slice(0, 12)})`);
      return { ...base, commit: committed.oid, commitUrl: committed.url, attempts: attempt };
    } catch (error) {
      if (!(error instanceof HubWriteError) || error.status !== 412) throw error;
      if (options.over !== undefined) throw new RollbackConflictError(spaceId, options.over, null);
      if (attempt >= MAX_COMMIT_ATTEMPTS) throw new SyncConflictError(spaceId, attempt);
      logger.warn(`Space ${spaceId} changed while restoring (HTTP 412): listing and diffing again`);
    }
  }
}

function planRestore(
  target: ReadonlyMap<string, RemoteFile>,
  current: ReadonlyMap<string, RemoteFile>,
): Omit<SyncResult, 'commit' | 'commitUrl' | 'attempts' | 'parentCommit'> {
  const added: string[] = [];
  const updated: string[] = [];
  const uploads: PlannedFile[] = [];
  let unchanged = 0;
  for (const [path, file] of [...target].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const now = current.get(path);
    if (now && sameBlob(now, file)) {
      unchanged += 1;
      continue;
    }
    (now ? updated : added).push(path);
    uploads.push({ path, size: file.size, kind: file.lfs ? 'lfs' : 'regular' });
  }
  const deleted = [...current.keys()]
    .filter((path) => !target.has(path) && !PROTECTED_PATHS.has(path))
    .sort();
  const uploadBytes = uploads
    .filter((file) => file.kind === 'regular')
    .reduce((sum, file) => sum + file.size, 0);
  return { added, updated, deleted, unchanged, uploads, uploadBytes };
}

async function restoreLines(
  access: HubAccess,
  spaceId: string,
  revision: string,
  target: ReadonlyMap<string, RemoteFile>,
  uploads: readonly PlannedFile[],
  deleted: readonly string[],
  limits: SyncLimits,
): Promise<CommitLine[]> {
  const lines: CommitLine[] = [];
  let inlineBytes = 0;
  for (const upload of uploads) {
    const file = target.get(upload.path);
    if (!file) continue;
    if (file.lfs) {
      lines.push({
        key: 'lfsFile',
        value: { path: file.path, algo: 'sha256', oid: file.lfs.oid, size: file.lfs.size },
      });
      continue;
    }
    inlineBytes += file.size;
    if (inlineBytes > limits.maxTotalBytes) {
      throw new SyncLimitError('maxTotalBytes', limits.maxTotalBytes, `Space ${spaceId} at ${revision}`);
    }
    const blob = await hubCall(spaceId, `reading ${file.path} at ${revision.slice(0, 12)}`, () =>
      downloadFile({
        repo: spaceRepo(spaceId),
        // The client puts the path into the URL as is; `#`, `?` or `%` in a name would break it.
        path: file.path.split('/').map(encodeURIComponent).join('/'),
        revision,
        accessToken: access.accessToken,
        hubUrl: access.hubUrl,
        fetch: access.fetch,
      }),
    );
    if (!blob)
      throw new HubWriteError(spaceId, `reading ${file.path} at ${revision.slice(0, 12)}`, 404, 'not found');
    const content = Buffer.from(await blob.arrayBuffer());
    lines.push({
      key: 'file',
      value: { path: file.path, content: content.toString('base64'), encoding: 'base64' },
    });
  }
  for (const path of deleted) lines.push({ key: 'deletedFile', value: { path } });
  return lines;
}
