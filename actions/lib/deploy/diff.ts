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
  keptIgnored: string[];
}

/** Same content as the remote file: SHA-256 against `lfs.oid` for LFS files, git blob SHA-1 otherwise. */
export function sameContent(local: FileHashes & { size: number }, remote: RemoteFile): boolean {
  if (remote.lfs) return remote.lfs.oid === local.sha256;
  return remote.size === local.size && remote.oid === local.gitOid;
}

/**
 * Local files against the remote tree. Remote files with no local counterpart are deleted, except protected ones
 * and ones the ignore rules match (they were put there by other means, like rsync's excludes).
 */
export function diffTrees<T extends HashedLocalFile>(
  local: readonly T[],
  remote: ReadonlyMap<string, RemoteFile>,
  isIgnored: (path: string) => boolean,
): TreeDiff<T> {
  const diff: TreeDiff<T> = { added: [], updated: [], deleted: [], unchanged: 0, keptIgnored: [] };
  const localPaths = new Set<string>();
  for (const file of local) {
    localPaths.add(file.path);
    const existing = remote.get(file.path);
    if (!existing) diff.added.push(file);
    else if (sameContent(file, existing)) diff.unchanged += 1;
    else diff.updated.push(file);
  }
  for (const path of [...remote.keys()].sort()) {
    if (localPaths.has(path) || PROTECTED_PATHS.has(path)) continue;
    if (isIgnored(path)) diff.keptIgnored.push(path);
    else diff.deleted.push(path);
  }
  return diff;
}
