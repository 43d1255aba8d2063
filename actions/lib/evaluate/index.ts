export { runEvaluation } from './run';
export type { EvalOptions, EvalDeps, BaselineSource } from './run';
export { loadFixtures, parseFixtureFile } from './fixtures';
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
} from './errors';
export { METRICS, SCORES_FORMAT } from './types';
export type {
  Metric,
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
} from './types';
