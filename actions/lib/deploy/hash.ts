import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { messageAfter, SumopsError } from '#lib/errors';
import { openNoFollow } from '#lib/fs/no-follow';
import type { FileIdentity } from '#lib/fs/no-follow';
import { LocalFileError } from './errors';

export interface FileHashes {
  /** Git blob SHA-1 (`git hash-object`): what the Hub tree reports as `oid` for regular files. */
  gitOid: string;
  /** SHA-256 of the content: what the Hub reports as `lfs.oid` for LFS files. */
  sha256: string;
}

/** Git hashes `"blob <length>\0"` + content; the length must be known before the first byte. */
function gitBlobHeader(size: number): string {
  return `blob ${size}\0`;
}

/** Read size per call. Callers hashing many files pass the same buffer each time, so memory stays flat. */
export const HASH_CHUNK_BYTES = 256 * 1024;

/**
 * Both hashes in one streaming pass, never holding the file. `size` comes from the walk's stat: if the file holds
 * a different number of bytes now, it changed under us and the git oid would be wrong, so that is an error. The
 * file is opened without following a link, and with `expected` (the walk's lstat) it must still be that file.
 */
export async function hashFile(
  absolutePath: string,
  displayPath: string,
  size: number,
  signal?: AbortSignal,
  buffer: Buffer = Buffer.allocUnsafe(Math.max(1, Math.min(HASH_CHUNK_BYTES, size + 1))),
  expected?: FileIdentity,
): Promise<FileHashes> {
  const sha1 = createHash('sha1').update(gitBlobHeader(size));
  const sha256 = createHash('sha256');
  let read = 0;
  let handle: FileHandle | undefined;
  try {
    ({ handle } = await openNoFollow(absolutePath, expected));
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read > size) break;
      const chunk = buffer.subarray(0, bytesRead);
      sha1.update(chunk);
      sha256.update(chunk);
    }
  } catch (error) {
    // A link, another file in its place or an abort: already says what happened.
    if (signal?.aborted || error instanceof SumopsError) throw error;
    throw new LocalFileError(displayPath, messageAfter(displayPath, error), {
      cause: error,
    });
  } finally {
    await handle?.close();
  }
  if (read !== size)
    throw new LocalFileError(displayPath, `changed while it was read (${size} bytes expected)`);
  return { gitOid: sha1.digest('hex'), sha256: sha256.digest('hex') };
}
