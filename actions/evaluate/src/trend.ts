import { resolve } from 'node:path';
import { DEFAULT_TOLERANCE } from '#lib/evaluate/index';
import type { EvalRun } from '#lib/evaluate/index';
import { renderTrendSection, withTrendGates } from '#lib/history/index';
import { loadHistoryRecords } from '#action-support/history-file';
import type { ActionLog } from '#action-support/job';
import type { EvaluateInputs } from './inputs';

/**
 * The report's trend chart from the history input and, with trend-gate, the trend gates added to the result.
 * Nothing for one shard (the merge job draws it) or without a history yet.
 */
export async function withHistory(
  result: EvalRun,
  inputs: Pick<EvaluateInputs, 'historyPath' | 'trendGate' | 'tolerance'>,
  context: { workspace: string; gitSha: string; isPullRequest: boolean; log: ActionLog },
): Promise<{ result: EvalRun; trend?: string }> {
  if (!inputs.historyPath || result.shard) return { result };
  const records = await loadHistoryRecords(resolve(context.workspace, inputs.historyPath), context.log);
  if (!records) {
    context.log.notice(`No score history at ${inputs.historyPath}, so the report has no trend chart yet.`);
    return { result };
  }
  // On main the history may already hold this commit (a re-run): don't compare the run with itself.
  const others = records.filter((r) => r.gitSha !== context.gitSha);
  const gated = inputs.trendGate
    ? withTrendGates(result, others, { tolerance: inputs.tolerance ?? DEFAULT_TOLERANCE })
    : result;
  const label = context.isPullRequest ? 'this PR' : 'this run';
  return { result: gated, trend: renderTrendSection(gated, others, { label }) };
}
