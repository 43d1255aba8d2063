import { hash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { errorMessage } from '#lib/errors';
import { readTextFileIfExists } from '#lib/fs/read-text-file';
import type { Logger } from '#lib/log';
import { judgeAnswerSchema } from './schema';
import type { JudgeAnswer } from './schema';

/** What a judgement depends on: the same four mean the same answer, so it is asked for once. */
export interface JudgeCacheKey {
  promptVersion: string;
  model: string;
  sourceSha256: string;
  summarySha256: string;
}

const CACHE_FORMAT = 'sumops-judge-cache';

/** One cache file. The key's fields are stored too, so a file copied under another name is not believed. */
const cacheEntrySchema = z.object({
  format: z.literal(CACHE_FORMAT),
  version: z.literal(1),
  promptVersion: z.string(),
  model: z.string(),
  sourceSha256: z.string(),
  summarySha256: z.string(),
  condensed: z.boolean(),
  answer: judgeAnswerSchema,
});

export interface CachedJudgement {
  answer: JudgeAnswer;
  condensed: boolean;
}

/**
 * Largest entry read or written. An answer is bounded by the judge's output tokens (a few KB); anything larger is
 * not a file this code wrote, and is ignored (then overwritten).
 */
export const MAX_CACHE_ENTRY_BYTES = 64 * 1024;

export function sha256(text: string): string {
  return hash('sha256', text);
}

/** The entry's file: two hex digits of directory (so no directory holds more than 1/256 of the entries). */
function entryPath(dir: string, key: JudgeCacheKey): string {
  const name = sha256(JSON.stringify([key.promptVersion, key.model, key.sourceSha256, key.summarySha256]));
  return join(dir, name.slice(0, 2), `${name}.json`);
}

export interface JudgeCache {
  /** The stored judgement, or undefined when there is none or it is unreadable, corrupt or too large. */
  read(key: JudgeCacheKey): Promise<CachedJudgement | undefined>;
  /** Stores a judgement (atomically: a temporary file renamed into place); a failure is logged, not thrown. */
  write(key: JudgeCacheKey, value: CachedJudgement): Promise<void>;
}

/** A cache of judgements under `dir`, one small JSON file per key. */
export function openJudgeCache(dir: string, logger: Logger): JudgeCache {
  return {
    async read(key) {
      const path = entryPath(dir, key);
      let text: string | undefined;
      try {
        text = await readTextFileIfExists(path, MAX_CACHE_ENTRY_BYTES);
      } catch (error) {
        // Too large, not a regular file, unreadable: a miss, and the new answer takes its place.
        logger.warn(`judge cache: ignoring ${path}: ${errorMessage(error)}`);
        return undefined;
      }
      if (text === undefined) return undefined;
      const entry = cacheEntrySchema.safeParse(parseJson(text));
      if (
        !entry.success ||
        entry.data.promptVersion !== key.promptVersion ||
        entry.data.model !== key.model ||
        entry.data.sourceSha256 !== key.sourceSha256 ||
        entry.data.summarySha256 !== key.summarySha256
      ) {
        logger.warn(`judge cache: ignoring ${path}: not a judge cache entry for this key`);
        return undefined;
      }
      return { answer: entry.data.answer, condensed: entry.data.condensed };
    },

    async write(key, value) {
      const path = entryPath(dir, key);
      const entry: z.infer<typeof cacheEntrySchema> = {
        format: CACHE_FORMAT,
        version: 1,
        ...key,
        condensed: value.condensed,
        answer: value.answer,
      };
      const text = `${JSON.stringify(entry)}\n`;
      if (Buffer.byteLength(text) > MAX_CACHE_ENTRY_BYTES) {
        logger.warn(
          `judge cache: not storing an entry of ${Buffer.byteLength(text)} bytes (over ${MAX_CACHE_ENTRY_BYTES})`,
        );
        return;
      }
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(temporary, text, { flag: 'wx' });
        // rename replaces atomically: a reader sees the old file or the new one, never half of one.
        await rename(temporary, path);
      } catch (error) {
        logger.warn(`judge cache: cannot write ${path}: ${errorMessage(error)}`);
        await rm(temporary, { force: true }).catch(() => {});
      }
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
