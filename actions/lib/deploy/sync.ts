import { commit } from '@huggingface/hub';
import type { CommitOperation } from '@huggingface/hub';
import pLimit from 'p-limit';
import { NoFollowFileBlob } from '#lib/fs/no-follow-blob';
import { resolveFolder } from '#lib/fs/no-follow';
import type { FileIdentity } from '#lib/fs/no-follow';
import { silentLogger } from '#lib/log';
import { HubWriteError, SyncConflictError } from './errors';
import { HASH_CHUNK_BYTES, hashFile } from './hash';
import { hubCall } from './hub-call';
import { diffTrees } from './diff';
import type { HashedLocalFile, TreeDiff } from './diff';
import { loadIgnoreRules } from './ignore-rules';
import { readRemoteTree, spaceRepo } from './remote-tree';
import { assertSpaceId } from './space-id';
import { DEFAULT_SYNC_LIMITS } from './types';
import type { SyncFolderOptions, SyncPlan, SyncResult } from './types';
import { walkFolder } from './walk';

/** The first commit plus at most 3 retries after HTTP 412. */
export const MAX_COMMIT_ATTEMPTS = 4;
const HASH_CONCURRENCY = 4;

function planOf(head: string | null, diff: TreeDiff): SyncPlan {
  const uploads = [...diff.added, ...diff.updated].map((file) => ({ path: file.path, size: file.size }));
  return {
    parentCommit: head,
    added: diff.added.map((file) => file.path),
    updated: diff.updated.map((file) => file.path),
    deleted: diff.deleted,
    unchanged: diff.unchanged,
    uploads,
    uploadBytes: uploads.reduce((sum, file) => sum + file.size, 0),
  };
}

export function describePlan(
  spaceId: string,
  plan: Pick<SyncPlan, 'added' | 'updated' | 'deleted' | 'unchanged'>,
): string {
  return (
    `Space ${spaceId}: ${plan.added.length} added, ${plan.updated.length} updated, ` +
    `${plan.deleted.length} deleted, ${plan.unchanged} unchanged`
  );
}

/**
 * Makes the Space hold exactly the files of `dir` (minus ignored ones) with one commit, sending only what
 * changed: local files are hashed while streamed, compared with the remote tree's oids, and only added or
 * changed files are uploaded. No commit at all when nothing changed. A 412 (someone committed meanwhile)
 * re-lists, re-diffs and retries.
 */
export async function syncFolder(options: SyncFolderOptions): Promise<SyncResult> {
  const { access, spaceId } = options;
  assertSpaceId(spaceId);
  const logger = options.logger ?? silentLogger;
  const limits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
  const { real: dir } = await resolveFolder(options.dir, { allowLink: options.allowFolderLink ?? false });
  const rules = await loadIgnoreRules(dir, options.ignore ?? []);
  const walked = await walkFolder(dir, rules, limits, logger);
  const local = await hashAll(walked.files, options.signal);
  logger.debug(`hashed ${local.length} local files (${walked.totalBytes} bytes) in ${dir}`);

  for (let attempt = 1; ; attempt++) {
    const tree = await readRemoteTree(access, spaceId, limits.maxRemoteEntries);
    const diff = diffTrees(local, tree.files);
    const plan = planOf(tree.head, diff);
    const nothingToDo = plan.uploads.length === 0 && plan.deleted.length === 0;
    if (attempt === 1) logger.info(describePlan(spaceId, plan));
    if (nothingToDo || options.dryRun) {
      if (nothingToDo) logger.info(`Space ${spaceId} already holds these files: no commit`);
      return { ...plan, commit: null, commitUrl: null, attempts: attempt - 1 };
    }
    const operations = operationsOf(diff);
    try {
      const output = await hubCall(spaceId, 'committing', () =>
        commit({
          repo: spaceRepo(spaceId),
          title: options.title,
          description: options.description,
          ...(tree.head ? { parentCommit: tree.head } : {}),
          operations,
          accessToken: access.accessToken,
          hubUrl: access.hubUrl,
          fetch: access.fetch,
          abortSignal: options.signal,
        }),
      );
      const oid = output?.commit.oid ?? null;
      logger.info(`Space ${spaceId}: committed ${oid ?? '(no commit id returned)'}`);
      return { ...plan, commit: oid, commitUrl: output?.commit.url ?? null, attempts: attempt };
    } catch (error) {
      if (!(error instanceof HubWriteError) || error.status !== 412) throw error;
      if (attempt >= MAX_COMMIT_ATTEMPTS) throw new SyncConflictError(spaceId, attempt);
      logger.warn(`Space ${spaceId} changed since it was listed (HTTP 412): listing and diffing again`);
    }
  }
}

type LocalHashedFile = HashedLocalFile & { absolutePath: string; identity: FileIdentity };

function operationsOf(diff: TreeDiff<LocalHashedFile>): CommitOperation[] {
  const uploads = [...diff.added, ...diff.updated].map((file): CommitOperation => ({
    operation: 'addOrUpdate',
    path: file.path,
    // Read while uploading, never held whole in memory by us, and only if it is still the file that was hashed.
    content: NoFollowFileBlob.of(file.absolutePath, file.identity),
  }));
  return [...uploads, ...diff.deleted.map((path): CommitOperation => ({ operation: 'delete', path }))];
}

async function hashAll(
  files: ReadonlyArray<{ path: string; absolutePath: string; size: number; identity: FileIdentity }>,
  signal?: AbortSignal,
): Promise<LocalHashedFile[]> {
  const limit = pLimit(HASH_CONCURRENCY);
  // One read buffer per concurrent hash, reused for every file: no garbage proportional to the folder's size.
  const buffers = Array.from({ length: HASH_CONCURRENCY }, () => Buffer.allocUnsafe(HASH_CHUNK_BYTES));
  return Promise.all(
    files.map((file) =>
      limit(async () => {
        const buffer = buffers.pop() ?? Buffer.allocUnsafe(HASH_CHUNK_BYTES);
        try {
          const hashes = await hashFile(
            file.absolutePath,
            file.path,
            file.size,
            signal,
            buffer,
            file.identity,
          );
          return { ...file, ...hashes };
        } finally {
          buffers.push(buffer);
        }
      }),
    ),
  );
}
