import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { LocalFileError } from './errors';

export interface FileHashes {
  /** Git blob SHA-1 (`git hash-object`): what the Hub tree reports as `oid` for regular files. */
  gitOid: string;
  /** SHA-256 of the content: what the Hub reports as `lfs.oid` for LFS files. */
  sha256: string;
}

/** Git hashes `"blob <length>\0"` + content; the length must be known before the first byte. */
export function gitBlobHeader(size: number): string {
  return `blob ${size}\0`;
}

/**
 * Both hashes in one streaming pass, never holding the file. `size` comes from the walk's stat: if the file holds
 * a different number of bytes now, it changed under us and the git oid would be wrong, so that is an error.
 */
export async function hashFile(
  absolutePath: string,
  displayPath: string,
  size: number,
  signal?: AbortSignal,
): Promise<FileHashes> {
  const sha1 = createHash('sha1').update(gitBlobHeader(size));
  const sha256 = createHash('sha256');
  let read = 0;
  try {
    for await (const chunk of createReadStream(absolutePath, { highWaterMark: 1024 * 1024, signal })) {
      const bytes = chunk as Buffer;
      read += bytes.length;
      if (read > size) break;
      sha1.update(bytes);
      sha256.update(bytes);
    }
  } catch (error) {
    throw new LocalFileError(displayPath, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  if (read !== size)
    throw new LocalFileError(displayPath, `changed while it was read (${size} bytes expected)`);
  return { gitOid: sha1.digest('hex'), sha256: sha256.digest('hex') };
}
