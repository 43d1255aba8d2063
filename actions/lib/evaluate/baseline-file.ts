import { messageAfter } from '#lib/errors';
import { FileTooLargeError, readFileBytes } from '#lib/fs/read-text-file';
import { caseValue } from './case-access';
import { BaselineFileError } from './errors';
import type { Metric } from './metrics/registry';
import { METRICS } from './metrics/registry';
import { MAX_SCORES_FILE_BYTES } from './scores-schema';
import { readScoresBytes } from './scores-read';
import type { BaselineComparison, CaseResult, JudgeInfo, ProviderInfo } from './types';

/** What a baseline contributes to a comparison: per-case values of the cases it scored, for the metrics it has. */
export interface BaselineScores {
  provider: ProviderInfo;
  gitSha?: string;
  createdAt?: string;
  stemmer?: boolean;
  /** The metrics it scored (a version-1 file: ROUGE only); the comparison covers those both sides have. */
  metrics: readonly Metric[];
  /** Set when it came from an older scores.json, to say so when a metric has no baseline. */
  fileVersion?: number;
  /** Who judged it, when it has judge metrics: another judge's values are not compared. */
  judge?: JudgeInfo;
  cases: BaselineComparison['cases'];
}

/** What a comparison reads of one case: its id, values and summary; nothing for a case without scores. */
export function baselineCaseOf(c: CaseResult): BaselineScores['cases'][number] | undefined {
  if (!c.scores) return undefined;
  const values: Partial<Record<Metric, number>> = {};
  for (const metric of METRICS) {
    const value = caseValue(c, metric);
    if (value !== undefined) values[metric] = value;
  }
  return { id: c.id, values, ...(c.summary !== undefined ? { summary: c.summary } : {}) };
}

/** Reads and validates a scores.json written by writeEvalOutputs (e.g. main's, kept as an artifact). */
export async function readBaselineFile(path: string): Promise<BaselineScores> {
  let bytes: Buffer;
  try {
    bytes = await readFileBytes(path, MAX_SCORES_FILE_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError)
      throw new BaselineFileError(
        path,
        `is larger than the ${MAX_SCORES_FILE_BYTES} bytes a scores.json may be`,
      );
    throw new BaselineFileError(path, `cannot be read: ${messageAfter(path, error)}`);
  }
  return baselineScoresFrom(bytes, path);
}

/** Validates scores.json text against its schema; the error names the exact key path that is wrong. */
export function parseBaselineScores(text: string, path: string): BaselineScores {
  return baselineScoresFrom(Buffer.from(text), path);
}

/**
 * Keeps of each case only what a comparison reads (id, values, summary), as the cases are validated one by one:
 * main's 80,000-case scores.json no longer becomes 80,000 case objects in a PR's merge job.
 */
function baselineScoresFrom(bytes: Buffer, path: string): BaselineScores {
  const cases: BaselineScores['cases'] = [];
  const read = readScoresBytes(bytes, (c) => {
    const entry = baselineCaseOf(c);
    if (entry) cases.push(entry);
  });
  if (!read.ok) throw new BaselineFileError(path, read.detail);
  const { header } = read;
  return {
    provider: header.provider,
    ...(header.gitSha !== undefined ? { gitSha: header.gitSha } : {}),
    createdAt: header.createdAt,
    stemmer: header.settings.stemmer,
    metrics: header.settings.metrics,
    ...(header.settings.judge ? { judge: header.settings.judge } : {}),
    ...(read.fileVersion !== header.version ? { fileVersion: read.fileVersion } : {}),
    cases,
  };
}
