import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '#lib/errors';
import type { DigestConfig } from './schema';
import { MAX_CONFIG_BYTES, parseConfig } from './parse-config';

/** The config file does not exist. */
export class ConfigNotFoundError extends UsageError {
  constructor(readonly file: string) {
    super(`no config file at ${file}`);
  }
}

/** Reads and validates a config file, bounded in size; a missing file is a ConfigNotFoundError. */
export async function readConfigFile(path: string, cwd: string): Promise<DigestConfig> {
  let text: string;
  try {
    const handle = await open(resolve(cwd, path), 'r');
    try {
      const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigNotFoundError(path);
    throw new UsageError(`cannot read ${path}: ${code ?? String(error)}`);
  }
  return parseConfig(text, path);
}
