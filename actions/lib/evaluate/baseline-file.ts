import { errorMessage } from '#lib/errors';
import { FileTooLargeError, readTextFile } from '#lib/fs/read-text-file';
import { BaselineFileError } from './errors';
import { MAX_SCORES_FILE_BYTES, parseScoresJson } from './scores-schema';
import type { EvalResult, Metric, ProviderInfo } from './types';

/** What a baseline contributes to a comparison: per-case F-measures of the cases it scored. */
export interface BaselineScores {
  provider: ProviderInfo;
  gitSha?: string;
  createdAt?: string;
  stemmer?: boolean;
  cases: { id: string; fmeasure: Record<Metric, number>; summary?: string }[];
}

/** Reads and validates a scores.json written by writeEvalOutputs (e.g. main's, kept as an artifact). */
export async function readBaselineFile(path: string): Promise<BaselineScores> {
  let text: string;
  try {
    text = await readTextFile(path, MAX_SCORES_FILE_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError)
      throw new BaselineFileError(
        path,
        `is larger than the ${MAX_SCORES_FILE_BYTES} bytes a scores.json may be`,
      );
    throw new BaselineFileError(path, `cannot be read (${errorMessage(error)})`);
  }
  return parseBaselineScores(text, path);
}

/** Validates scores.json text against its schema; the error names the exact key path that is wrong. */
export function parseBaselineScores(text: string, path: string): BaselineScores {
  const parsed = parseScoresJson(text);
  if (!parsed.ok) throw new BaselineFileError(path, parsed.detail);
  return baselineOf(parsed.result);
}

function baselineOf(result: EvalResult): BaselineScores {
  const cases: BaselineScores['cases'] = [];
  for (const c of result.cases) {
    if (!c.scores) continue;
    const scores = c.scores;
    const fmeasure = Object.fromEntries(
      Object.entries(scores).map(([metric, score]) => [metric, score.fmeasure]),
    ) as Record<Metric, number>;
    cases.push({ id: c.id, fmeasure, ...(c.summary !== undefined ? { summary: c.summary } : {}) });
  }
  return {
    provider: result.provider,
    ...(result.gitSha !== undefined ? { gitSha: result.gitSha } : {}),
    createdAt: result.createdAt,
    stemmer: result.settings.stemmer,
    cases,
  };
}
