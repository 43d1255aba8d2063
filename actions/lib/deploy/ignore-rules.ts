import { messageAfter } from '#lib/errors';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { LocalFileError } from './errors';

/** Never part of a Space: caches, virtualenvs, VCS data, and the sync's own rules file. */
const DEFAULT_IGNORES = ['__pycache__/', '.venv/', '*.pyc', '.DS_Store', '.git/', '.spaceignore'];

const SPACEIGNORE = '.spaceignore';
const MAX_SPACEIGNORE_BYTES = 64 * 1024;

export interface IgnoreRules {
  /** `path` relative to the synced folder, `/`-separated; directories end with `/`. */
  ignores(path: string): boolean;
}

/** Defaults, then `<dir>/.spaceignore` (gitignore syntax), then the caller's patterns. */
export async function loadIgnoreRules(dir: string, extra: readonly string[] = []): Promise<IgnoreRules> {
  const rules: Ignore = ignore().add(DEFAULT_IGNORES);
  const file = join(dir, SPACEIGNORE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new LocalFileError(file, messageAfter(file, error), { cause: error });
    }
  }
  if (text !== undefined) {
    if (Buffer.byteLength(text) > MAX_SPACEIGNORE_BYTES) {
      throw new LocalFileError(file, `is larger than ${MAX_SPACEIGNORE_BYTES} bytes`);
    }
    rules.add(text);
  }
  rules.add([...extra]);
  return { ignores: (path) => rules.ignores(path) };
}
