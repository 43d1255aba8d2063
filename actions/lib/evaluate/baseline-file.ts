import { readFile } from 'node:fs/promises';
import { errorMessage } from '#lib/errors';
import { BaselineFileError } from './errors';
import type { Metric, ProviderInfo } from './types';
import { METRICS, SCORES_FORMAT } from './types';

/** What a baseline contributes to a comparison: per-case F-measures of the cases it scored. */
export interface BaselineScores {
  provider: ProviderInfo;
  gitSha?: string;
  createdAt?: string;
  stemmer?: boolean;
  cases: { id: string; fmeasure: Record<Metric, number>; summary?: string }[];
}

/** Reads and validates a scores.json written by writeEvalOutputs (e.g. main's, kept as an artifact). */
export async function readBaselineFile(
  path: string,
  metrics: readonly Metric[] = METRICS,
): Promise<BaselineScores> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BaselineFileError(path, `cannot be read (${errorMessage(error)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineFileError(path, `is not valid JSON (${errorMessage(error)})`);
  }
  return parseBaselineScores(data, path, metrics);
}

/** Validates the shape field by field so the error names the exact path that is wrong. */
export function parseBaselineScores(
  data: unknown,
  path: string,
  metrics: readonly Metric[] = METRICS,
): BaselineScores {
  const fail = (detail: string): never => {
    throw new BaselineFileError(path, detail);
  };
  if (!isRecord(data)) return fail('is not a JSON object');
  if (data.format !== SCORES_FORMAT)
    fail(`is not a sumops scores file (expected "format": "${SCORES_FORMAT}")`);
  if (data.version !== 1) fail(`has unsupported version ${JSON.stringify(data.version)} (expected 1)`);
  const provider = data.provider;
  if (!isRecord(provider) || typeof provider.name !== 'string' || typeof provider.model !== 'string') {
    fail('"provider" must be an object with string "name" and "model"');
  }
  const providerRecord = provider as Record<string, unknown>;
  if (!Array.isArray(data.cases)) return fail('"cases" must be a list');
  const settings = isRecord(data.settings) ? data.settings : {};

  const cases: BaselineScores['cases'] = [];
  const seen = new Set<string>();
  data.cases.forEach((raw: unknown, index) => {
    const at = `cases[${index}]`;
    if (!isRecord(raw)) return fail(`${at} must be an object`);
    if (typeof raw.id !== 'string' || raw.id === '') return fail(`${at}.id must be a non-empty string`);
    if (seen.has(raw.id)) fail(`${at}.id "${raw.id}" appears twice`);
    seen.add(raw.id);
    if (raw.scores === undefined) {
      if (typeof raw.error !== 'string') fail(`${at} has neither "scores" nor "error"`);
      return;
    }
    if (!isRecord(raw.scores)) return fail(`${at}.scores must be an object`);
    const fmeasure = {} as Record<Metric, number>;
    for (const metric of metrics) {
      const score = raw.scores[metric];
      const f = isRecord(score) ? score.fmeasure : undefined;
      if (typeof f !== 'number' || !Number.isFinite(f) || f < 0 || f > 1) {
        return fail(`${at}.scores.${metric}.fmeasure must be a number in [0, 1]`);
      }
      fmeasure[metric] = f;
    }
    cases.push({
      id: raw.id,
      fmeasure,
      ...(typeof raw.summary === 'string' ? { summary: raw.summary } : {}),
    });
  });
  return {
    provider: {
      name: providerRecord.name as string,
      model: providerRecord.model as string,
      ...(typeof providerRecord.space === 'string' ? { space: providerRecord.space } : {}),
    },
    ...(typeof data.gitSha === 'string' ? { gitSha: data.gitSha } : {}),
    ...(typeof data.createdAt === 'string' ? { createdAt: data.createdAt } : {}),
    ...(typeof settings.stemmer === 'boolean' ? { stemmer: settings.stemmer } : {}),
    cases,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
