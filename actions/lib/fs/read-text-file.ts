import { open, stat } from 'node:fs/promises';
import { SumopsError } from '#lib/errors';

/** A file over its limit. */
export class FileTooLargeError extends SumopsError {
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(`${path} is larger than the ${maxBytes} bytes allowed`);
  }
}

/** A directory, FIFO, device or socket where a file was expected (reading one could block or never end). */
export class NotAFileError extends SumopsError {
  constructor(readonly path: string) {
    super(`${path} is not a regular file`);
  }
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * A regular file's UTF-8 text, at most `maxBytes` of it: the size is checked before reading and the read itself
 * stops at `maxBytes` + 1, so a file that grows while it is read is still bounded. Errors from the file system
 * (ENOENT, EACCES) pass through with their `code`.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw new NotAFileError(path);
  if (info.size > maxBytes) throw new FileTooLargeError(path, maxBytes);
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    const limit = maxBytes + 1;
    while (size < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit - size));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      size += bytesRead;
    }
    if (size > maxBytes) throw new FileTooLargeError(path, maxBytes);
    return Buffer.concat(chunks, size).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** readTextFile, or undefined when there is no file at `path`. */
export async function readTextFileIfExists(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    return await readTextFile(path, maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
