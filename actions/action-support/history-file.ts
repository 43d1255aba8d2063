import { writeFile } from 'node:fs/promises';
import { FileTooLargeError, readTextFileIfExists } from '#lib/fs/read-text-file';
import type { HistoryRecord } from '#lib/history/index';
import { formatHistoryLine, MAX_HISTORY_BYTES, readHistory } from '#lib/history/index';
import type { Logger } from '#lib/log';

/**
 * The score history an action was pointed at (the workflow fetches history.jsonl from the history branch).
 * Undefined when the file does not exist yet (before the first evaluation on main); bad lines are warned about
 * and left out.
 */
export async function loadHistoryRecords(path: string, logger: Logger): Promise<HistoryRecord[] | undefined> {
  const file = await readHistory(path, {
    readText: async (file, maxBytes) => {
      try {
        return await readTextFileIfExists(file, maxBytes);
      } catch (error) {
        if (!(error instanceof FileTooLargeError)) throw error;
        logger.warn(`${file} is larger than the ${MAX_HISTORY_BYTES} bytes a history may be; not read`);
        return undefined;
      }
    },
  });
  for (const s of file.skipped)
    logger.warn(`${path}:${s.line}: not a history record (${s.reason}); left out`);
  return file.records.length > 0 || file.skipped.length > 0 ? file.records : undefined;
}

/**
 * Writes the one history line a run adds (the workflow's history job appends it to history.jsonl on main) and
 * returns its path; '' when there is no record (one shard of a matrix, or nothing scored).
 */
export async function writeHistoryRecord(record: HistoryRecord | undefined, path: string): Promise<string> {
  if (!record) return '';
  await writeFile(path, formatHistoryLine(record));
  return path;
}
