import { close, open, read, stat } from 'node:fs';
import type { Stats } from 'node:fs';
import { extname, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  BinaryFileError,
  IngestError,
  NotARegularFileError,
  SourceIsDirectoryError,
  SourceNotFoundError,
  SourceTooLargeError,
} from './errors';
import { looksBinary } from './plain-text';

export type FileFormat = 'html' | 'text' | 'transcribe' | 'captions';

const FORMATS: Record<string, FileFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.json': 'transcribe',
  '.vtt': 'captions',
  '.srt': 'captions',
};

export function fileFormat(path: string): FileFormat {
  return FORMATS[extname(path).toLowerCase()] ?? 'text';
}

/** What a non-regular file is, for the error: reading one could block forever (a FIFO) or never end (/dev/zero). */
function specialKind(info: Stats): string | undefined {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (!info.isFile()) return 'a special file';
  return undefined;
}

/**
 * Reads a regular file, at most `maxBytes` of it: the size is checked before reading and again while reading, so
 * a file that grows underneath us is still bounded. FIFOs, devices and sockets are refused before they are opened
 * (opening a FIFO with no writer blocks); stdin is the one stream sumops reads, through its own capped reader.
 */
export async function readLocalFile(
  source: string,
  cwd: string | undefined,
  maxBytes: number,
): Promise<{ bytes: Buffer; path: string }> {
  const path = cwd ? resolve(cwd, source) : resolve(source);
  try {
    const info = await statPath(path);
    if (info.isDirectory()) throw new SourceIsDirectoryError(source, source);
    const kind = specialKind(info);
    if (kind) throw new NotARegularFileError(source, source, kind);
    if (info.size > maxBytes) throw new SourceTooLargeError(source, source, maxBytes);
    const bytes = await readAtMost(path, maxBytes + 1);
    if (bytes.byteLength > maxBytes) throw new SourceTooLargeError(source, source, maxBytes);
    if (looksBinary(bytes)) throw new BinaryFileError(source, source);
    return { bytes, path };
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceNotFoundError(source, source);
    if (code === 'EISDIR') throw new SourceIsDirectoryError(source, source);
    throw new IngestError(
      source,
      `cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

// The callback API, promisified, rather than node:fs/promises: loading that module loads readline and the file
// watchers with it, a few ms of every `sumops summarize FILE` (scripts/bench/bench-cli.ts).
const statPath = promisify(stat);
const openPath = promisify(open);
const readInto = promisify(read);
const closeFd = promisify(close);

async function readAtMost(path: string, limit: number): Promise<Buffer> {
  const fd = await openPath(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(limit, 64 * 1024));
    const chunks: Buffer[] = [];
    let size = 0;
    while (size < limit) {
      const { bytesRead } = await readInto(fd, buffer, 0, Math.min(buffer.length, limit - size), null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
      size += bytesRead;
    }
    return Buffer.concat(chunks, size);
  } finally {
    await closeFd(fd);
  }
}
