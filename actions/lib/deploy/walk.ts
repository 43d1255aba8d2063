import { messageAfter } from '#lib/errors';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { identityOf, LinkRefusedError } from '#lib/fs/no-follow';
import type { FileIdentity } from '#lib/fs/no-follow';
import type { Logger } from '#lib/log';
import { LocalFileError, SyncLimitError } from './errors';
import type { IgnoreRules } from './ignore-rules';
import type { SyncLimits } from './types';

export interface LocalFile {
  /** Path in the Space, `/`-separated, relative to the synced folder. */
  path: string;
  absolutePath: string;
  size: number;
  /** What lstat saw: hashing and uploading read this file, through no link, or fail. */
  identity: FileIdentity;
}

export interface WalkResult {
  files: LocalFile[];
  totalBytes: number;
}

/** Hub paths are plain relative names; control characters would break the NDJSON lines and logs. */
function isUnsafeName(name: string): boolean {
  for (const char of name) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\') return true;
  }
  return false;
}

/**
 * Lists the files to sync, iteratively (a stack, not recursion), sorted by path. Ignored directories are not
 * entered. Symlinks are skipped with a warning: following them could leave the folder or loop. `dir` itself must
 * not be a link either (resolve a link the user named with resolveFolder first).
 */
export async function walkFolder(
  dir: string,
  rules: IgnoreRules,
  limits: SyncLimits,
  logger: Logger,
): Promise<WalkResult> {
  const root = await lstat(dir).catch((error: unknown) => {
    throw new LocalFileError(dir, messageAfter(dir, error), { cause: error });
  });
  if (root.isSymbolicLink()) throw new LinkRefusedError(dir, undefined, 'folder');
  if (!root.isDirectory()) throw new LocalFileError(dir, 'is not a directory');

  const files: LocalFile[] = [];
  let totalBytes = 0;
  const stack: Array<{ relative: string; depth: number }> = [{ relative: '', depth: 0 }];
  while (stack.length > 0) {
    const { relative, depth } = stack.pop() as { relative: string; depth: number };
    if (depth > limits.maxDepth) throw new SyncLimitError('maxDepth', limits.maxDepth, join(dir, relative));
    const entries = await readdir(join(dir, relative), { withFileTypes: true }).catch((error: unknown) => {
      throw new LocalFileError(join(dir, relative), messageAfter(join(dir, relative), error), {
        cause: error,
      });
    });
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (isUnsafeName(entry.name)) {
        logger.warn(`skipped ${JSON.stringify(path)}: its name has a control character or a backslash`);
        continue;
      }
      if (entry.isSymbolicLink()) {
        logger.warn(`skipped symlink ${path}: symlinks are not followed`);
        continue;
      }
      if (entry.isDirectory()) {
        if (!rules.ignores(`${path}/`)) stack.push({ relative: path, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile() || rules.ignores(path)) continue;
      const absolutePath = join(dir, path);
      const stats = await lstat(absolutePath);
      // Replaced by a link or a directory since readdir listed it: skipped like one.
      if (!stats.isFile()) continue;
      files.push({ path, absolutePath, size: stats.size, identity: identityOf(stats) });
      totalBytes += stats.size;
      if (files.length > limits.maxFiles) throw new SyncLimitError('maxFiles', limits.maxFiles, dir);
      if (totalBytes > limits.maxTotalBytes)
        throw new SyncLimitError('maxTotalBytes', limits.maxTotalBytes, dir);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, totalBytes };
}
