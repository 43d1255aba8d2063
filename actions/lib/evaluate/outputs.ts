import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportOptions } from './report';
import { renderReport } from './report';
import { scoresJsonChunks } from './scores-writer';
import type { EvalRun } from './case-access';

/** About 1 MB per write: one write per case would be 80,000 system calls for a merged run. */
const WRITE_BATCH_BYTES = 1 << 20;

function* batched(chunks: Iterable<string | Uint8Array>): Generator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending.push(bytes);
    size += bytes.length;
    if (size >= WRITE_BATCH_BYTES) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield Buffer.concat(pending, size);
}

/**
 * report.md previews the lowest-scoring (or most regressed) cases first, this many at most: about 250 KB, which
 * GitHub still renders. A merged run of 80,000 cases would otherwise write an 18 MB file nobody can open; every
 * case is in scores.json.
 */
export const REPORT_FILE_MAX_PREVIEWS = 1000;

/**
 * Writes `scores.json` (the EvalResult, reusable as a later run's `--baseline`) and `report.md` (the report with no
 * length limit and up to REPORT_FILE_MAX_PREVIEWS previews, the artifact the size-limited comment points to).
 */
export async function writeEvalOutputs(
  result: EvalRun,
  outDir: string,
  options: Omit<ReportOptions, 'maxChars'> = {},
): Promise<{ scoresPath: string; reportPath: string }> {
  await mkdir(outDir, { recursive: true });
  const scoresPath = join(outDir, 'scores.json');
  const reportPath = join(outDir, 'report.md');
  await writeFile(scoresPath, batched(scoresJsonChunks(result)));
  await writeFile(
    reportPath,
    renderReport(result, {
      ...options,
      maxChars: Number.POSITIVE_INFINITY,
      maxPreviews: REPORT_FILE_MAX_PREVIEWS,
    }),
  );
  return { scoresPath, reportPath };
}
