import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, readlink, realpath } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { SumopsError, UsageError } from '#lib/errors';
import { FileTooLargeError, NotAFileError } from './read-text-file';

/**
 * Reading files that came from someone else (a PR's `space/` folder) in a job that holds a token: never through a
 * symlink, never outside the folder, never more bytes than allowed. A link such as `README.md -> /proc/self/environ`
 * would otherwise put the job's environment into what is uploaded.
 */

/** What identifies one version of a file: a file swapped or rewritten since it was listed no longer matches. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export function identityOf(stats: Stats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** A symlink where a file or folder of the deploy was expected; nothing was read through it. */
export class LinkRefusedError extends UsageError {
  constructor(
    readonly path: string,
    /** What the link points at, as the link says (not resolved, never read). */
    readonly target: string | undefined,
    readonly kind: 'file' | 'folder',
  ) {
    super(
      `${path} is a symbolic link${target !== undefined ? ` to ${JSON.stringify(target)}` : ''}; ` +
        (kind === 'folder'
          ? 'the folder to deploy must be the folder itself, not a link to one'
          : 'files are never read through a link: replace it with the file itself'),
    );
  }
}

/** A path inside the folder that resolves outside it (a linked parent directory). */
class OutsideFolderError extends UsageError {
  constructor(
    readonly path: string,
    readonly resolved: string,
    readonly folder: string,
  ) {
    super(`${path} resolves to ${resolved}, outside ${folder}; only files inside the folder are read`);
  }
}

/** The file was replaced or rewritten between being listed and being read. */
export class FileChangedError extends SumopsError {
  constructor(readonly path: string) {
    super(
      `${path} changed while it was being read (another file, size or modification time than when listed)`,
    );
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

const sameFile = (stats: Stats, expected: FileIdentity): boolean =>
  stats.dev === expected.dev &&
  stats.ino === expected.ino &&
  stats.size === expected.size &&
  stats.mtimeMs === expected.mtimeMs;

/**
 * Opens a regular file without following a link in its last component (O_NOFOLLOW: a symlink fails with ELOOP
 * instead of being opened) and checks, on the open handle, that it is a regular file and, when given, still the
 * file that was listed.
 */
export async function openNoFollow(
  path: string,
  expected?: FileIdentity,
): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new LinkRefusedError(path, await readlink(path).catch(() => undefined), 'file');
    }
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotAFileError(path);
    if (expected && !sameFile(stats, expected)) throw new FileChangedError(path);
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The folder a deploy reads, with every link in its path resolved; `viaLink` when the folder itself is a link. */
export interface ResolvedFolder {
  real: string;
  viaLink: boolean;
}

/**
 * Checks the folder to deploy: it must be a directory, and not a symlink unless `allowLink` (the CLI, where the
 * user named it). Returns its real path, which is what every later containment check compares with.
 */
export async function resolveFolder(path: string, options: { allowLink: boolean }): Promise<ResolvedFolder> {
  const stats = await lstat(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such folder' : (code ?? String(error))}`);
  });
  if (stats.isSymbolicLink()) {
    if (!options.allowLink) {
      throw new LinkRefusedError(path, await readlink(path).catch(() => undefined), 'folder');
    }
  } else if (!stats.isDirectory()) {
    throw new UsageError(`${path} is not a directory`);
  }
  const real = await realpath(path);
  if (stats.isSymbolicLink() && !(await lstat(real)).isDirectory())
    throw new UsageError(`${path} is not a directory`);
  return { real, viaLink: stats.isSymbolicLink() };
}

/**
 * A regular file directly in (or below) `folder`, read whole but never beyond `maxBytes`: lstat first (a link is
 * refused, so nothing is read through it), the real path must stay inside the folder, the open does not follow
 * links and must find the file lstat saw, and the size is checked before a byte is read. Undefined when there
 * is no such file.
 */
export async function readFileInFolder(
  folder: string,
  name: string,
  maxBytes: number,
): Promise<Buffer | undefined> {
  const path = join(folder, name);
  let listed: Stats;
  try {
    listed = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (listed.isSymbolicLink()) {
    throw new LinkRefusedError(path, await readlink(path).catch(() => undefined), 'file');
  }
  if (!listed.isFile()) throw new NotAFileError(path);
  const resolved = await realpath(path);
  const realFolder = await realpath(folder);
  if (!isInside(realFolder, resolved)) throw new OutsideFolderError(path, resolved, folder);
  if (listed.size > maxBytes) throw new FileTooLargeError(path, maxBytes);

  const { handle, stats } = await openNoFollow(path, identityOf(listed));
  try {
    // One byte more than the file says it has proves it did not grow since.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let size = 0;
    while (size < buffer.length) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    if (size !== stats.size) throw new FileChangedError(path);
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
}
