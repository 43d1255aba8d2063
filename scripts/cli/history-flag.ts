import { FileTooLargeError, readTextFileIfExists } from '#lib/fs/read-text-file';
import { UsageError } from '#lib/errors';
import type { EvalRun } from '#lib/evaluate/index';
import { readHistory, renderTrendSection, withTrendGates } from '#lib/history/index';
import type { CliIO } from './io';

/** A history file's text, undefined when it does not exist; refuses more than `maxBytes`. */
export async function readTextIfExists(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    return await readTextFileIfExists(path, maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError)
      throw new UsageError(`${path} is larger than the ${maxBytes} bytes a history may be`);
    throw error;
  }
}

/** `--history FILE`: the trend gates and the report's trend chart; a missing file is a note on stderr. */
export async function applyHistoryFlag<T extends EvalRun>(
  result: T,
  path: string | undefined,
  tolerance: number,
  io: CliIO,
  command: string,
): Promise<{ result: T; trend?: string }> {
  if (path === undefined) return { result };
  const file = await readHistory(path, { readText: readTextIfExists });
  for (const s of file.skipped)
    io.stderr.write(`sumops ${command}: ${path}:${s.line}: skipped (${s.reason})\n`);
  if (file.records.length === 0) {
    io.stderr.write(`sumops ${command}: no history records in ${path}; no trend gate\n`);
    return { result };
  }
  const gated = withTrendGates(result, file.records, { tolerance });
  const trend = renderTrendSection(gated, file.records);
  return { result: gated, ...(trend ? { trend } : {}) };
}
