import { join, resolve } from 'node:path';
import { renderReport, writeEvalOutputs } from '#lib/evaluate/index';
import type { EvalRun } from '#lib/evaluate/index';
import { historyRecordFromResult } from '#lib/history/index';
import { createOctokit } from '#lib/github/octokit';
import { withProvenance } from '#lib/github/provenance';
import { EVALUATE_COMMENT_MARKER } from '#lib/github/sticky-comment';
import { writeHistoryRecord } from '#action-support/history-file';
import { headSha } from '#action-support/job';
import type { ActionLog, ActionOutcome, RunContext } from '#action-support/job';
import { postStickyComment } from '#action-support/sticky-comment';
import { evaluateOrMerge } from './evaluation';
import type { EvaluateInputs } from './inputs';
import { withHistory } from './trend';

/**
 * The evaluate action's job: evaluate (or merge the shards), add the history's trend, write scores.json, the
 * report and the history line, post the sticky PR comment, and return the outputs, the report as the job summary
 * and the verdict. The verdict comes last, so a failing run still publishes its report.
 */
export async function evaluateJob(
  inputs: EvaluateInputs,
  run: RunContext,
  log: ActionLog,
): Promise<ActionOutcome> {
  const gitSha = headSha(run);
  const evaluated = await evaluateOrMerge(inputs, run.workspace, gitSha, log);
  if (!evaluated) return { outputs: {} };
  const { result, trend } = await withHistory(evaluated, inputs, {
    workspace: run.workspace,
    gitSha,
    isPullRequest: run.pullRequest !== undefined,
    log,
  });

  const outDir = resolve(run.workspace, inputs.outDir);
  const reportOptions = { runUrl: run.runUrl, marker: EVALUATE_COMMENT_MARKER, ...(trend ? { trend } : {}) };
  const { scoresPath, reportPath } = await writeEvalOutputs(result, outDir, reportOptions);
  const report = renderReport(result, reportOptions);
  const outputs: Record<string, string> = {
    passed: String(result.passed),
    'scores-path': scoresPath,
    'report-path': reportPath,
    // The line the history job appends on main (none for one shard).
    'history-record-path': await writeHistoryRecord(
      result.shard ? undefined : historyRecordFromResult(result, { kind: 'evaluation' }),
      join(outDir, 'history-record.jsonl'),
    ),
  };
  let error: unknown;
  try {
    outputs['comment-url'] = await postComment(inputs, run, report, log);
  } catch (caught) {
    error = caught;
  }
  return { outputs, summary: report, ...(error !== undefined ? { error } : verdict(result, inputs)) };
}

/** A failed gate fails the job unless fail-on-regression is false, when it is a warning. */
function verdict(result: EvalRun, inputs: EvaluateInputs): Pick<ActionOutcome, 'failure' | 'warnings'> {
  if (result.passed) return {};
  const failed = result.gates.filter((gate) => !gate.passed).map((gate) => gate.message);
  const text = `Evaluation failed: ${failed.join('; ') || 'see the report'}.`;
  return inputs.failOnRegression
    ? { failure: text }
    : { warnings: [`${text} (fail-on-regression is false, so the job stays green)`] };
}

/** The sticky PR comment's URL, or '' when there is nothing to (or no right to) comment on. */
async function postComment(
  inputs: EvaluateInputs,
  run: RunContext,
  report: string,
  log: ActionLog,
): Promise<string> {
  if (!inputs.comment || !run.pullRequest) return '';
  if (inputs.githubToken === '') {
    log.notice('No github-token, so no PR comment: the report is in the job summary.');
    return '';
  }
  const comment = await postStickyComment({
    octokit: createOctokit({ token: inputs.githubToken, baseUrl: run.apiUrl, logger: log }),
    owner: run.owner,
    repo: run.repo,
    issueNumber: run.pullRequest.number,
    marker: EVALUATE_COMMENT_MARKER,
    body: withProvenance(report),
    log,
    whereInstead:
      'The report is in the job summary and the results artifact; on fork PRs the evaluate-comment workflow posts it.',
  });
  return comment?.url ?? '';
}
