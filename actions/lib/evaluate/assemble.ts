import { JUDGE_METRICS } from '#lib/judge/types';
import type { ProviderSpec } from '#lib/summarize/provider-spec';
import type { BootstrapSettings, ValuesById } from './aggregate';
import { aggregateCases, comparePaired } from './aggregate';
import type { BaselineScores } from './baseline-file';
import { baselineCaseOf } from './baseline-file';
import type { CaseAccess, CaseTableResult, EvalRun } from './case-access';
import { toCaseAccess } from './case-access';
import { latencySummary, tagView } from './case-summaries';
import { evaluateGates, gatedMetrics } from './gates';
import type { Metric } from './metrics/registry';
import { SCORES_FORMAT, SCORES_VERSION } from './scores-schema';
import type {
  BaselineComparison,
  CaseResult,
  EvalResult,
  EvalSettings,
  FixtureSetInfo,
  JudgeInfo,
  JudgeUsage,
  ProviderInfo,
  ShardInfo,
} from './types';

/** Where the numbers to compare against come from. */
export type BaselineSource =
  /** A scores.json from an earlier run (e.g. main's artifact). */
  | { kind: 'file'; path: string }
  /** A second provider evaluated on the same cases in this run (e.g. the production Space). */
  | { kind: 'provider'; provider: ProviderSpec };

/** How a run is judged: every gate's settings (see gates.ts). */
export interface GateSettings {
  thresholds: Partial<Record<Metric, number>>;
  tolerance: number;
  /** Metrics that do not gate by default whose regressions should gate too. */
  gate?: readonly Metric[];
  maxP95Ms?: number;
}

export interface AssembleInput extends GateSettings {
  createdAt: string;
  gitSha?: string;
  provider: ProviderInfo;
  settings: EvalSettings;
  fixtures: string[];
  fixtureSet?: FixtureSetInfo;
  shard?: ShardInfo;
  /** What judging cost, when the run was judged. */
  judge?: JudgeUsage;
  /** Per-case results in canonical order: the bootstrap resamples in this order, so it decides the CIs. */
  cases: CaseResult[] | CaseAccess;
  baseline?: { source: BaselineSource; scores: BaselineScores; results?: CaseResult[] };
}

/**
 * Everything computed from per-case results: aggregates, the latency, the per-tag view, the baseline comparison
 * and the gates. An unsharded run and a merge of its shards both end here with the same cases in the same order,
 * so they agree field by field.
 */
export function assembleResult(input: AssembleInput & { cases: CaseResult[] }): EvalResult;
export function assembleResult(input: AssembleInput & { cases: CaseAccess }): CaseTableResult;
export function assembleResult(input: AssembleInput): EvalRun {
  const metrics = input.settings.metrics;
  const bootstrap: BootstrapSettings = {
    samples: input.settings.bootstrapSamples,
    confidence: input.settings.confidence,
    seed: input.settings.seed,
  };
  const cases = toCaseAccess(input.cases);
  const aggregate = aggregateCases(cases, metrics, bootstrap);
  const latency = latencySummary(cases);
  const byTag = tagView(cases, metrics, bootstrap, aggregate);
  const baseline = input.baseline
    ? compare(valuesById(cases, metrics), input.baseline, input.settings, bootstrap)
    : undefined;
  const gates = evaluateGates({
    aggregate,
    cases,
    metrics,
    thresholds: input.thresholds,
    tolerance: input.tolerance,
    ...(input.gate ? { gated: gatedMetrics(metrics, input.gate) } : {}),
    ...(baseline ? { baseline } : {}),
    ...(latency ? { latency } : {}),
    ...(input.maxP95Ms !== undefined ? { maxP95Ms: input.maxP95Ms } : {}),
  });
  return {
    format: SCORES_FORMAT,
    version: SCORES_VERSION,
    passed: gates.every((gate) => gate.passed),
    createdAt: input.createdAt,
    ...(input.gitSha ? { gitSha: input.gitSha } : {}),
    provider: input.provider,
    settings: input.settings,
    fixtures: input.fixtures,
    ...(input.fixtureSet ? { fixtureSet: input.fixtureSet } : {}),
    ...(input.shard ? { shard: input.shard } : {}),
    ...(input.judge ? { judge: input.judge } : {}),
    aggregate,
    ...(latency ? { latency } : {}),
    ...(byTag ? { byTag } : {}),
    cases: input.cases,
    ...(baseline ? { baseline } : {}),
    gates,
  } as EvalRun;
}

