import { open } from 'node:fs/promises';
import type { HistoryRecord } from '#lib/history/index';
import { MAX_HISTORY_BYTES, readHistory } from '#lib/history/index';
import type { Logger } from '#lib/log';

/**
 * The score history an action was pointed at (the workflow fetches history.jsonl from the history branch).
 * Undefined when the file does not exist yet (before the first evaluation on main); bad lines are warned about
 * and left out.
 */
export async function loadHistoryRecords(path: string, logger: Logger): Promise<HistoryRecord[] | undefined> {
  const file = await readHistory(path, {
    readText: async (file, maxBytes) => {
      let handle;
      try {
        handle = await open(file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        if (size > maxBytes) {
          logger.warn(
            `${file} is ${size} bytes, more than the ${MAX_HISTORY_BYTES} a history may be; not read`,
          );
          return undefined;
        }
        return await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    },
  });
  for (const s of file.skipped)
    logger.warn(`${path}:${s.line}: not a history record (${s.reason}); left out`);
  return file.records.length > 0 || file.skipped.length > 0 ? file.records : undefined;
}
