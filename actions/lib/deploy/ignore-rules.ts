import { join } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { messageAfter, SumopsError } from '#lib/errors';
import { readFileInFolder } from '#lib/fs/no-follow';
import { LocalFileError } from './errors';

/** Never part of a Space: caches, virtualenvs, VCS data, and the sync's own rules file. */
const DEFAULT_IGNORES = ['__pycache__/', '.venv/', '*.pyc', '.DS_Store', '.git/', '.spaceignore'];

const SPACEIGNORE = '.spaceignore';
const MAX_SPACEIGNORE_BYTES = 64 * 1024;

export interface IgnoreRules {
  /** `path` relative to the synced folder, `/`-separated; directories end with `/`. */
  ignores(path: string): boolean;
}

/**
 * Defaults, then `<dir>/.spaceignore` (gitignore syntax), then the caller's patterns. The rules file is read like
 * every file of the folder: not through a link, only inside the folder, its size checked before reading.
 */
export async function loadIgnoreRules(dir: string, extra: readonly string[] = []): Promise<IgnoreRules> {
  const rules: Ignore = ignore().add(DEFAULT_IGNORES);
  let content: Buffer | undefined;
  try {
    content = await readFileInFolder(dir, SPACEIGNORE, MAX_SPACEIGNORE_BYTES);
  } catch (error) {
    if (error instanceof SumopsError) throw error;
    throw new LocalFileError(join(dir, SPACEIGNORE), messageAfter(join(dir, SPACEIGNORE), error), {
      cause: error,
    });
  }
  if (content !== undefined) rules.add(content.toString('utf8'));
  rules.add([...extra]);
  return { ignores: (path) => rules.ignores(path) };
}
