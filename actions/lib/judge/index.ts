// The judge's public API; the result shapes are all in ./types.
export { judgeCases } from './judge';
export type { JudgeSettings, JudgeDeps } from './settings';
export { MAX_JUDGE_CONCURRENCY } from './settings';
export { resolveJudgeKey } from './key';
export { JUDGE_PROMPT_VERSION } from './prompt';
export { JudgeSettingError } from './errors';
export { JUDGE_METRICS } from './types';
export type { JudgeCase, JudgeCaseResult, JudgeRun, ScoredCase } from './types';
