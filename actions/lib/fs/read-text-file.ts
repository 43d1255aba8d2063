import { open, stat } from 'node:fs/promises';
import { SumopsError } from '#lib/errors';
import type { ErrorAboutSubject } from '#lib/errors';

/** A file over its limit. */
export class FileTooLargeError extends SumopsError implements ErrorAboutSubject {
  readonly relativeMessage: string;
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    const what = `larger than the ${maxBytes} bytes allowed`;
    super(`${path} is ${what}`);
    this.relativeMessage = what;
  }

  get subject(): string {
    return this.path;
  }
}

/** A directory, FIFO, device or socket where a file was expected (reading one could block or never end). */
export class NotAFileError extends SumopsError implements ErrorAboutSubject {
  readonly relativeMessage = 'not a regular file';
  constructor(readonly path: string) {
    super(`${path} is not a regular file`);
  }

  get subject(): string {
    return this.path;
  }
}

/** What a file that reports no size (some /proc files) starts with. */
const MIN_BUFFER_BYTES = 64 * 1024;

/**
 * A regular file's UTF-8 text, at most `maxBytes` of it: the size is checked before reading and the read itself
 * stops at `maxBytes` + 1 bytes, so a file that grows while it is read is still bounded. Errors from the file system
 * (ENOENT, EACCES) pass through with their `code`.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const bytes = await readFileBytes(path, maxBytes);
  const text = bytes.toString('utf8');
  releaseNow(bytes);
  return text;
}

/** readTextFile's bytes, undecoded (a merge keeps shard files as bytes: see evaluate/case-table.ts). */
export async function readFileBytes(path: string, maxBytes: number): Promise<Buffer> {
  const info = await stat(path);
  if (!info.isFile()) throw new NotAFileError(path);
  if (info.size > maxBytes) throw new FileTooLargeError(path, maxBytes);
  const handle = await open(path, 'r');
  try {
    // One buffer of the size the file says it has (plus the byte that proves it grew), doubled only if it grows;
    // never a slice of Node's shared pool, so releaseNow may free it.
    const limit = maxBytes + 1;
    let buffer = Buffer.allocUnsafeSlow(Math.min(limit, Math.max(info.size + 1, MIN_BUFFER_BYTES)));
    let size = 0;
    for (;;) {
      if (size === buffer.length) {
        if (size >= limit) break;
        const larger = Buffer.allocUnsafeSlow(Math.min(limit, buffer.length * 2));
        buffer.copy(larger, 0, 0, size);
        releaseNow(buffer);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    if (size > maxBytes) throw new FileTooLargeError(path, maxBytes);
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
}

/**
 * Frees a buffer's memory now rather than at some later garbage collection: a merge reads eight 8 MB shard files in
 * a row, and their buffers outlived the reads by seconds (+40 MB peak RSS). Only for buffers readFileBytes made
 * (allocUnsafeSlow: each owns its ArrayBuffer); ArrayBuffer.prototype.transfer is ES2024.
 */
function releaseNow(buffer: Buffer): void {
  const backing = buffer.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (
    buffer.byteOffset === 0 &&
    backing.byteLength === buffer.length &&
    typeof backing.transfer === 'function'
  )
    backing.transfer(0);
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
