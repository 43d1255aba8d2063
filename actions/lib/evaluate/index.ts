export { runEvaluation } from './run';
export type { EvalOptions, EvalDeps, BaselineSource } from './run';
export { mergeShards } from './merge';
export { parseShardSpec, assignShards, casesOfShard, fixtureSetHash } from './shard';
export { loadFixtures, parseFixtureFile } from './fixtures';
export { readBaselineFile, parseBaselineScores } from './baseline-file';
export { evaluateGates, parseThreshold, parseTolerance, DEFAULT_TOLERANCE } from './gates';
export { points } from './format';
export { renderReport } from './report';
export { writeEvalOutputs } from './outputs';
export { materializeCases } from './case-access';
export type { CaseTableResult, EvalRun } from './case-access';
export { formatScoresJson } from './scores-writer';
export {
  FixtureFormatError,
  DuplicateCaseIdError,
  NoFixturesError,
  BaselineFileError,
  GateConfigError,
  ShardFileError,
  ShardSetError,
  MissingShardsError,
} from './errors';
export { METRICS, DEFAULT_METRICS, ROUGE_METRICS, describeMetric, isMetric } from './metrics/registry';
export { SCORES_FORMAT } from './scores-schema';
export type {
  Metric,
  MetricIntervals,
  EvalCase,
  CaseResult,
  GateOutcome,
  BaselineComparison,
  EvalResult,
} from './types';
