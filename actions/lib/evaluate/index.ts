export { runEvaluation } from './run';
export type { EvalOptions, EvalDeps, BaselineSource } from './run';
export { mergeShards } from './merge';
export type { MergeOptions, MergeDeps } from './merge';
export { parseShardSpec, assignShards, casesOfShard, fixtureSetHash, MAX_SHARDS } from './shard';
export type { ShardSpec } from './shard';
export { assembleResult } from './assemble';
export { loadFixtures, parseFixtureFile } from './fixtures';
export { readBaselineFile, parseBaselineScores } from './baseline-file';
export {
  evaluateGates,
  parseThreshold,
  parseTolerance,
  points,
  signedPoints,
  DEFAULT_TOLERANCE,
} from './gates';
export { renderReport } from './report';
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
  MetricIntervals,
  ProviderInfo,
  EvalCase,
  CaseResult,
  EvalSettings,
  GateOutcome,
  BaselineComparison,
  EvalResult,
  FixtureSetInfo,
  ShardInfo,
} from './types';
