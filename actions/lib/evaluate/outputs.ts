import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportOptions } from './report';
import { renderReport } from './report';
import type { EvalResult } from './types';

/**
 * Writes `scores.json` (the EvalResult, reusable as a later run's `--baseline`) and `report.md` (the full report:
 * no size limit, since this is the artifact the size-limited comment points to).
 */
export async function writeEvalOutputs(
  result: EvalResult,
  outDir: string,
  options: Omit<ReportOptions, 'maxChars'> = {},
): Promise<{ scoresPath: string; reportPath: string }> {
  await mkdir(outDir, { recursive: true });
  const scoresPath = join(outDir, 'scores.json');
  const reportPath = join(outDir, 'report.md');
  await writeFile(scoresPath, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(reportPath, renderReport(result, { ...options, maxChars: Number.POSITIVE_INFINITY }));
  return { scoresPath, reportPath };
}
