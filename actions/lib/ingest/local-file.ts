import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { BinaryFileError, SourceIsDirectoryError, SourceNotFoundError, IngestError } from './errors';
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

export async function readLocalFile(
  source: string,
  cwd: string | undefined,
): Promise<{ bytes: Buffer; path: string }> {
  const path = cwd ? resolve(cwd, source) : resolve(source);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new SourceIsDirectoryError(source, source);
    const bytes = await readFile(path);
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