/** A provider baseline's per-case results as the scores a comparison reads. */
export function baselineScoresOf(
  provider: ProviderInfo,
  settings: Pick<EvalSettings, 'stemmer' | 'metrics' | 'judge'>,
  results: readonly CaseResult[],
): BaselineScores {
  return {
    provider,
    stemmer: settings.stemmer,
    metrics: settings.metrics,
    ...(settings.judge ? { judge: settings.judge } : {}),
    cases: results.flatMap((r) => baselineCaseOf(r) ?? []),
  };
}

const isJudgeMetric = (metric: Metric): boolean => (JUDGE_METRICS as readonly string[]).includes(metric);

/** Why judge metrics of two runs can't be compared (another model or prompt grades differently), or undefined. */
function judgeMismatch(run: JudgeInfo | undefined, baseline: JudgeInfo | undefined): string | undefined {
  if (!run || !baseline) return undefined;
  if (run.model === baseline.model && run.promptVersion === baseline.promptVersion) return undefined;
  const who = (j: JudgeInfo) => `${j.model} (prompt ${j.promptVersion.slice(0, 12)})`;
  return `judge metrics are not compared: the baseline was judged by ${who(baseline)} and this run by ${who(run)}, and another judge grades differently`;
}

function compare(
  candidate: ValuesById,
  baseline: NonNullable<AssembleInput['baseline']>,
  settings: EvalSettings,
  bootstrap: BootstrapSettings,
): BaselineComparison {
  const { scores, source } = baseline;
  const { stemmer, metrics } = settings;
  const mismatch = judgeMismatch(settings.judge, scores.judge);
  const comparable = (m: Metric) => scores.metrics.includes(m) && !(mismatch && isJudgeMetric(m));
  const compared = metrics.filter(comparable);
  const missingMetrics = metrics.filter((m) => !scores.metrics.includes(m));
  const incomparable = metrics.filter((m) => scores.metrics.includes(m) && !comparable(m));
  const baselineValues: ValuesById = new Map(scores.cases.map((c) => [c.id, c.values]));
  const paired = comparePaired(candidate, baselineValues, compared, bootstrap);
  const notes: string[] = [];
  if (scores.stemmer !== undefined && scores.stemmer !== stemmer) {
    notes.push(
      `the baseline was scored ${scores.stemmer ? 'with' : 'without'} stemming and this run ${stemmer ? 'with' : 'without'}; deltas mix the two settings`,
    );
  }
  if (missingMetrics.length > 0) {
    const why = scores.fileVersion !== undefined ? `a version-${scores.fileVersion} scores.json` : 'it';
    notes.push(
      `no baseline for ${missingMetrics.join(', ')}: ${why} has no values for ${missingMetrics.length === 1 ? 'it' : 'them'}, so ${missingMetrics.length === 1 ? 'it is' : 'they are'} not compared or regression-gated`,
    );
  }
  if (mismatch && incomparable.length > 0) notes.push(mismatch);
  if (paired.paired.length === 0)
    notes.push('no case was scored by both sides, so no regression gate was applied');
  const erroredBaseline = baseline.results?.filter((r) => r.error !== undefined).map((r) => r.id) ?? [];
  if (erroredBaseline.length > 0)
    notes.push(`${erroredBaseline.length} baseline cases errored and are not compared`);
  return {
    source: source.kind === 'file' ? { kind: 'file', path: source.path } : { kind: 'provider' },
    provider: scores.provider,
    ...(scores.gitSha ? { gitSha: scores.gitSha } : {}),
    ...(scores.createdAt ? { createdAt: scores.createdAt } : {}),
    aggregate: paired.baseline,
    deltas: paired.deltas,
    missingMetrics: [...missingMetrics, ...incomparable],
    paired: paired.paired.length,
    onlyCandidate: paired.onlyCandidate,
    onlyBaseline: paired.onlyBaseline,
    cases: scores.cases,
    notes,
  };
}

function valuesById(cases: CaseAccess, metrics: readonly Metric[]): ValuesById {
  const byId: ValuesById = new Map();
  for (let position = 0; position < cases.size; position++) {
    if (!cases.hasScores(position)) continue;
    const values: Partial<Record<Metric, number>> = {};
    for (const metric of metrics) {
      const value = cases.value(position, metric);
      if (value !== undefined) values[metric] = value;
    }
    byId.set(cases.id(position), values);
  }
  return byId;
}
