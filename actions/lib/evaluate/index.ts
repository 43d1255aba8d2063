export { runEvaluation, DEFAULT_EVAL_CONCURRENCY } from './run';
export type { EvalOptions, EvalDeps, BaselineSource } from './run';
export { mergeShards } from './merge';
export type { MergeOptions, MergeDeps } from './merge';
export { parseShardSpec, assignShards, casesOfShard, fixtureSetHash, MAX_SHARDS } from './shard';
export type { ShardSpec } from './shard';
export { assembleResult } from './assemble';
export { loadFixtures, parseFixtureFile, DEFAULT_FIXTURES } from './fixtures';
export { readBaselineFile, parseBaselineScores } from './baseline-file';
export type { BaselineScores } from './baseline-file';
export {
  evaluateGates,
  parseThreshold,
  parseTolerance,
  points,
  signedPoints,
  DEFAULT_TOLERANCE,
} from './gates';
export { renderReport, DEFAULT_REPORT_MAX_CHARS } from './report';
export type { ReportOptions } from './report';
export { writeEvalOutputs } from './outputs';
export {
  FixtureFormatError,
  DuplicateCaseIdError,
  NoFixturesError,
  BaselineFileError,
  GateConfigError,
  MissingDocumentLoaderError,
  ShardFileError,
  ShardSetError,
  MissingShardsError,
} from './errors';
export { METRICS, SCORES_FORMAT } from './types';
export type {
  Metric,
  Score,
  Interval,
  MetricIntervals,
  ProviderInfo,
  EvalCase,
  CaseResult,
  EvalSettings,
  GateKind,
  GateOutcome,
  BaselineComparison,
  EvalResult,
  FixtureSetInfo,
  ShardInfo,
} from './types';
