import type { ProviderSpec } from '#lib/summarize/provider-spec';
import type { BootstrapSettings, FmeasureById } from './aggregate';
import { aggregateColumns, comparePaired } from './aggregate';
import type { BaselineScores } from './baseline-file';
import { baselineCaseOf } from './baseline-file';
import type { CaseAccess, CaseTableResult, EvalRun } from './case-access';
import { toCaseAccess } from './case-access';
import { evaluateGates } from './gates';
import type {
  BaselineComparison,
  CaseResult,
  EvalResult,
  EvalSettings,
  FixtureSetInfo,
  Metric,
  ProviderInfo,
  ShardInfo,
} from './types';
import { METRICS, SCORES_FORMAT } from './types';

/** Where the numbers to compare against come from. */
export type BaselineSource =
  /** A scores.json from an earlier run (e.g. main's artifact). */
  | { kind: 'file'; path: string }
  /** A second provider evaluated on the same cases in this run (e.g. the production Space). */
  | { kind: 'provider'; provider: ProviderSpec };

export interface AssembleInput {
  createdAt: string;
  gitSha?: string;
  provider: ProviderInfo;
  settings: EvalSettings;
  fixtures: string[];
  fixtureSet?: FixtureSetInfo;
  shard?: ShardInfo;
  /** Per-case results in canonical order: the bootstrap resamples in this order, so it decides the CIs. */
  cases: CaseResult[] | CaseAccess;
  baseline?: { source: BaselineSource; scores: BaselineScores; results?: CaseResult[] };
  thresholds: Partial<Record<Metric, number>>;
  tolerance: number;
}

/**
 * Everything computed from per-case results: aggregates, the baseline comparison and the gates. An unsharded run
 * and a merge of its shards both end here with the same cases in the same order, so they agree field by field.
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
  const aggregate = aggregateColumns(scoredColumns(cases, metrics), metrics, bootstrap);
  const baseline = input.baseline
    ? compare(fmeasuresById(cases), input.baseline, input.settings.stemmer, metrics, bootstrap)
    : undefined;
  const gates = evaluateGates({
    aggregate,
    cases,
    metrics,
    thresholds: input.thresholds,
    tolerance: input.tolerance,
    ...(baseline ? { baseline } : {}),
  });
  return {
    format: SCORES_FORMAT,
    version: 1,
    passed: gates.every((gate) => gate.passed),
    createdAt: input.createdAt,
    ...(input.gitSha ? { gitSha: input.gitSha } : {}),
    provider: input.provider,
    settings: input.settings,
    fixtures: input.fixtures,
    ...(input.fixtureSet ? { fixtureSet: input.fixtureSet } : {}),
    ...(input.shard ? { shard: input.shard } : {}),
    aggregate,
    cases: input.cases,
    ...(baseline ? { baseline } : {}),
    gates,
  } as EvalRun;
}

/** The scored cases' F-measures, one column per metric, in the cases' order (the order the bootstrap draws from). */
function scoredColumns(cases: CaseAccess, metrics: readonly Metric[]): number[][] {
  const columns = metrics.map(() => new Array<number>(cases.scoredCount));
  let row = 0;
  for (let position = 0; position < cases.size; position++) {
    if (!cases.hasScores(position)) continue;
    metrics.forEach((metric, m) => ((columns[m] as number[])[row] = cases.fmeasure(position, metric) ?? 0));
    row++;
  }
  return columns;
}

/** A provider baseline's per-case results as the scores a comparison reads. */
export function baselineScoresOf(
  provider: ProviderInfo,
  stemmer: boolean,
  results: readonly CaseResult[],
): BaselineScores {
  return {
    provider,
    stemmer,
    cases: results.flatMap((r) => baselineCaseOf(r) ?? []),
  };
}

function compare(
  candidateF: FmeasureById,
  baseline: NonNullable<AssembleInput['baseline']>,
  stemmer: boolean,
  metrics: readonly Metric[],
  bootstrap: BootstrapSettings,
): BaselineComparison {
  const { scores, source } = baseline;
  const baselineF: FmeasureById = new Map(scores.cases.map((c) => [c.id, c.fmeasure]));
  const paired = comparePaired(candidateF, baselineF, metrics, bootstrap);
  const notes: string[] = [];
  if (scores.stemmer !== undefined && scores.stemmer !== stemmer) {
    notes.push(
      `the baseline was scored ${scores.stemmer ? 'with' : 'without'} stemming and this run ${stemmer ? 'with' : 'without'}; deltas mix the two settings`,
    );
  }
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
    paired: paired.paired.length,
    onlyCandidate: paired.onlyCandidate,
    onlyBaseline: paired.onlyBaseline,
    cases: scores.cases,
    notes,
  };
}

function fmeasuresById(cases: CaseAccess): FmeasureById {
  const byId: FmeasureById = new Map();
  for (let position = 0; position < cases.size; position++) {
    if (!cases.hasScores(position)) continue;
    const f = {} as Record<Metric, number>;
    for (const metric of METRICS) f[metric] = cases.fmeasure(position, metric) ?? 0;
    byId.set(cases.id(position), f);
  }
  return byId;
}
