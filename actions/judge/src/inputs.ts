import { DEFAULT_FIXTURE_GLOBS } from '#lib/defaults';
import { parseThreshold, parseTolerance } from '#lib/evaluate/gates';
import type { Metric } from '#lib/evaluate/metrics/registry';
import { MAX_JUDGE_CONCURRENCY } from '#lib/judge/settings';
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL } from '#lib/summarize/openai-defaults';
import {
  ActionInputError,
  booleanInput,
  integerInput,
  listInput,
  parsedInput,
  secretInput,
} from '#action-support/action-inputs';
import type { InputReader } from '#action-support/action-inputs';

/** For `url` cases, as the evaluate action fetches them. */
const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Every input of actions/judge/action.yml, parsed and validated. */
export interface JudgeInputs {
  scoresPath: string;
  fixturesDir: string;
  fixtures: string[];
  /** Empty without a key (fork PRs: no secrets): the action then only says so. */
  apiKey: string;
  model: string;
  baseUrl: string;
  concurrency: number;
  contextTokens: number;
  cacheDir?: string;
  baselinePath?: string;
  historyPath?: string;
  trendGate: boolean;
  thresholds: Partial<Record<Metric, number>>;
  tolerance?: number;
  judgeGate: boolean;
  fetchTimeoutMs: number;
  maxBytes: number;
  outDir: string;
}

export function getInputs(core: InputReader): JudgeInputs {
  const apiKey = secretInput(core, 'api-key');
  const required = (name: string, what: string) => {
    const value = core.getInput(name).trim();
    if (value === '') throw new ActionInputError(name, '', `expected ${what}`);
    return value;
  };
  const baseUrl = (core.getInput('base-url').trim() || DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl) || !URL.canParse(baseUrl))
    throw new ActionInputError(
      'base-url',
      baseUrl,
      'expected an http(s) URL such as https://api.openai.com/v1',
    );
  const fixtures = listInput(core, 'fixtures');
  const optional = (name: string) => core.getInput(name).trim() || undefined;
  const cacheDir = optional('cache-dir');
  const baselinePath = optional('baseline');
  const historyPath = optional('history');
  const tolerance = optional('tolerance');
  return {
    scoresPath: required('scores-path', "the path of the evaluation's scores.json"),
    fixturesDir: required('fixtures-dir', 'the folder holding a copy of the fixture files'),
    fixtures: fixtures.length > 0 ? fixtures : [...DEFAULT_FIXTURE_GLOBS],
    apiKey,
    model: core.getInput('model').trim() || DEFAULT_OPENAI_MODEL,
    baseUrl,
    concurrency: integerInput(core, 'concurrency', 4, { min: 1, max: MAX_JUDGE_CONCURRENCY }),
    contextTokens: integerInput(core, 'context-tokens', 8192, { min: 1024, max: 10_000_000 }),
    ...(cacheDir ? { cacheDir } : {}),
    ...(baselinePath ? { baselinePath } : {}),
    ...(historyPath ? { historyPath } : {}),
    trendGate: booleanInput(core, 'trend-gate', true),
    thresholds: thresholdsInput(core, 'thresholds'),
    ...(tolerance ? { tolerance: parsedInput('tolerance', tolerance, parseTolerance) } : {}),
    judgeGate: booleanInput(core, 'judge-gate', false),
    fetchTimeoutMs: integerInput(core, 'fetch-timeout', DEFAULT_FETCH_TIMEOUT_MS, { min: 1, max: 3_600_000 }),
    maxBytes: integerInput(core, 'max-bytes', DEFAULT_MAX_BYTES, { min: 1, max: 1024 ** 3 }),
    outDir: core.getInput('out-dir').trim() || 'sumops-judge',
  };
}

/** `METRIC=VALUE` items (newline- or comma-separated), each a minimum mean as a fraction; a later one wins. */
function thresholdsInput(reader: InputReader, name: string): Partial<Record<Metric, number>> {
  const thresholds: Partial<Record<Metric, number>> = {};
  for (const spec of listInput(reader, name)) {
    const [metric, value] = parsedInput(name, spec, parseThreshold);
    thresholds[metric] = value;
  }
  return thresholds;
}
