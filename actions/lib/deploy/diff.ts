import type { FileHashes } from './hash';
import type { RemoteFile } from './remote-tree';

/** The Hub manages `.gitattributes` (it adds LFS paths itself); a sync never deletes it. */
export const PROTECTED_PATHS = new Set(['.gitattributes']);

export interface HashedLocalFile extends FileHashes {
  path: string;
  size: number;
}

export interface TreeDiff<T extends HashedLocalFile = HashedLocalFile> {
  added: T[];
  updated: T[];
  deleted: string[];
  unchanged: number;
}

/** Same content as the remote file: SHA-256 against `lfs.oid` for LFS files, git blob SHA-1 otherwise. */
function sameContent(local: FileHashes & { size: number }, remote: RemoteFile): boolean {
  if (remote.lfs) return remote.lfs.oid === local.sha256;
  return remote.size === local.size && remote.oid === local.gitOid;
}

/**
 * Local files against the remote tree. Every remote file with no local counterpart is deleted (an exact copy,
 * as `hf upload --delete="*"` in huggingface/hub-sync), except `.gitattributes`; so is a remote file that the
 * ignore rules now match, since the folder no longer ships it.
 */
export function diffTrees<T extends HashedLocalFile>(
  local: readonly T[],
  remote: ReadonlyMap<string, RemoteFile>,
): TreeDiff<T> {
  const diff: TreeDiff<T> = { added: [], updated: [], deleted: [], unchanged: 0 };
  const localPaths = new Set<string>();
  for (const file of local) {
    localPaths.add(file.path);
    const existing = remote.get(file.path);
    if (!existing) diff.added.push(file);
    else if (sameContent(file, existing)) diff.unchanged += 1;
    else diff.updated.push(file);
  }
  for (const path of [...remote.keys()].sort()) {
    if (!localPaths.has(path) && !PROTECTED_PATHS.has(path)) diff.deleted.push(path);
  }
  return diff;
}
