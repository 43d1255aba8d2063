import { DEFAULT_EVAL_CONCURRENCY, DEFAULT_FIXTURE_GLOBS, DEFAULT_HUB_URL } from '#lib/defaults';
import { InvalidValueError } from '#lib/errors';
import { parseThreshold, parseTolerance } from '#lib/evaluate/gates';
import type { ShardSpec } from '#lib/evaluate/shard';
import { MAX_SHARDS, parseShardSpec } from '#lib/evaluate/shard';
import type { Metric } from '#lib/evaluate/metrics/registry';
import {
  ActionInputError,
  booleanInput,
  choiceInput,
  integerInput,
  listInput,
  secretInput,
} from '#action-support/action-inputs';
import type { InputReader } from '#action-support/action-inputs';
import { parseSpaceRef } from '#lib/hub/space-ref';
import type { ProviderSpec } from '#lib/summarize/provider-spec';
import { PROVIDERS } from '#lib/summarize/providers';

/** For `url` cases; the same as the CLI's --timeout default, but this input is the action's to document. */
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Every input of actions/evaluate/action.yml, parsed and validated. */
export interface EvaluateInputs {
  provider: ProviderSpec;
  /** Empty when no Hugging Face token was given (always so on fork PRs: no secrets). */
  hfToken: string;
  fixtures: string[];
  thresholds: Partial<Record<Metric, number>>;
  /** Scores JSON to compare with; a missing file is a notice, not a failure. */
  baselinePath?: string;
  /** Evaluated side by side with `provider`; wins over `baselinePath` when both are set. */
  baselineProvider?: ProviderSpec;
  tolerance?: number;
  /** Fail when the provider's p95 summarize latency over the cases is above this many ms; unset: report only. */
  maxP95Ms?: number;
  concurrency: number;
  /** Limits for fetching `url` cases. */
  fetchTimeoutMs: number;
  maxBytes: number;
  comment: boolean;
  githubToken: string;
  outDir: string;
  failOnRegression: boolean;
  /** Evaluate only this shard of the fixture set (a matrix job). */
  shard?: ShardSpec;
  /** Merge the shard scores.json files under this directory instead of evaluating (the matrix's merge job). */
  mergeShardsDir?: string;
  /** With mergeShardsDir: the matrix size, so a merge names every missing shard. */
  shardCount?: number;
  /** history.jsonl of main's runs: the report's trend chart and, with trendGate, a gate on the trend. */
  historyPath?: string;
  trendGate: boolean;
}

export function getInputs(core: InputReader): EvaluateInputs {
  const hfToken = secretInput(core, 'hf-token');
  const githubToken = secretInput(core, 'github-token');
  const hubUrl = urlInput(core, 'hub-url', DEFAULT_HUB_URL);

  const provider = providerInput(core, 'provider', 'space', { hfToken, hubUrl, fallback: 'embedded' });
  if (!provider) throw new ActionInputError('provider', '', `expected one of ${PROVIDERS.join(', ')}`);
  const baselineProvider = providerInput(core, 'baseline-provider', 'baseline-space', { hfToken, hubUrl });

  const baselinePath = core.getInput('baseline').trim();
  const tolerance = core.getInput('tolerance').trim();
  const fixtures = listInput(core, 'fixtures');
  const shard = core.getInput('shard').trim();
  const mergeShardsDir = core.getInput('merge-shards').trim();
  const historyPath = core.getInput('history').trim();
  if (shard && mergeShardsDir)
    throw new ActionInputError(
      'shard',
      shard,
      'expected it empty when merge-shards is set (a merge covers every shard)',
    );
  if (shard && baselineProvider)
    throw new ActionInputError(
      'shard',
      shard,
      'expected it empty with baseline-provider; compare at the merge with baseline instead',
    );
  return {
    ...(shard ? { shard: asInput('shard', shard, parseShardSpec) } : {}),
    ...(mergeShardsDir ? { mergeShardsDir } : {}),
    ...(core.getInput('shards').trim() !== ''
      ? { shardCount: integerInput(core, 'shards', 1, { min: 1, max: MAX_SHARDS }) }
      : {}),
    ...(historyPath ? { historyPath } : {}),
    trendGate: booleanInput(core, 'trend-gate', true),
    provider,
    hfToken,
    fixtures: fixtures.length > 0 ? fixtures : [...DEFAULT_FIXTURE_GLOBS],
    thresholds: thresholdsInput(core),
    ...(baselinePath ? { baselinePath } : {}),
    ...(baselineProvider ? { baselineProvider } : {}),
    ...(tolerance ? { tolerance: asInput('tolerance', tolerance, parseTolerance) } : {}),
    ...(core.getInput('max-p95-ms').trim() !== ''
      ? { maxP95Ms: integerInput(core, 'max-p95-ms', 1, { min: 1, max: 3_600_000 }) }
      : {}),
    concurrency: integerInput(core, 'concurrency', DEFAULT_EVAL_CONCURRENCY, { min: 1, max: 64 }),
    fetchTimeoutMs: integerInput(core, 'fetch-timeout', DEFAULT_FETCH_TIMEOUT_MS, { min: 1, max: 3_600_000 }),
    maxBytes: integerInput(core, 'max-bytes', DEFAULT_MAX_BYTES, { min: 1, max: 1024 ** 3 }),
    comment: booleanInput(core, 'comment', true),
    githubToken,
    outDir: core.getInput('out-dir').trim() || 'sumops-eval',
    failOnRegression: booleanInput(core, 'fail-on-regression', true),
  };
}

function providerInput(
  core: InputReader,
  name: string,
  spaceInput: string,
  options: { hfToken: string; hubUrl: string; fallback?: 'embedded' },
): ProviderSpec | undefined {
  const raw = core.getInput(name).trim();
  if (raw === '' && !options.fallback) return undefined;
  const kind = choiceInput(core, name, PROVIDERS, options.fallback ?? 'embedded');
  if (kind === 'embedded') return { kind: 'embedded' };
  const space = core.getInput(spaceInput).trim();
  if (space === '') {
    throw new ActionInputError(
      spaceInput,
      '',
      `expected a Space id (owner/name) or app URL because ${name} is "space"`,
    );
  }
  asInput(spaceInput, space, (value) => parseSpaceRef(value, options.hubUrl));
  return {
    kind: 'space',
    space,
    hubUrl: options.hubUrl,
    ...(options.hfToken ? { token: options.hfToken } : {}),
  };
}

function thresholdsInput(core: InputReader): Partial<Record<Metric, number>> {
  const thresholds: Partial<Record<Metric, number>> = {};
  for (const spec of listInput(core, 'thresholds')) {
    const [metric, value] = asInput('thresholds', spec, parseThreshold);
    thresholds[metric] = value;
  }
  return thresholds;
}

function urlInput(core: InputReader, name: string, fallback: string): string {
  const value = core.getInput(name).trim();
  if (value === '') return fallback;
  if (!/^https?:\/\/[^\s/]+/.test(value)) throw new ActionInputError(name, value, 'expected an http(s) URL');
  return value.replace(/\/+$/, '');
}

/**
 * Runs a library parser; its InvalidValueError carries the value and what was expected, which become an error
 * naming this action's input.
 */
function asInput<T>(name: string, value: string, parse: (value: string) => T): T {
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof InvalidValueError) throw new ActionInputError(name, error.value, error.expected);
    throw error;
  }
}
